import { collections } from '../../../cloudfunctions/shared/app'
import { runRelay } from '../../../cloudfunctions/shared/cases/relay'
import { countRequests } from '../../../emulator/database'
import { demoPoints } from '../../../emulator/demo/grids'
import { documentsWhere } from '../../factories/inspect'
import { createTestWorld, reportAt, type TestWorld } from '../../factories/runtime'

describe('the relay that copies acts out of their cases', () => {
  let world: TestWorld
  beforeEach(async () => {
    world = await createTestWorld()
    world.configure({
      policy: { ...world.runtime.settings.policy, submitLimitPerHour: 500, submitLimitPerDay: 500 },
    })
  })
  afterEach(() => world.close())

  it('copies every event and notification once, in a few requests per hundred cases', async () => {
    const ids: string[] = []
    for (let i = 0; i < 150; i += 1)
      ids.push(
        (await world.ok('demo-resident', 'case.submit', reportAt(demoPoints.yingyueRoadGrid1))).case.id,
      )
    await world.ok('demo-grid-member', 'case.claim', { caseId: ids[0]! })

    const { value: report, counts } = await countRequests(() => runRelay(world.runtime))
    expect(report).toMatchObject({ acted: 151 })
    // Two batches (100 and 50 cases): the backlog read, the feed insert, the outbox insert, and one mark per
    // distinct event count (the claimed case has 2, the rest 1).
    expect(counts.requests).toBeLessThanOrEqual(10)
    const feed = await documentsWhere<{ _id: string; feedAt: string }>(world.db, collections.caseEvent, {})
    expect(feed).toHaveLength(151)
    expect(feed.every((event) => event.feedAt === world.clock.now.toISOString())).toBe(true)

    const again = await countRequests(() => runRelay(world.runtime))
    expect(again.value).toMatchObject({ acted: 0, queued: 0 })
    expect(again.counts.requests).toBe(1)
  })

  it('leaves a case that took another act meanwhile for the next run, with its newer notifications', async () => {
    const { case: submitted } = await world.ok(
      'demo-resident',
      'case.submit',
      reportAt(demoPoints.yingyueRoadGrid1),
    )
    const stores = (await import('../../../cloudfunctions/shared/runtime/context')).storesFor(world.runtime)
    const original = stores.cases.markRelayed.bind(stores.cases)
    // The claim lands between the relay's read and its marking.
    jest.spyOn(stores.cases, 'markRelayed').mockImplementationOnce(async (items) => {
      await world.ok('demo-grid-member', 'case.claim', { caseId: submitted.id })
      return original(items)
    })
    await runRelay(world.runtime)
    const outbox = () =>
      documentsWhere<{ kind: string }>(world.db, collections.outbox, { caseId: submitted.id })
    expect((await outbox()).map((entry) => entry.kind)).not.toContain('case-claimed')
    // Both events are offered again; the one copied before is kept once.
    expect(await runRelay(world.runtime)).toMatchObject({ acted: 2 })
    expect((await outbox()).map((entry) => entry.kind)).toContain('case-claimed')
    expect(await documentsWhere(world.db, collections.caseEvent, { caseId: submitted.id })).toHaveLength(2)
  })
})
