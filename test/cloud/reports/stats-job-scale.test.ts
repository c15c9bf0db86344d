import { runStatsJob } from '../../../cloudfunctions/shared/reports/stats-job'
import { storesFor } from '../../../cloudfunctions/shared/runtime/context'
import { countRequests } from '../../../emulator/database'
import { demoGridIds } from '../../../emulator/demo/grids'
import { districtWorld } from '../../factories/district-world'
import { people } from '../cases/lifecycle/walk'
import { countedIn, countedInWorld, expectedFigures } from './recompute'

jest.setTimeout(120_000)

describe('the stats job over a district’s history', () => {
  it('counts a generated half year in under one request per event, as the trails recompute it', async () => {
    const { world, generated } = await districtWorld(400)
    const events = generated.flatMap((item) => item.events)

    await storesFor(world.runtime).grids.index()
    const { value: report, counts } = await countRequests(() => runStatsJob(world.runtime))
    const perEvent = counts.requests / events.length
    console.log(
      `stats job: ${events.length} events, ${counts.requests} requests (${perEvent.toFixed(2)} per event): ${JSON.stringify(counts.byKind)}`,
    )
    expect(report.acted).toBe(events.length)
    expect(perEvent).toBeLessThanOrEqual(1)

    const counted = await countedInWorld(world)
    const { tree } = await storesFor(world.runtime).grids.index()
    const categoryIds = world.runtime.settings.categories.categories.map((category) => category.id)
    for (const gridId of [demoGridIds.guancheng, demoGridIds.hanghaiEastRoad, demoGridIds.yingyueRoad]) {
      for (const period of ['2026-11', '2026-Q3', '2026', '2026-W47']) {
        const answer = await world.ok(people.airOffice, 'stats.overview', { gridId, period })
        const expected = expectedFigures(countedIn(counted, tree, gridId, period), categoryIds)
        expect(answer).toMatchObject(expected)
      }
    }
    await world.close()
  })
})
