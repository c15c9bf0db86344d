import { relayedCaseDocument } from '../../../cloudfunctions/shared/cases/store'
import { collections } from '../../../cloudfunctions/shared/app'
import { runStatsJob } from '../../../cloudfunctions/shared/reports/stats-job'
import { storesFor } from '../../../cloudfunctions/shared/runtime/context'
import { countRequests } from '../../../emulator/database'
import { demoGridIds } from '../../../emulator/demo/grids'
import { generateDistrict, type GeneratedCase } from '../../../emulator/load/district'
import { createTestWorld, testTrailKey } from '../../factories/runtime'
import { people } from '../cases/lifecycle/walk'
import { countedIn, countedInWorld, expectedFigures } from './recompute'

jest.setTimeout(120_000)

describe('the stats job over a district’s history', () => {
  it('counts a generated half year in under one request per event, as the trails recompute it', async () => {
    const present = new Date('2026-11-28T02:00:00.000Z')
    const world = await createTestWorld({ start: present.toISOString() })
    const generated: GeneratedCase[] = []
    const { users } = generateDistrict({ cases: 400, seed: 11, present, trailKey: testTrailKey }, (item) =>
      generated.push(item),
    )
    const add = async (collection: string, docs: object[]) => {
      for (let start = 0; start < docs.length; start += 100)
        await world.db.collection(collection).add(docs.slice(start, start + 100))
    }
    const demo = new Set(
      ((await world.db.collection(collections.user).limit(1000).get()).data as { _id: string }[]).map(
        (user) => user._id,
      ),
    )
    await add(
      collections.user,
      users.filter((user) => !demo.has(user._id)),
    )
    await add(
      collections.case,
      generated.map(({ record, events }) => relayedCaseDocument(record, events)),
    )
    const events = generated.flatMap((item) => item.events).map((event) => ({ ...event, feedAt: event.at }))
    await add(collections.caseEvent, events)

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
