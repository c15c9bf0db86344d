import { runRelay } from '../../../cloudfunctions/shared/cases/relay'
import { demoPoints } from '../../../emulator/demo/grids'
import { createTestWorld, reportAt, type TestWorld } from '../../factories/runtime'

describe('the in-app notification list (notification.list)', () => {
  let world: TestWorld
  beforeEach(async () => {
    world = await createTestWorld()
  })
  afterEach(() => world.close())

  it('pages through messages queued in the same minute without repeating or skipping one', async () => {
    for (let i = 0; i < 6; i += 1)
      await world.ok('demo-resident', 'case.submit', reportAt(demoPoints.yingyueRoadGrid1))
    await runRelay(world.runtime)
    const { total } = await world.ok('demo-grid-member', 'notification.list', { pageSize: 50 })
    if (total === null) throw new Error('fewer than 50 messages should be counted exactly')
    expect(total).toBeGreaterThanOrEqual(6)
    const seen: string[] = []
    for (let page = 1, more = true; more; page += 1) {
      const answer = await world.ok('demo-grid-member', 'notification.list', { pageSize: 2, page })
      seen.push(...answer.items.map((item) => item.id))
      more = answer.hasMore
    }
    expect(seen).toHaveLength(total)
    expect(new Set(seen).size).toBe(total)
  })
})
