import type { StatsOverview } from './contract'
import { beijingInstant, periodKeyOf, previousPeriod, reportDueDate } from '../shared/time'

/**
 * The Thursday report (DOMAIN.md, weekly report): each 社区 drafts the report week just ended from the stats
 * read model; the leader adds the free text. Pure: the job and the actions will feed it overviews.
 */

/** The one draft a community has for a week: the key that makes the job idempotent. */
export const weeklyReportId = (communityId: string, week: string) => `${communityId}:${week}`

/**
 * The report week a run at `now` drafts, or undefined when `now` is not the report day in Beijing. On the
 * report day the running report week has just begun, so the one to report is the one before it, which is
 * due that very day. `reportWeekday` is an ISO weekday (1 Monday … 7 Sunday), policy.weeklyReport.weekday.
 */
export function weekToDraft(now: Date, reportWeekday: number): string | undefined {
  // The Beijing date's weekday, read off the date key itself (a UTC midnight of that calendar date).
  const weekday = new Date(`${periodKeyOf('day', now)}T00:00:00Z`).getUTCDay() || 7
  if (weekday !== reportWeekday) return undefined
  return previousPeriod(periodKeyOf('report-week', now))
}

/** The figures of a community's overview a draft uses. */
export type WeeklyFigures = Pick<
  StatsOverview,
  | 'gridId'
  | 'received'
  | 'due'
  | 'closed'
  | 'closedOnTime'
  | 'reworked'
  | 'overdue'
  | 'rates'
  | 'byCategory'
  | 'bySource'
  | 'cards'
  | 'escalations'
>

/** One row of section 3: a community's handling figures, with its rank among its street's communities. */
export interface HandlingRow {
  gridId: string
  name: string
  received: number
  due: number
  closed: number
  closedOnTime: number
  reworked: number
  overdue: number
  closureRate: number | null
  onTimeRate: number | null
  reworkRate: number | null
  overdueRate: number | null
  /** 1 = best on-time closure among the compared communities; ties share a rank. */
  rank: number
}

export interface WeeklyDraft {
  id: string
  communityId: string
  week: string
  dueDate: string
  /** Section 2: problems found, by category and by source (the read model keeps the two apart). */
  byCategory: Record<string, number>
  bySource: StatsOverview['bySource']
  /** Section 3: this community's handling row. */
  handling: HandlingRow
  /** Section 4: cards shown and escalations (督办) in the week. */
  cards: StatsOverview['cards']
  escalations: number
}

export const handlingOf = (overview: WeeklyFigures, name: string): Omit<HandlingRow, 'rank'> => ({
  gridId: overview.gridId,
  name,
  received: overview.received,
  due: overview.due,
  closed: overview.closed,
  closedOnTime: overview.closedOnTime,
  reworked: overview.reworked,
  overdue: overview.overdue,
  closureRate: overview.rates.closure,
  onTimeRate: overview.rates.onTimeClosure,
  reworkRate: overview.rates.rework,
  overdueRate: overview.rates.overdue,
})

/** Ranks rows by on-time closure rate, then fewer overdue; a community with nothing due ranks last. */
export function rankHandling(rows: ReadonlyArray<Omit<HandlingRow, 'rank'>>): HandlingRow[] {
  const score = (row: Omit<HandlingRow, 'rank'>) => [row.onTimeRate ?? -1, -row.overdue] as const
  const sorted = [...rows].sort((a, b) => {
    const [ra, oa] = score(a)
    const [rb, ob] = score(b)
    return rb - ra || ob - oa || a.gridId.localeCompare(b.gridId)
  })
  const ranked: HandlingRow[] = []
  sorted.forEach((row, index) => {
    const before = ranked[index - 1]
    const tied = before && score(before).join() === score(row).join()
    ranked.push({ ...row, rank: tied ? before.rank : index + 1 })
  })
  return ranked
}

/**
 * Drafts every community of a street for `week` from their overviews (one read of the street's stats
 * document gives them all), ranked against each other.
 */
export function draftStreetWeek(
  week: string,
  communities: ReadonlyArray<{ overview: WeeklyFigures; name: string }>,
): WeeklyDraft[] {
  const ranked = new Map(
    rankHandling(communities.map((c) => handlingOf(c.overview, c.name))).map((row) => [row.gridId, row]),
  )
  const dueDate = reportDueDate(week)
  return communities.map(({ overview }) => ({
    id: weeklyReportId(overview.gridId, week),
    communityId: overview.gridId,
    week,
    dueDate,
    byCategory: overview.byCategory,
    bySource: overview.bySource,
    handling: ranked.get(overview.gridId)!,
    cards: overview.cards,
    escalations: overview.escalations,
  }))
}

/** When a week's report is late: `submitByHour` Beijing time on the day the week is due (policy.weeklyReport). */
export function submitDeadline(week: string, submitByHour: number): Date {
  return beijingInstant(reportDueDate(week), submitByHour)
}

/** Reports the district lists as late: not submitted by the deadline, or submitted after it. */
export function lateReports<R extends { id: string; submittedAt: string | null }>(
  reports: readonly R[],
  deadline: Date,
  now: Date,
): R[] {
  return reports.filter((report) =>
    report.submittedAt === null ? now >= deadline : new Date(report.submittedAt) > deadline,
  )
}

/** Section 5: the 三级网格 with the most reports in the week, most first, at most `limit`, none without any. */
export function hotspotsOf(
  blocks: ReadonlyArray<{ gridId: string; name: string; received: number }>,
  limit = 10,
): Array<{ id: string; label: string; count: number }> {
  return blocks
    .filter((block) => block.received > 0)
    .sort((a, b) => b.received - a.received || a.gridId.localeCompare(b.gridId))
    .slice(0, limit)
    .map((block) => ({ id: block.gridId, label: block.name, count: block.received }))
}

/**
 * A report's shown status. A community's: merged once its street merged this very version, submitted once
 * the leader sent it, late while nothing is sent past the deadline, a draft before. A street's: merged or draft.
 */
export function weeklyStatusOf(
  report: { kind: 'community' | 'street'; version: number; submittedAt: string | null },
  mergedVersion: number | undefined,
  deadline: Date,
  now: Date,
): 'draft' | 'submitted' | 'late' | 'merged' {
  if (report.kind === 'street') return report.version > 0 ? 'merged' : 'draft'
  if (report.submittedAt === null) return now >= deadline ? 'late' : 'draft'
  return mergedVersion === report.version ? 'merged' : 'submitted'
}
