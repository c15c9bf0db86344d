import { z } from '../shared/zod'
import { periodKindOf } from '../shared/time'
import { assessmentGrades, assessmentIndicators } from './rules'

/** The leagues: each level is ranked only against its own kind (街道 vs 街道, 社区 vs 社区, 网格 vs 网格). */
export const assessmentLevels = ['street', 'community', 'block'] as const
export type AssessmentLevel = (typeof assessmentLevels)[number]
export const assessmentLevelLabels: Record<AssessmentLevel, string> = {
  street: '街道',
  community: '社区',
  block: '网格',
}

export const assessmentStatuses = ['draft', 'published'] as const
export type AssessmentStatus = (typeof assessmentStatuses)[number]

const monthMessage = '请选择考核月份，例如 2026-11'
export const assessmentMonthSchema = z
  .string({ error: monthMessage })
  .max(7, { error: monthMessage })
  .refine((key) => periodKindOf(key) === 'month', { error: monthMessage })

const share = z.number().min(0).max(1).nullable()

export const assessmentEntrySchema = z.object({
  nodeId: z.string(),
  name: z.string(),
  /** The street or community above, for telling two 网格 of the same name apart. */
  parentName: z.string(),
  base: z.number().nullable(),
  score: z.number().nullable(),
  grade: z.enum(assessmentGrades).nullable(),
  rank: z.number().int().nullable(),
  rates: z.object(
    Object.fromEntries(assessmentIndicators.map((id) => [id, share])) as Record<
      (typeof assessmentIndicators)[number],
      typeof share
    >,
  ),
  yellow: z.number().int(),
  red: z.number().int(),
  supervisions: z.number().int(),
  interviews: z.number().int(),
  deduction: z.number(),
  notes: z.array(z.string()),
})
export type AssessmentEntry = z.infer<typeof assessmentEntrySchema>

export const assessmentLeagueSchema = z.object({
  level: z.enum(assessmentLevels),
  levelLabel: z.string(),
  entries: z.array(assessmentEntrySchema),
  /** 红榜 and 黑榜 (worst first), as node ids of the entries. */
  top: z.array(z.string()),
  bottom: z.array(z.string()),
})

export const assessmentViewSchema = z.object({
  id: z.string(),
  districtId: z.string(),
  districtName: z.string(),
  month: z.string(),
  monthLabel: z.string(),
  periodEnded: z.boolean(),
  status: z.enum(assessmentStatuses),
  statusLabel: z.string(),
  /** 1 for the first draft, one more for each redraft that changed it. */
  version: z.number().int(),
  weights: z.array(z.object({ id: z.enum(assessmentIndicators), label: z.string(), weight: z.number() })),
  leagues: z.array(assessmentLeagueSchema),
  /** When the figures drafted from last changed; null when nothing was counted that month. */
  figuresAsOf: z.string().nullable(),
  draftedAt: z.string(),
  draftedBy: z.string(),
  publishedAt: z.string().nullable(),
  publishedBy: z.string().nullable(),
  /** Earlier drafts of the month, kept as they were (shown to the district office and the supervisor). */
  history: z.array(z.object({ version: z.number().int(), draftedAt: z.string(), draftedBy: z.string() })),
})
export type AssessmentView = z.infer<typeof assessmentViewSchema>

/** The monthly assessment: drafted from the desk's figures and published by the district office. */
export const assessmentActions = {
  'assessment.draft': {
    input: z.object({ month: assessmentMonthSchema }),
    output: z.object({ assessment: assessmentViewSchema }),
  },
  'assessment.publish': {
    input: z.object({ month: assessmentMonthSchema }),
    output: z.object({ assessment: assessmentViewSchema }),
  },
  'assessment.list': {
    input: z.object({
      month: assessmentMonthSchema.optional(),
      level: z.enum(assessmentLevels, { error: '请选择街道、社区或网格' }).optional(),
    }),
    output: z.object({ items: z.array(assessmentViewSchema) }),
  },
} as const
