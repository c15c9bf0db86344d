import { demoGridIds, demoPoints } from '../../../emulator/demo/grids'
import { createTestWorld, reportAt, type TestWorld } from '../../factories/runtime'

describe('the grid board (board.list)', () => {
  let world: TestWorld
  beforeEach(async () => {
    world = await createTestWorld()
  })
  afterEach(() => world.close())

  it('shows a new report on its grid’s board for a grid member, newest first', async () => {
    const older = await world.ok('demo-resident', 'case.submit', reportAt(demoPoints.yingyueRoadGrid1))
    world.clock.advanceMinutes(5)
    const newer = await world.ok('demo-resident-2', 'case.submit', reportAt(demoPoints.yingyueRoadGrid1))
    const board = await world.ok('demo-grid-member', 'board.list', {})
    expect(board.grid.id).toBe(demoGridIds.yingyueRoadGrid1)
    expect(board.items.map((item) => item.id)).toEqual([newer.case.id, older.case.id])
    expect(board.total).toBe(2)
  })

  it('shows cases from every block below to a community leader', async () => {
    await world.ok('demo-resident', 'case.submit', reportAt(demoPoints.yingyueRoadGrid1))
    const board = await world.ok('demo-grid-leader-2', 'board.list', {})
    expect(board.grid.id).toBe(demoGridIds.yingyueRoad)
    expect(board.total).toBe(1)
  })

  it('does not show a street-level case on a block’s board', async () => {
    await world.ok('demo-resident', 'case.submit', reportAt(demoPoints.streetOnly))
    expect((await world.ok('demo-grid-member', 'board.list', {})).total).toBe(0)
    expect((await world.ok('demo-grid-leader-1', 'board.list', {})).total).toBe(1)
  })

  it('refuses residents', async () => {
    expect(await world.call('demo-resident', 'board.list', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
  })

  it('refuses a grid outside the member’s own', async () => {
    const answer = await world.call('demo-grid-member', 'board.list', { gridId: demoGridIds.hanghaiEastRoad })
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })

  it('paginates', async () => {
    for (let i = 0; i < 5; i += 1) {
      await world.ok('demo-resident', 'case.submit', reportAt(demoPoints.yingyueRoadGrid1))
      world.clock.advanceMinutes(1)
    }
    const first = await world.ok('demo-grid-member', 'board.list', { pageSize: 2 })
    const third = await world.ok('demo-grid-member', 'board.list', { pageSize: 2, page: 3 })
    expect(first.items).toHaveLength(2)
    expect(third.items).toHaveLength(1)
    // Only the last page knows the total; earlier ones say more follow.
    expect(first).toMatchObject({ total: null, hasMore: true })
    expect(third).toMatchObject({ total: 5, hasMore: false })
  })

  it('pages through cases reported in the same minute without repeating or skipping one', async () => {
    const reported: string[] = []
    for (let i = 0; i < 6; i += 1)
      reported.push(
        (await world.ok('demo-resident', 'case.submit', reportAt(demoPoints.yingyueRoadGrid1))).case.id,
      )
    const board: string[] = []
    const mine: string[] = []
    for (let page = 1; page <= 3; page += 1) {
      board.push(
        ...(await world.ok('demo-grid-member', 'board.list', { pageSize: 2, page })).items.map(
          (item) => item.id,
        ),
      )
      mine.push(
        ...(await world.ok('demo-resident', 'case.mine', { pageSize: 2, page })).items.map((item) => item.id),
      )
    }
    expect([...board].sort()).toEqual([...reported].sort())
    expect([...mine].sort()).toEqual([...reported].sort())
  })

  it('hides an anonymous reporter from staff but not from the reporter', async () => {
    const { case: submitted } = await world.ok(
      'demo-resident',
      'case.submit',
      reportAt(demoPoints.yingyueRoadGrid1, { anonymous: true }),
    )
    expect(submitted.reporter).toEqual({ nickname: '林女士' })
    const board = await world.ok('demo-grid-member', 'board.list', {})
    expect(board.items[0]!.reporter).toBeNull()
  })

  it('gives other residents only a public summary with a coarse location', async () => {
    const { case: submitted } = await world.ok(
      'demo-resident',
      'case.submit',
      reportAt({ lng: 113.69251, lat: 34.72884 }, { address: '某小区3号楼' }),
    )
    const { case: seen } = await world.ok('demo-resident-2', 'case.get', { caseId: submitted.id })
    expect(seen.reporter).toBeNull()
    expect(seen.address).toBe('航海东路街道 / 映月路社区')
    expect(seen.location).toEqual({ lng: 113.693, lat: 34.729 })
  })
})
