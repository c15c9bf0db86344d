import { z } from '../shared/zod'
import { pageOf } from '../shared/contract-kit'
import { gridRefSchema } from '../grid/contract'
import { calendarPeriods } from '../shared/time'
import { caseStatusSchema } from '../case/status'
import { caseSourceSchema, caseSources } from './case-figures'
import { reportsInputs, statsIndicatorSchema } from './inputs'

export * from './inputs'

const share = z.number().min(0).max(1).nullable()
const durationSchema = z.object({
  count: z.number().int(),
  avgHours: z.number().nullable(),
  p90Hours: z.number().nullable(),
})

/** What `stats.overview` answers for a node and period. */
export const statsOverviewSchema = z.object({
  gridId: z.string(),
  grid: gridRefSchema,
  period: z.string(),
  periodKind: z.enum(calendarPeriods),
  periodLabel: z.string(),
  /** False while the period runs: its figures are still growing. */
  periodEnded: z.boolean(),
  /** When the projection last changed these figures; null when nothing was ever counted here. */
  updatedAt: z.string().nullable(),
  received: z.number().int(),
  accepted: z.number().int(),
  due: z.number().int(),
  closed: z.number().int(),
  closedOnTime: z.number().int(),
  reworked: z.number().int(),
  overdue: z.number().int(),
  rates: z.object({ closure: share, onTimeClosure: share, rework: share, overdue: share }),
  bySource: z.object({
    resident: z.number().int(),
    volunteer: z.number().int(),
    patrol: z.number().int(),
    hotline: z.number().int(),
    sensor: z.number().int(),
    open311: z.number().int(),
  }) satisfies z.ZodType<Record<(typeof caseSources)[number], number>>,
  byCategory: z.record(z.string(), z.number().int()),
  missedByPatrol: z.number().int(),
  missedByPatrolRatio: share,
  /**
   * Patrols in the node and period, next to 漏报: check-ins, rounds with a check-in there, days with one,
   * and the finest grids under the node with one, out of all of them (the patrol-coverage projection).
   */
  patrol: z.object({
    rounds: z.number().int(),
    checkIns: z.number().int(),
    daysPatrolled: z.number().int(),
    gridsPatrolled: z.number().int(),
    gridsInScope: z.number().int(),
  }),
  timeToClaim: durationSchema,
  timeToRectify: durationSchema,
  timeToClose: durationSchema,
  satisfaction: z.object({
    rated: z.number().int(),
    satisfied: z.number().int(),
    rate: share,
    avgRating: z.number().nullable(),
  }),
  escalations: z.number().int(),
  signOffs: z.number().int(),
  cards: z.object({ yellow: z.number().int(), red: z.number().int() }),
})
export type StatsOverview = z.infer<typeof statsOverviewSchema>

export const statsCaseItemSchema = z.object({
  id: z.string(),
  caseNo: z.string(),
  status: caseStatusSchema,
  statusLabel: z.string(),
  categoryId: z.string(),
  categoryName: z.string(),
  source: caseSourceSchema,
  sourceLabel: z.string(),
  /** The grid the case counts for (属地). */
  grid: gridRefSchema,
  createdAt: z.string(),
  dueAt: z.string().nullable(),
  closedAt: z.string().nullable(),
})
export type StatsCaseItem = z.infer<typeof statsCaseItemSchema>

/** What `stats.charts` answers: the node's weeks, and this month's categories, times to close and children. */
export const statsChartsSchema = z.object({
  gridId: z.string(),
  grid: gridRefSchema,
  /** Oldest first; the last is the running week (`ended` false). */
  weeks: z.array(
    z.object({
      period: z.string(),
      label: z.string(),
      axisLabel: z.string(),
      ended: z.boolean(),
      received: z.number().int(),
      closed: z.number().int(),
    }),
  ),
  month: z.object({ period: z.string(), label: z.string(), ended: z.boolean() }),
  /** This month's received by category, most first; every category of the catalogue. */
  categories: z.array(z.object({ categoryId: z.string(), name: z.string(), count: z.number().int() })),
  /** This month's cases closed, by time from report to close (whole buckets of the stored histogram). */
  closeTime: z.object({
    count: z.number().int(),
    p90Hours: z.number().nullable(),
    bins: z.array(z.object({ upToHours: z.number().nullable(), label: z.string(), count: z.number().int() })),
  }),
  /** This month's children of the node, best on-time closure first; empty for a grid. */
  ranking: z.array(
    z.object({
      grid: gridRefSchema,
      received: z.number().int(),
      due: z.number().int(),
      closedOnTime: z.number().int(),
      onTimeClosure: share,
    }),
  ),
})
export type StatsCharts = z.infer<typeof statsChartsSchema>

export const reportsActions = {
  'stats.overview': { input: reportsInputs['stats.overview'], output: statsOverviewSchema },
  'stats.charts': { input: reportsInputs['stats.charts'], output: statsChartsSchema },
  'stats.cases': {
    input: reportsInputs['stats.cases'],
    output: pageOf(statsCaseItemSchema).extend({
      grid: gridRefSchema,
      period: z.string(),
      indicator: statsIndicatorSchema,
      indicatorLabel: z.string(),
    }),
  },
} as const
