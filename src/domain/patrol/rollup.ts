import type { GridTree } from '../grid/tree'
import { statsPeriodKeys, trackedNodes } from '../reports/rollup'
import { periodKeyOf } from '../shared/time'

/**
 * Patrol figures per grid node and period, for the desk next to 漏报: check-ins, rounds, days patrolled and
 * grids patrolled, in every period kind the stats keep (day, week, report week, month, quarter, year) and
 * on every level from the check-in's grid up to its district. One document per node and period, so the
 * overview reads one by id.
 *
 * Every figure is a sum of per-check-in steps that depend only on facts fixed once a check-in is settled
 * (its grid, its instant, the earlier check-ins of its round, the first check-in of a node and period), so
 * a document can count exactly the steps past its own position, however a batch is cut or repeated.
 */
export interface PatrolFigures {
  checkIns: number
  /** Rounds with at least one check-in in the node and period. */
  rounds: number
  /** Beijing days of the period with at least one check-in in the node. */
  daysPatrolled: number
  /**
   * Distinct finest grids (leaves of the tree) at or under the node with a check-in in the period; a
   * check-in in a coarser node's own area (a road between communities) counts everywhere else, not here.
   */
  gridsPatrolled: number
}

export const patrolFigureNames = ['checkIns', 'rounds', 'daysPatrolled', 'gridsPatrolled'] as const

export const noPatrolFigures = (): PatrolFigures => ({
  checkIns: 0,
  rounds: 0,
  daysPatrolled: 0,
  gridsPatrolled: 0,
})

/** What of a check-in the rollup needs. */
export interface RollupCheckIn {
  _id: string
  at: string
  gridId: string
  roundId?: string | null
}

/** A check-in of a round as its track holds it. */
export interface RollupTrackPoint {
  patrolId: string
  at: string
  gridId: string
}

/** The document of a node's patrol figures in a period. */
export const patrolRollupId = (nodeId: string, period: string) => `${nodeId}:${period}`

/** A check-in's place in the projection's feed (instant, then id): the order every step is counted in. */
export const checkInPosition = (check: { at: string; _id: string }) => `${check.at}\n${check._id}`

/** The (node, period) documents a check-in counts in: every tracked level of its grid, every period kind. */
export function rollupIdsOf(tree: GridTree, check: { at: string; gridId: string }): string[] {
  const periods = statsPeriodKeys(check.at)
  return trackedNodes(tree, check.gridId).flatMap((node) =>
    periods.map((period) => patrolRollupId(node, period)),
  )
}

/** One document's steps: what each check-in adds to it, by the check-in's position. */
export interface RollupPlan {
  node: string
  period: string
  /** The position of the first check-in ever counted in it (kept on the document once written). */
  first: string
  steps: Array<[position: string, figures: Partial<PatrolFigures>]>
}

/**
 * The steps a run of check-ins (in feed order) makes in each document they touch. `firsts` are the first
 * positions the touched documents saved already; a document not saved yet starts at the earliest check-in
 * of the run in it, since every earlier one would have saved it. `tracks` are the rounds' tracks: a round
 * counts in a node and period at its first check-in there, found among the track and the run.
 */
export function rollupPlans(
  tree: GridTree,
  checks: readonly RollupCheckIn[],
  tracks: ReadonlyMap<string, readonly RollupTrackPoint[]>,
  firsts: ReadonlyMap<string, string>,
): Map<string, RollupPlan> {
  const plans = new Map<string, RollupPlan>()
  const firstOf = new Map(firsts)
  for (const check of checks) {
    const position = checkInPosition(check)
    for (const id of rollupIdsOf(tree, check)) {
      const known = firstOf.get(id)
      if (known === undefined || position < known) firstOf.set(id, position)
    }
  }
  // A round's check-ins: the track as saved, and those of the run (a track write may lag its check-in).
  const roundPoints = new Map<string, Map<string, RollupTrackPoint>>()
  const pointsOf = (roundId: string) => {
    let points = roundPoints.get(roundId)
    if (!points) {
      points = new Map()
      for (const point of tracks.get(roundId) ?? []) points.set(point.patrolId, point)
      roundPoints.set(roundId, points)
    }
    return points
  }
  for (const check of checks)
    if (check.roundId)
      pointsOf(check.roundId).set(check._id, { patrolId: check._id, at: check.at, gridId: check.gridId })

  for (const check of checks) {
    const position = checkInPosition(check)
    const nodes = trackedNodes(tree, check.gridId)
    if (nodes.length === 0) continue
    const own = nodes[0]!
    // A finest grid's document holds its own check-ins only, so its first is the grid's first; a check-in
    // that fell to a coarser node (in none of its grids) is no grid patrolled.
    const ownIsFinest = tree.children(own).length === 0
    const day = periodKeyOf('day', new Date(check.at))
    const periods = statsPeriodKeys(check.at)
    const earlier = check.roundId
      ? [...pointsOf(check.roundId).values()]
          .filter((point) => checkInPosition({ at: point.at, _id: point.patrolId }) < position)
          .map((point) => ({
            nodes: new Set(trackedNodes(tree, point.gridId)),
            periods: new Set(statsPeriodKeys(point.at)),
          }))
      : []
    for (const node of nodes) {
      const firstOfDay = firstOf.get(patrolRollupId(node, day)) === position
      for (const period of periods) {
        const id = patrolRollupId(node, period)
        const step: Partial<PatrolFigures> = { checkIns: 1 }
        if (firstOfDay) step.daysPatrolled = 1
        if (ownIsFinest && firstOf.get(patrolRollupId(own, period)) === position) step.gridsPatrolled = 1
        if (check.roundId && !earlier.some((point) => point.nodes.has(node) && point.periods.has(period)))
          step.rounds = 1
        let plan = plans.get(id)
        if (!plan) plans.set(id, (plan = { node, period, first: firstOf.get(id)!, steps: [] }))
        plan.steps.push([position, step])
      }
    }
  }
  return plans
}

/** The figures a plan's steps past `from` add up to (all of them when the document is new). */
export function stepsPast(plan: RollupPlan, from: string | undefined): PatrolFigures | undefined {
  const fresh = plan.steps.filter(([position]) => from === undefined || position > from)
  if (fresh.length === 0) return undefined
  const sum = noPatrolFigures()
  for (const [, step] of fresh) for (const name of patrolFigureNames) sum[name] += step[name] ?? 0
  return sum
}

/** The finest grids (leaves of the tree) at or under a node: what its grids patrolled are out of. */
export function gridsUnder(tree: GridTree, nodeId: string): number {
  const children = tree.children(nodeId)
  if (children.length === 0) return tree.get(nodeId) ? 1 : 0
  return children.reduce((sum, child) => sum + gridsUnder(tree, child._id), 0)
}

/**
 * The figures recomputed from every check-in and round, for one node and period: what the projection must
 * hold. Used to check it.
 */
export function recountPatrol(
  tree: GridTree,
  checks: readonly RollupCheckIn[],
  nodeId: string,
  period: string,
): PatrolFigures {
  const inside = checks.filter(
    (check) =>
      trackedNodes(tree, check.gridId).includes(nodeId) && statsPeriodKeys(check.at).includes(period),
  )
  return {
    checkIns: inside.length,
    rounds: new Set(inside.flatMap((check) => (check.roundId ? [check.roundId] : []))).size,
    daysPatrolled: new Set(inside.map((check) => periodKeyOf('day', new Date(check.at)))).size,
    gridsPatrolled: new Set(
      inside.flatMap((check) => (tree.children(check.gridId).length === 0 ? [check.gridId] : [])),
    ).size,
  }
}
