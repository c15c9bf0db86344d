import {
  periodBounds,
  periodKinds,
  previousPeriodKey,
  rankLists,
  rulesAt,
} from '../../../src/domain/rewards/points'
import { draftIfAbsent } from './awards'
import { storesFor } from '../runtime/context'
import type { Job, SweepReport } from '../jobs/job'
import { runPointsJob } from './points-job'
import { rewardsFor } from './rewards'
import { runJobs } from '../jobs/runner'
import type { Runtime } from '../runtime/runtime'

/**
 * At each period's end the jobs function drafts the month's, quarter's and year's awards for every district
 * and list (月度环保市民, 季度环保达人, 年度环保之星), for the district office to review and publish. Runs on every
 * timer tick; the award's key makes it draft once. Periods before the first rule table are skipped.
 */
export async function runAwardSweep(runtime: Runtime): Promise<SweepReport> {
  const now = runtime.now()
  const { book } = rewardsFor(runtime)
  const { tree } = await storesFor(runtime).grids.index()
  const districts = tree.all().filter((node) => node.level === 'district')
  let drafted = 0
  for (const kind of periodKinds) {
    const period = previousPeriodKey(kind, now)
    const rules = rulesAt(book, new Date(periodBounds(period).end.getTime() - 1))
    if (!rules) continue
    for (const list of rankLists) {
      if (rules.lists[list].length === 0) continue
      for (const district of districts) {
        const draft = await draftIfAbsent(
          runtime,
          { kind, period, list, districtId: district._id, exclude: [], note: '' },
          now,
        )
        if (draft) drafted += 1
      }
    }
  }
  return { job: 'award-draft', acted: drafted }
}

/** The rewards context's jobs: pay points for new case events first, then draft the awards of ended periods. */
export const rewardJobs: Job[] = [
  { name: 'points', run: async (runtime) => [await runPointsJob(runtime)] },
  { name: 'award-draft', run: async (runtime) => [await runAwardSweep(runtime)] },
]

export function runRewardJobs(runtime: Runtime): Promise<SweepReport[]> {
  return runJobs(runtime, rewardJobs)
}
