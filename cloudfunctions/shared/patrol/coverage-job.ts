import { coverageKeyOf, foldCoverage, type CoverageCell } from '../../../src/domain/patrol/rounds'
import { rollupIdsOf, rollupPlans, stepsPast } from '../../../src/domain/patrol/rollup'
import { noTimeLimit, type JobControl, type SweepReport } from '../jobs/job'
import { storesFor } from '../runtime/context'
import type { Runtime } from '../runtime/runtime'
import { newPeriodDoc, type CoverageDoc, type PatrolPeriodDoc, type PatrolRecord } from './store'

export const coverageJob = 'patrol-coverage'
/** Check-ins are counted once this far behind the clock, so one whose insert committed late is not missed. */
export const coverageSettleMillis = 5 * 60_000
const defaultBatchSize = 500
const concurrentWrites = 20

interface CoverageCursor {
  at: string
  id: string
}

const positionOf = (check: Pick<PatrolRecord, 'at' | '_id'>): string => `${check.at}\n${check._id}`

/**
 * Patrol coverage per grid per Beijing day (which grids were patrolled, how often, by how many walkers), and
 * the desk's patrol figures per grid node and period (check-ins, rounds, days and grids patrolled, see
 * src/domain/patrol/rollup.ts): a projection of the check-ins, from its cursor (`job_cursor/patrol-coverage`)
 * to the settle horizon, a batch at a time. Each cell and period document is written once per batch,
 * guarded by the last check-in it counted, so a batch repeated after a stop counts nothing twice; the
 * cursor is saved after every batch. Old check-ins (before rounds) count like round check-ins: coverage is
 * where people walked.
 */
export async function runCoverageJob(
  runtime: Runtime,
  control: JobControl = noTimeLimit,
  options: { batchSize?: number } = {},
): Promise<SweepReport> {
  const batchSize = options.batchSize ?? defaultBatchSize
  const stores = storesFor(runtime)
  const horizon = new Date(runtime.now().getTime() - coverageSettleMillis).toISOString()
  let cursor = await stores.jobs.cursor<CoverageCursor>(coverageJob)
  let counted = 0
  for (;;) {
    const fresh = await stores.patrols.checkInsAfter(cursor, horizon, batchSize)
    if (fresh.length === 0) break
    await projectBatch(runtime, fresh)
    await rollUpBatch(runtime, fresh)
    const last = fresh[fresh.length - 1]!
    cursor = { at: last.at, id: last._id }
    await stores.jobs.saveCursor(coverageJob, cursor, runtime.now())
    counted += fresh.length
    if (fresh.length < batchSize || control.timeUp()) break
  }
  return { job: coverageJob, acted: counted }
}

async function projectBatch(runtime: Runtime, checks: readonly PatrolRecord[]): Promise<void> {
  const { patrols } = storesFor(runtime)
  const byCell = new Map<string, PatrolRecord[]>()
  for (const check of checks) {
    const key = coverageKeyOf(check)
    byCell.set(key, [...(byCell.get(key) ?? []), check])
  }
  const saved = await patrols.coverage([...byCell.keys()])
  const now = runtime.now().toISOString()
  await Promise.all(
    [...byCell].map(async ([key, cellChecks]) => {
      const before = saved.get(key)
      const unseen = cellChecks.filter((check) => !before || positionOf(check) > before.upTo)
      if (unseen.length === 0) return
      const start = new Map<string, CoverageCell>(before ? [[key, before]] : [])
      const cell = foldCoverage(start, unseen).get(key)!
      const doc: CoverageDoc = {
        _id: key,
        dayKey: cell.dayKey,
        gridId: cell.gridId,
        checkIns: cell.checkIns,
        walkers: cell.walkers,
        gridPath: unseen[0]!.gridPath,
        upTo: positionOf(unseen[unseen.length - 1]!),
        updatedAt: now,
      }
      if (!(await patrols.saveCoverage(doc, before?.upTo)))
        throw new Error(
          `patrol coverage: ${key} moved on while this batch was counted; the next run repeats it`,
        )
    }),
  )
}

/**
 * One batch into the period documents: the tree (a warm instance's copy) and the rounds' tracks, the
 * documents' positions in one read, the new ones in one insert, then one guarded write per document.
 */
async function rollUpBatch(runtime: Runtime, checks: readonly PatrolRecord[]): Promise<void> {
  const stores = storesFor(runtime)
  const roundIds = [...new Set(checks.flatMap((check) => (check.roundId ? [check.roundId] : [])))]
  const [{ tree }, tracks] = await Promise.all([
    stores.grids.index(),
    roundIds.length > 0 ? stores.patrols.tracks(roundIds) : new Map(),
  ])
  const ids = new Set(checks.flatMap((check) => rollupIdsOf(tree, check)))
  if (ids.size === 0) return
  const saved = await stores.patrols.periodPositions([...ids])
  const firsts = new Map([...saved].map(([id, { first }]) => [id, first]))
  const plans = rollupPlans(tree, checks, tracks, firsts)
  const now = runtime.now()
  const inserts: PatrolPeriodDoc[] = []
  const updates: Array<() => Promise<void>> = []
  for (const [id, plan] of plans) {
    const from = saved.get(id)?.upTo
    const figures = stepsPast(plan, from)
    if (!figures) continue
    const to = plan.steps[plan.steps.length - 1]![0]
    if (from === undefined)
      inserts.push(newPeriodDoc(id, plan.node, plan.period, plan.first, to, figures, now))
    else
      updates.push(async () => {
        if (!(await stores.patrols.advancePeriod(id, from, to, figures, now)))
          throw new Error(
            `patrol periods: ${id} moved on while this batch was counted; the next run repeats it`,
          )
      })
  }
  await stores.patrols.insertPeriods(inserts)
  for (let start = 0; start < updates.length; start += concurrentWrites)
    await Promise.all(updates.slice(start, start + concurrentWrites).map((update) => update()))
}
