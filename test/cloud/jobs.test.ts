import { collections } from '../../cloudfunctions/shared/data/collections'
import { sweepUnclaimedCases } from '../../cloudfunctions/shared/jobs'
import { demoPoints } from '../../emulator/demo/grids'
import { createTestWorld, reportAt, type TestWorld } from '../factories/runtime'

describe('the unclaimed-case sweep', () => {
  let world: TestWorld
  beforeEach(async () => {
    world = await createTestWorld({ settings: { unclaimedAlertMinutes: 120 } })
  })
  afterEach(() => world.close())

  it('leaves a case alone before the two-hour limit', async () => {
    await world.ok('demo-resident', 'case.submit', reportAt(demoPoints.yingyueRoadGrid1))
    world.clock.advanceMinutes(119)
    expect(await sweepUnclaimedCases(world.runtime)).toMatchObject({ flagged: 0, notified: 0 })
  })

  it('alerts the grid leaders once for a case unclaimed past the limit, however often it runs', async () => {
    const { case: waiting } = await world.ok('demo-resident', 'case.submit', reportAt(demoPoints.yingyueRoadGrid1))
    world.clock.advanceMinutes(121)
    const runs = await Promise.all([sweepUnclaimedCases(world.runtime), sweepUnclaimedCases(world.runtime)])
    world.clock.advanceMinutes(60)
    runs.push(await sweepUnclaimedCases(world.runtime))
    expect(runs.reduce((sum, run) => sum + run.notified, 0)).toBe(1)
    const outbox = await world.db.collection(collections.outbox).where({ caseId: waiting.id }).get()
    expect(outbox.data).toHaveLength(1)
    expect(outbox.data[0]).toMatchObject({ kind: 'unclaimed-alert', title: '问题超时未认领' })
  })

  it('does not alert for a case that was claimed in time', async () => {
    const { case: waiting } = await world.ok('demo-resident', 'case.submit', reportAt(demoPoints.yingyueRoadGrid1))
    await world.ok('demo-grid-member', 'case.claim', { caseId: waiting.id })
    world.clock.advanceMinutes(500)
    expect(await sweepUnclaimedCases(world.runtime)).toMatchObject({ flagged: 0 })
  })
})
