import type { GridLevel, GridTree } from '../grid/tree'
import {
  calendarKeysOf,
  calendarPeriods,
  periodBounds,
  periodKeyOf,
  type CalendarPeriod,
} from '../shared/time'

/**
 * How figures compose up the grid tree: a case counts for its own grid and every level above it up to its
 * district (三级网格 → 社区 → 街道 → 区), in every Beijing period its instant falls in. Each node's figures
 * live in the document of its street (the street's, its communities' and its grids' together), or of the
 * district for the district's own, so that one event moves two documents per period however deep its grid
 * lies, and a street's whole table (the weekly report, the assessment) is one read.
 */
export const statsLevels: readonly GridLevel[] = ['block', 'community', 'street', 'district']

/** Every period kind figures are kept for: day, ISO week, report week (Thursday to Thursday), month, quarter, year. */
export const statsPeriods: readonly CalendarPeriod[] = calendarPeriods

/** The nodes a case in `gridId` counts for, its own grid first. */
export function trackedNodes(tree: GridTree, gridId: string): string[] {
  return tree
    .lineage(gridId)
    .filter((node) => statsLevels.includes(node.level))
    .map((node) => node._id)
}

/** The node whose documents hold `nodeId`'s figures: its street, or the district for the district itself. */
export function statsHomeOf(tree: GridTree, nodeId: string): string | undefined {
  const lineage = tree.lineage(nodeId)
  const node = lineage[0]
  if (!node || !statsLevels.includes(node.level)) return undefined
  if (node.level === 'district') return node._id
  return (lineage.find((up) => up.level === 'street') ?? lineage.find((up) => up.level === 'district'))?._id
}

/** The stats document of a home node and a period. */
export const statsDocId = (homeId: string, period: string) => `${homeId}:${period}`

/** The period keys an instant counts in, one per kind. */
export function statsPeriodKeys(at: string): string[] {
  const keys = calendarKeysOf(at)
  return statsPeriods.map((kind) => keys[kind])
}

/** The Beijing days (`YYYY-MM-DD`) a period covers, in order. */
export function daysOf(period: string): string[] {
  const { start, end } = periodBounds(period)
  const days: string[] = []
  // Beijing keeps one offset all year, so every day is 24 hours long.
  for (let at = start.getTime(); at < end.getTime(); at += 86_400_000)
    days.push(periodKeyOf('day', new Date(at)))
  return days
}
