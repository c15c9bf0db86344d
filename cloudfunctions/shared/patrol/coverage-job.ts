import { coverageKeyOf, foldCoverage, type CoverageCell } from '../../../src/domain/patrol/rounds'
import { noTimeLimit, type JobControl, type SweepReport } from '../jobs/job'
import { storesFor } from '../runtime/context'
import type { Runtime } from '../runtime/runtime'
import type { CoverageDoc, PatrolRecord } from './store'

export const coverageJob = 'patrol-coverage'
/** Check-ins are counted once this far behind the clock, so one whose insert committed late is not missed. */
export const coverageSettleMillis = 5 * 60_000
const defaultBatchSize = 500

interface CoverageCursor {
  at: string
  id: string
}

const positionOf = (check: Pick<PatrolRecord, 'at' | '_id'>): string => `${check.at}\n${check._id}`

/**
 * Patrol coverage per grid per Beijing day (which grids were patrolled, how often, by how many walkers): a
 * projection of the check-ins, from its cursor (`job_cursor/patrol-coverage`) to the settle horizon, a batch
 * at a time. Each cell is written once per batch, guarded by the last check-in it counted, so a batch
 * repeated after a stop counts nothing twice; the cursor is saved after every batch. Old check-ins (before
 * rounds) count like round check-ins: coverage is where people walked.
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
