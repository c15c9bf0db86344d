import { z } from '../shared/zod'
import { assessmentGrades, assessmentIndicators } from './rules'
import { assessmentInputs, assessmentLevels } from './inputs'

export * from './inputs'

export const assessmentStatuses = ['draft', 'published'] as const
export type AssessmentStatus = (typeof assessmentStatuses)[number]

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
    input: assessmentInputs['assessment.draft'],
    output: z.object({ assessment: assessmentViewSchema }),
  },
  'assessment.publish': {
    input: assessmentInputs['assessment.publish'],
    output: z.object({ assessment: assessmentViewSchema }),
  },
  'assessment.list': {
    input: assessmentInputs['assessment.list'],
    output: z.object({ items: z.array(assessmentViewSchema) }),
  },
} as const
