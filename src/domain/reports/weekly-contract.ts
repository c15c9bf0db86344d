import { z } from '../shared/zod'
import { gridRefSchema } from '../grid/contract'
import { weeklyInputs, weeklyTextSchema } from './weekly-inputs'

export * from './weekly-inputs'

/** The Thursday report's actions (report.weekly.*): their inputs (./weekly-inputs) and answers. */

/** A report's shown status: drafted by the job, submitted by the leader, late past the deadline, merged by the street. */
export const weeklyStatuses = ['draft', 'submitted', 'late', 'merged'] as const
export type WeeklyStatus = (typeof weeklyStatuses)[number]
export const weeklyStatusLabels: Record<WeeklyStatus, string> = {
  draft: '待填报',
  submitted: '已提交',
  late: '逾期未交',
  merged: '已汇总',
}

const share = z.number().min(0).max(1).nullable()

/** One row of section 3: a community's (or a street's) handling figures and its rank among its peers. */
export const handlingRowSchema = z.object({
  gridId: z.string(),
  name: z.string(),
  received: z.number().int(),
  due: z.number().int(),
  closed: z.number().int(),
  closedOnTime: z.number().int(),
  reworked: z.number().int(),
  overdue: z.number().int(),
  closureRate: share,
  onTimeRate: share,
  reworkRate: share,
  overdueRate: share,
  rank: z.number().int(),
})

const countedSchema = z.object({ id: z.string(), label: z.string(), count: z.number().int() })

/** The figures of a report, sections 1–5, as drafted from the stats read model. */
export const weeklyFiguresSchema = z.object({
  /** Section 1: no air-quality feed is connected yet; the sensors' reports are what the platform knows. */
  airQuality: z.object({ note: z.string(), sensorReports: z.number().int() }),
  received: z.number().int(),
  /** Section 2: problems by category and by source (the read model keeps the two apart). */
  byCategory: z.array(countedSchema),
  bySource: z.array(countedSchema),
  /** Section 3: this node's row, and its peers' (a street's communities, ranked). */
  own: handlingRowSchema,
  peers: z.array(handlingRowSchema),
  /** Section 4: cards and 督办 (escalations) of the week. */
  cards: z.object({ yellow: z.number().int(), red: z.number().int() }),
  escalations: z.number().int(),
  /** Section 5: the 三级网格 where most problems were reported, at most ten. */
  hotspots: z.array(countedSchema),
})
export type WeeklyFiguresView = z.infer<typeof weeklyFiguresSchema>

export const weeklyMergedSectionSchema = z.object({
  communityId: z.string(),
  name: z.string(),
  version: z.number().int(),
  submittedAt: z.string(),
  submittedBy: z.string(),
  text: weeklyTextSchema,
})

export const weeklyReportViewSchema = z.object({
  id: z.string(),
  /** A community's report, or its street's merged one. */
  kind: z.enum(['community', 'street']),
  grid: gridRefSchema,
  streetId: z.string(),
  week: z.string(),
  weekLabel: z.string(),
  dueDate: z.string(),
  /** When the community's report is due (policy.weeklyReport.submitByHour on the due day, Beijing). */
  deadline: z.string(),
  status: z.enum(weeklyStatuses),
  statusLabel: z.string(),
  /** Not submitted by the deadline, or submitted after it. */
  late: z.boolean(),
  /** 0 until the first submission (or merge), one more for each after it. */
  version: z.number().int(),
  figures: weeklyFiguresSchema,
  /** When the figures drafted from last changed; null when nothing was counted that week. */
  figuresAsOf: z.string().nullable(),
  draftedAt: z.string(),
  /** A community's section 6, as last submitted. */
  text: weeklyTextSchema.nullable(),
  /** A street's own text, as last merged. */
  mergeText: z.string().nullable(),
  /** A street's merged community reports, and the communities that had submitted nothing by then. */
  merged: z.array(weeklyMergedSectionSchema),
  missing: z.array(gridRefSchema),
  submittedAt: z.string().nullable(),
  submittedBy: z.string().nullable(),
  /** Earlier versions, oldest first, each kept as it was. */
  history: z.array(z.object({ version: z.number().int(), submittedAt: z.string(), submittedBy: z.string() })),
})
export type WeeklyReportView = z.infer<typeof weeklyReportViewSchema>

export const weeklyActions = {
  'report.weekly.list': {
    input: weeklyInputs['report.weekly.list'],
    output: z.object({
      week: z.string(),
      weekLabel: z.string(),
      deadline: z.string(),
      items: z.array(weeklyReportViewSchema),
      /** The communities' reports not in by the deadline, or in after it. */
      late: z.array(z.object({ id: z.string(), grid: gridRefSchema, submittedAt: z.string().nullable() })),
    }),
  },
  'report.weekly.get': {
    input: weeklyInputs['report.weekly.get'],
    output: z.object({ report: weeklyReportViewSchema }),
  },
  'report.weekly.submit': {
    input: weeklyInputs['report.weekly.submit'],
    output: z.object({ report: weeklyReportViewSchema }),
  },
  'report.weekly.merge': {
    input: weeklyInputs['report.weekly.merge'],
    output: z.object({ report: weeklyReportViewSchema }),
  },
  'report.weekly.export': {
    input: weeklyInputs['report.weekly.export'],
    /** The workbook's fileID, and a temporary URL that downloads it, handed to the caller only. */
    output: z.object({ fileID: z.string(), url: z.string(), fileName: z.string(), expiresAt: z.string() }),
  },
} as const
