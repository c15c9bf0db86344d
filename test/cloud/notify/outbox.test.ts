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
    const { total } = await world.ok('demo-grid-member', 'notification.list', { pageSize: 50 })
    expect(total).toBeGreaterThanOrEqual(6)
    const seen: string[] = []
    for (let page = 1; (page - 1) * 2 < total; page += 1) {
      const answer = await world.ok('demo-grid-member', 'notification.list', { pageSize: 2, page })
      seen.push(...answer.items.map((item) => item.id))
    }
    expect(seen).toHaveLength(total)
    expect(new Set(seen).size).toBe(total)
  })
})
