import {
  periodBounds,
  periodKinds,
  previousPeriodKey,
  rankLists,
  rulesAt,
  type PeriodKind,
} from '../../../src/domain/rewards/points'
import { awardIdOf } from '../../../src/domain/rewards/points'
import { draftIfAbsent } from './awards'
import { storesFor } from '../runtime/context'
import { noTimeLimit, type Job, type JobControl, type JobFailure, type SweepReport } from '../jobs/job'
import { runPointsJob } from './points-job'
import { rewardsFor } from './rewards'
import { failureOf, runJobs } from '../jobs/runner'
import type { Runtime } from '../runtime/runtime'

const awardJob = 'award-draft'

/**
 * The award sweep's saved progress, per kind: the last ended period it worked on, the drafts of it already
 * made or found (by award key), and whether all were.
 */
export type AwardCursor = Partial<
  Record<PeriodKind, { period: string; handled: string[]; complete: boolean }>
>

/**
 * At each period's end the jobs function drafts the month's, quarter's and year's awards for every district
 * and list (月度环保市民, 季度环保达人, 年度环保之星), for the district office to review and publish. The award's
 * key makes each draft once; the cursor makes a tick with nothing new cost one read, and is saved after each
 * draft, so a run stopped or failing halfway is finished by the next without redoing any. A period without
 * points in a district gets no automatic draft (the office can still draft one). Periods before the first
 * rule table are skipped.
 */
export async function runAwardSweep(
  runtime: Runtime,
  control: JobControl = noTimeLimit,
): Promise<SweepReport> {
  const now = runtime.now()
  const stores = storesFor(runtime)
  const cursor: AwardCursor = (await stores.jobs.cursor<AwardCursor>(awardJob)) ?? {}
  const due = periodKinds
    .map((kind) => ({ kind, period: previousPeriodKey(kind, now) }))
    .filter(({ kind, period }) => cursor[kind]?.period !== period || !cursor[kind].complete)
  if (due.length === 0) return { job: awardJob, acted: 0 }

  const { book } = rewardsFor(runtime)
  const { tree } = await stores.grids.index()
  const districts = tree.all().filter((node) => node.level === 'district')
  const failures: JobFailure[] = []
  let drafted = 0
  let tried = 0
  for (const { kind, period } of due) {
    const rules = rulesAt(book, new Date(periodBounds(period).end.getTime() - 1))
    const lists = rules ? rankLists.filter((list) => rules.lists[list].length > 0) : []
    const progress = cursor[kind]?.period === period ? cursor[kind] : { period, handled: [], complete: false }
    cursor[kind] = progress
    let failed = false
    for (const list of lists) {
      for (const district of districts) {
        const key = awardIdOf(kind, period, list, district._id)
        if (progress.handled.includes(key)) continue
        // One draft at least per run, so that every run gets somewhere.
        if (tried > 0 && control.timeUp()) return report(drafted, failures)
        tried += 1
        try {
          const request = { kind, period, list, districtId: district._id, exclude: [], note: '' }
          if (await draftIfAbsent(runtime, request, now)) drafted += 1
          progress.handled.push(key)
          await stores.jobs.saveCursor(awardJob, cursor, now)
        } catch (error) {
          failed = true
          failures.push(failureOf(key, error))
        }
      }
    }
    if (failed) continue
    cursor[kind] = { period, handled: [], complete: true }
    await stores.jobs.saveCursor(awardJob, cursor, now)
  }
  return report(drafted, failures)
}

function report(drafted: number, failures: JobFailure[]): SweepReport {
  return { job: awardJob, acted: drafted, ...(failures.length > 0 ? { failures } : {}) }
}

/**
 * The rewards context's jobs: pay points for new case events first, then draft the awards of ended periods
 * once the points are in (a draft is a ranking of the tallies the points job writes).
 */
export const rewardJobs: Job[] = [
  {
    name: 'points',
    reads: ['relay'],
    // The control is the points job's second argument; the cast keeps this compiling while that job's
    // signature moves from its old options to the control.
    run: async (runtime, control) => [
      await runPointsJob(runtime, control as Parameters<typeof runPointsJob>[1]),
    ],
  },
  {
    name: awardJob,
    after: 'points',
    run: async (runtime, control) => [await runAwardSweep(runtime, control)],
  },
]

/** The rewards part of the jobs function on its own (tests), within the same budget as a whole run. */
export async function runRewardJobs(runtime: Runtime): Promise<SweepReport[]> {
  return (await runJobs(runtime, rewardJobs)).reports
}
