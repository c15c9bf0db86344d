import { z } from '../shared/zod'
import { caseSources, type CaseSource } from './case-figures'
import { percentileHours } from './histogram'

/**
 * One node's figures in one period as the stats document stores them, sparse (absent means 0): counts by
 * indicator (`c`), received by source (`src`) and by category (`cat`), sums (`s`: seconds since the report
 * for the durations, stars for `satisfied`) and duration histograms (`h`, see histogram.ts).
 */
const counts = z.record(z.string(), z.number())
export const nodeSheetSchema = z.object({
  c: counts.optional(),
  src: counts.optional(),
  cat: counts.optional(),
  s: counts.optional(),
  h: z.record(z.string(), counts).optional(),
})
export type NodeSheet = z.infer<typeof nodeSheetSchema>

/** A share, 0–1; null when there is nothing to divide by (a rate of nothing is not 0%). */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null
}

const hours = (seconds: number) => Math.round((seconds / 3600) * 100) / 100

export interface DurationFigures {
  /** Cases that reached the step in the period. */
  count: number
  avgHours: number | null
  /** The 90th percentile, from the histogram: at most 19% above the exact value (see histogram.ts). */
  p90Hours: number | null
}

export interface NodeFigures {
  received: number
  accepted: number
  due: number
  closed: number
  closedOnTime: number
  reworked: number
  overdue: number
  rates: {
    closure: number | null
    onTimeClosure: number | null
    rework: number | null
    overdue: number | null
  }
  bySource: Record<CaseSource, number>
  byCategory: Record<string, number>
  missedByPatrol: number
  missedByPatrolRatio: number | null
  timeToClaim: DurationFigures
  timeToRectify: DurationFigures
  timeToClose: DurationFigures
  satisfaction: { rated: number; satisfied: number; rate: number | null; avgRating: number | null }
  escalations: number
  signOffs: number
  cards: { yellow: number; red: number }
}

/**
 * The figures of a node and period from its stored sheet, with the rates of DOMAIN.md: 结案率 = 结案/应结案,
 * 按期结案率 = 按期结案/应结案, 返工率 = 返工/应结案, 超期率 = 超期/应结案; 漏报率 = 漏报/受理; 满意率 =
 * 满意/评价. Every category of the catalog is listed, counted or not.
 */
export function figuresOf(sheet: NodeSheet | undefined, categoryIds: readonly string[]): NodeFigures {
  const count = (key: string) => sheet?.c?.[key] ?? 0
  const sum = (key: string) => sheet?.s?.[key] ?? 0
  const duration = (key: string): DurationFigures => {
    const n = count(key)
    return {
      count: n,
      avgHours: n > 0 ? hours(sum(key) / n) : null,
      p90Hours: percentileHours(sheet?.h?.[key], 0.9),
    }
  }
  const due = count('due')
  const received = count('received')
  const satisfied = count('satisfied')
  const byCategory: Record<string, number> = Object.fromEntries(categoryIds.map((id) => [id, 0]))
  for (const [id, n] of Object.entries(sheet?.cat ?? {})) if (n !== 0 || id in byCategory) byCategory[id] = n
  return {
    received,
    accepted: count('accepted'),
    due,
    closed: count('closed'),
    closedOnTime: count('closedOnTime'),
    reworked: count('reworked'),
    overdue: count('overdue'),
    rates: {
      closure: rate(count('closed'), due),
      onTimeClosure: rate(count('closedOnTime'), due),
      rework: rate(count('reworked'), due),
      overdue: rate(count('overdue'), due),
    },
    bySource: Object.fromEntries(caseSources.map((source) => [source, sheet?.src?.[source] ?? 0])) as Record<
      CaseSource,
      number
    >,
    byCategory,
    missedByPatrol: count('missedByPatrol'),
    missedByPatrolRatio: rate(count('missedByPatrol'), received),
    timeToClaim: duration('claimed'),
    timeToRectify: duration('rectified'),
    timeToClose: duration('finished'),
    satisfaction: {
      rated: count('rated'),
      satisfied,
      rate: rate(satisfied, count('rated')),
      avgRating: satisfied > 0 ? Math.round((sum('satisfied') / satisfied) * 100) / 100 : null,
    },
    escalations: count('escalated'),
    signOffs: count('signedOff'),
    cards: { yellow: count('yellowCard'), red: count('redCard') },
  }
}
