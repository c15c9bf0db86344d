import { periodBounds, periodKinds, previousPeriodKey, rankLists, rulesAt } from '../../src/domain/points'
import { draftIfAbsent } from './awards'
import { storesFor } from './context'
import type { SweepReport } from './jobs'
import { runPointsJob } from './points-job'
import { rewardsFor } from './rewards'
import type { Runtime } from './runtime'

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

/** The rewards part of the jobs function: pay points for new case events first, then draft ended periods. */
export async function runRewardJobs(runtime: Runtime): Promise<SweepReport[]> {
  const points = await runPointsJob(runtime)
  const awards = await runAwardSweep(runtime)
  return [points, awards]
}
