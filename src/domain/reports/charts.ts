import { beijingClock } from '../shared/time/beijing'
import { periodBounds, periodEnded, periodKeyOf, periodLabel, previousPeriod } from '../shared/time'
import {
  bucketEdgeHours,
  bucketField,
  bucketsPerDoubling,
  overflowBucket,
  percentileHours,
} from './histogram'
import { rate, type NodeSheet } from './overview'

/** The last `count` ISO weeks in Beijing up to and including the one running at `now`, oldest first. */
export function chartWeeks(now: Date, count: number): string[] {
  const weeks = [periodKeyOf('week', now)]
  while (weeks.length < count) weeks.unshift(previousPeriod(weeks[0]!))
  return weeks
}

export interface WeekBar {
  period: string
  label: string
  /** The Monday it starts on, `M/D`, short enough for an axis. */
  axisLabel: string
  /** False for the running week: its bars still grow. */
  ended: boolean
  received: number
  closed: number
}

/** Received and closed of each week from its sheet; a week never counted is a week of zeros. */
export function weekBars(
  weeks: readonly string[],
  sheetOf: (week: string) => NodeSheet | undefined,
  now: Date,
): WeekBar[] {
  return weeks.map((period) => {
    const counts = sheetOf(period)?.c
    return {
      period,
      label: periodLabel(period),
      axisLabel: beijingClock(periodBounds(period).start).format('M/D'),
      ended: periodEnded(period, now),
      received: counts?.received ?? 0,
      closed: counts?.closed ?? 0,
    }
  })
}

export interface CategoryBar {
  categoryId: string
  name: string
  count: number
}

/**
 * A period's received cases by category, most first: every category of the catalogue (the empty ones last,
 * in catalogue order), and any no longer in it under its id.
 */
export function categoryBars(
  sheet: NodeSheet | undefined,
  catalogue: ReadonlyArray<{ id: string; name: string }>,
): CategoryBar[] {
  const counted = sheet?.cat ?? {}
  const bars: CategoryBar[] = catalogue.map((category) => ({
    categoryId: category.id,
    name: category.name,
    count: counted[category.id] ?? 0,
  }))
  for (const [id, count] of Object.entries(counted))
    if (count !== 0 && !catalogue.some((category) => category.id === id))
      bars.push({ categoryId: id, name: id, count })
  // Array sort is stable: equal counts keep catalogue order.
  return bars.sort((a, b) => b.count - a.count)
}

/**
 * The bins of the time-to-close chart, in hours: each doubling of the histogram's buckets (see histogram.ts)
 * from one hour to 256 hours, so every bin is whole buckets and its count exact; shorter and longer
 * together at the ends.
 */
export const closeTimeEdgesHours = [1, 2, 4, 8, 16, 32, 64, 128, 256] as const

export interface CloseTimeBin {
  /** Upper edge in hours, null for the last (everything longer). */
  upToHours: number | null
  label: string
  count: number
}

export interface CloseTimeChart {
  count: number
  p90Hours: number | null
  bins: CloseTimeBin[]
}

const edgeBucket = (hours: number) => Math.round((Math.log2(hours) + 4) * bucketsPerDoubling)

/** A period's time-to-close histogram grouped into the chart's bins, with its count and p90. */
export function closeTimeChart(buckets: Record<string, number> | undefined): CloseTimeChart {
  const countOf = (bucket: number) => Math.max(0, buckets?.[bucketField(bucket)] ?? 0)
  const bins: CloseTimeBin[] = []
  let from = 0
  const edges = [...closeTimeEdgesHours.map(edgeBucket), overflowBucket]
  for (const [index, last] of edges.entries()) {
    let count = 0
    for (let bucket = from; bucket <= last; bucket += 1) count += countOf(bucket)
    const upper = index < closeTimeEdgesHours.length ? bucketEdgeHours(last) : null
    const lower = index > 0 ? closeTimeEdgesHours[index - 1]! : null
    bins.push({
      upToHours: upper,
      label:
        lower === null ? `${upper}小时内` : upper === null ? `${lower}小时以上` : `${lower}–${upper}小时`,
      count,
    })
    from = last + 1
  }
  return {
    count: bins.reduce((sum, bin) => sum + bin.count, 0),
    p90Hours: percentileHours(buckets, 0.9),
    bins,
  }
}

export interface RankingBar<G> {
  grid: G
  received: number
  due: number
  closedOnTime: number
  /** 按期结案率 = 按期结案 / 应结案; null when nothing fell due. */
  onTimeClosure: number | null
}

/**
 * A node's children ranked by on-time closure, best first; those with nothing due after every rate (a
 * rate of nothing is no rate), then by received, then by name.
 */
export function rankingBars<G extends { name: string }>(
  children: ReadonlyArray<{ grid: G; sheet: NodeSheet | undefined }>,
): Array<RankingBar<G>> {
  return children
    .map(({ grid, sheet }) => {
      const due = sheet?.c?.due ?? 0
      const closedOnTime = sheet?.c?.closedOnTime ?? 0
      return {
        grid,
        received: sheet?.c?.received ?? 0,
        due,
        closedOnTime,
        onTimeClosure: rate(closedOnTime, due),
      }
    })
    .sort(
      (a, b) =>
        (b.onTimeClosure ?? -1) - (a.onTimeClosure ?? -1) ||
        b.received - a.received ||
        a.grid.name.localeCompare(b.grid.name, 'zh-CN'),
    )
}
