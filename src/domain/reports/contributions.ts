import type { CaseFigures, FigureKey } from './case-figures'
import { bucketField, bucketOf } from './histogram'
import { daysOf } from './rollup'
import { periodKeyOf } from '../shared/time'

/**
 * What a case counts for, derived from its figures: each indicator it is in, at the instant that places
 * it in a period, in its grid. An event's effect on the stats is the difference between the case's
 * contributions after it and before it, so a figure that moves (a deadline put off to next month, a case
 * corrected to the neighbouring grid) is taken out where it was and counted where it is now.
 */
export interface Contribution {
  gridId: string
  /** An indicator, or `source:<source>` and `category:<id>` for what was received by source and category. */
  key: string
  at: string
  /** Seconds since the report for the durations; the stars for `satisfied`. */
  value?: number
}

/** The indicators that carry a duration since the report: time to claim, to rectify, to close. */
export const durationKeys = ['claimed', 'rectified', 'finished'] as const satisfies readonly FigureKey[]
const isDuration = (key: string) => (durationKeys as readonly string[]).includes(key)

const secondsBetween = (from: string, to: string) =>
  Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000))

export const sourceKey = (source: string) => `source:${source}`
export const categoryKey = (categoryId: string) => `category:${categoryId}`

/** Everything a case with these figures counts for. */
export function contributionsOf(figures: CaseFigures | undefined, categoryId: string): Contribution[] {
  if (!figures) return []
  const found: Contribution[] = []
  const add = (key: string, at: string | null, value?: number) => {
    if (at !== null)
      found.push({ gridId: figures.gridId, key, at, ...(value === undefined ? {} : { value }) })
  }
  const since = (at: string | null) => (at === null ? undefined : secondsBetween(figures.receivedAt, at))
  const f = figures
  add('received', f.receivedAt)
  add(sourceKey(f.source), f.receivedAt)
  add(categoryKey(categoryId), f.receivedAt)
  // 漏报: found by the public, the hotline or a sensor rather than by the grid's patrol.
  if (f.source !== 'patrol') add('missedByPatrol', f.receivedAt)
  add('accepted', f.acceptedAt)
  add('claimed', f.claimedAt, since(f.claimedAt))
  add('rectified', f.fixedAt, since(f.fixedAt))
  add('finished', f.closedAt, since(f.closedAt))
  // The due cohort: counted in the period of the deadline, with what became of it.
  if (f.dueAt !== null) {
    add('due', f.dueAt)
    if (f.closedAt !== null) add('closed', f.dueAt)
    if (f.closedAt !== null && !f.late) add('closedOnTime', f.dueAt)
    if (f.reworked) add('reworked', f.dueAt)
    if (f.late) add('overdue', f.dueAt)
  }
  add('escalated', f.escalatedAt)
  add('signedOff', f.signedOffAt)
  add('yellowCard', f.yellowAt)
  add('redCard', f.redAt)
  add('rated', f.ratedAt)
  if (f.satisfied) add('satisfied', f.ratedAt, f.rating ?? undefined)
  return found
}

export interface Change extends Contribution {
  sign: 1 | -1
}

const identity = (c: Contribution) => JSON.stringify([c.gridId, c.key, c.at, c.value ?? null])

/** What an event changed: the contributions it added (+1) and those it took away (−1). */
export function changesBetween(before: readonly Contribution[], after: readonly Contribution[]): Change[] {
  const left = new Map<string, Contribution[]>()
  for (const c of before) left.set(identity(c), [...(left.get(identity(c)) ?? []), c])
  const added: Change[] = []
  for (const c of after) {
    const same = left.get(identity(c))
    if (same && same.length > 0) same.pop()
    else added.push({ ...c, sign: 1 })
  }
  const removed = [...left.values()].flat().map((c): Change => ({ ...c, sign: -1 }))
  return [...removed, ...added]
}

/**
 * Where a change lands in a node's stored figures, and by how much: a count under `c` (received by source
 * and category under `src` and `cat`), a sum under `s` (seconds, stars), and a duration's bucket under `h`.
 */
export function storedFields(change: Change): Array<[path: string, amount: number]> {
  const { key, sign, value } = change
  const counted: [string, number] = key.startsWith('source:')
    ? [`src.${key.slice('source:'.length)}`, sign]
    : key.startsWith('category:')
      ? [`cat.${key.slice('category:'.length)}`, sign]
      : [`c.${key}`, sign]
  const fields: Array<[string, number]> = [counted]
  if (value !== undefined) fields.push([`s.${key}`, sign * value])
  if (value !== undefined && isDuration(key)) fields.push([`h.${key}.${bucketField(bucketOf(value))}`, sign])
  return fields
}

/**
 * The case document's marks for listing: one per node it counts for, indicator and Beijing day, so that
 * the cases behind a figure are those holding one of the period's marks (one index on the case).
 */
export function marksOf(
  contributions: readonly Contribution[],
  nodesOf: (gridId: string) => readonly string[],
): string[] {
  const marks = new Set<string>()
  for (const c of contributions) {
    const day = periodKeyOf('day', c.at)
    for (const node of nodesOf(c.gridId)) marks.add(markOf(node, c.key, day))
  }
  return [...marks].sort()
}

export const markOf = (nodeId: string, key: string, day: string) => `${nodeId}|${key}|${day}`

/** The marks the cases behind one figure of a node and period hold (one of them each). */
export function periodMarks(nodeId: string, key: string, period: string): string[] {
  return daysOf(period).map((day) => markOf(nodeId, key, day))
}
