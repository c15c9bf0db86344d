import { demoGridIds } from '../../../emulator/demo/grids'
import { addPeople, payDirect, rewardsWorld, uncappedRules, useRules } from './helpers'

type Helpers = Awaited<ReturnType<typeof rewardsWorld>>

const november = (day: number, time = '10:00') =>
  new Date(`2026-11-${String(day).padStart(2, '0')}T${time}:00+08:00`).toISOString()

describe('leaderboards (points.leaderboard)', () => {
  let r: Helpers
  beforeEach(async () => {
    r = await rewardsWorld('2026-11-28T02:00:00.000Z')
    useRules(r.world, uncappedRules())
  })
  afterEach(() => r.world.close())

  it('breaks ties by more accepted reports, then by who first earned points in the period', async () => {
    await addPeople(r.world, ['a', 'b', 'c', 'd'])
    await payDirect(r.world, 'a', { points: 20, at: november(5), accepted: false }) // 20 points, no accepted report, early
    await payDirect(r.world, 'b', { points: 10, at: november(9) })
    await payDirect(r.world, 'b', { points: 10, at: november(10) }) // 20 points, 2 accepted, from the 9th
    await payDirect(r.world, 'c', { points: 20, at: november(3) }) // 20 points, 1 accepted, from the 3rd
    await payDirect(r.world, 'd', { points: 10, at: november(2) })
    await payDirect(r.world, 'd', { points: 10, at: november(12) }) // 20 points, 2 accepted, from the 2nd
    const board = await r.world.ok('a', 'points.leaderboard', { kind: 'month' })
    expect(board.items.map((item) => [item.nickname, item.points, item.acceptedReports])).toEqual([
      ['测试d', 20, 2],
      ['测试b', 20, 2],
      ['测试c', 20, 1],
      ['测试a', 20, 0],
    ])
    expect(board.me).toEqual({ rank: 4, points: 20, acceptedReports: 0 })
    expect(board.ranked).toBe(4)
    await r.expectReconciled()
  })

  it('gives my position even when I am far outside the top list', async () => {
    const crowd = Array.from({ length: 60 }, (_, i) => `p${String(i).padStart(2, '0')}`)
    await addPeople(r.world, crowd)
    for (const [i, openid] of crowd.entries())
      await payDirect(r.world, openid, { points: 200 - i * 3, at: november(1 + (i % 20)) })
    const board = await r.world.ok('p56', 'points.leaderboard', { kind: 'month', limit: 10 })
    expect(board.items).toHaveLength(10)
    expect(board.items[0]).toMatchObject({ rank: 1, nickname: '测试p00', points: 200 })
    expect(board.items.some((item) => item.isMe)).toBe(false)
    // More are ranked than shown: how many is not counted (it would cost a request on every call).
    expect(board.ranked).toBeNull()
    expect(board.me).toEqual({ rank: 57, points: 200 - 56 * 3, acceptedReports: 1 })
    const inside = await r.world.ok('p03', 'points.leaderboard', { kind: 'month', limit: 10 })
    expect(inside.items[3]).toMatchObject({ rank: 4, isMe: true })
    expect(inside.me?.rank).toBe(4)
  })

  it('counts people tied with me who rank ahead by the tie-breaks', async () => {
    await addPeople(r.world, ['x1', 'x2', 'x3', 'me'])
    await payDirect(r.world, 'x1', { points: 30, at: november(1) })
    await payDirect(r.world, 'x2', { points: 30, at: november(2) })
    await payDirect(r.world, 'me', { points: 30, at: november(3) })
    await payDirect(r.world, 'x3', { points: 30, at: november(4) })
    const board = await r.world.ok('me', 'points.leaderboard', { kind: 'month', limit: 1 })
    expect(board.items.map((item) => item.nickname)).toEqual(['测试x1'])
    expect(board.me?.rank).toBe(3)
  })

  it('ranks months, quarters and years in Beijing time: 23:59 on 30 November is November, 00:01 on 1 December is not', async () => {
    await addPeople(r.world, ['late', 'early'])
    await payDirect(r.world, 'late', { points: 10, at: november(30, '23:59') })
    await payDirect(r.world, 'early', { points: 10, at: new Date('2026-12-01T00:01:00+08:00').toISOString() })
    const names = async (kind: 'month' | 'quarter' | 'year', period: string) =>
      (await r.world.ok('late', 'points.leaderboard', { kind, period })).items.map((item) => item.nickname)
    expect(await names('month', '2026-11')).toEqual(['测试late'])
    expect(await names('month', '2026-12')).toEqual(['测试early'])
    expect(await names('quarter', '2026-Q4')).toEqual(['测试late', '测试early'])
    expect(await names('year', '2026')).toEqual(['测试late', '测试early'])
    expect(await names('year', '2027')).toEqual([])
  })

  it('ranks within a district or a street office, defaulting to my own', async () => {
    await addPeople(r.world, ['here', 'there'])
    await payDirect(r.world, 'here', { points: 10, at: november(3) })
    await payDirect(r.world, 'there', {
      points: 50,
      at: november(3),
      districtId: demoGridIds.gaoxin,
      streetId: demoGridIds.wutong,
    })
    const everyone = await r.world.ok('demo-resident', 'points.leaderboard', { kind: 'month' })
    expect(everyone.items.map((item) => item.nickname)).toEqual(['测试there', '测试here'])
    const myDistrict = await r.world.ok('demo-resident', 'points.leaderboard', {
      kind: 'month',
      scope: 'district',
    })
    expect(myDistrict).toMatchObject({ scopeId: demoGridIds.guancheng, scopeName: '管城回族区' })
    expect(myDistrict.items.map((item) => item.nickname)).toEqual(['测试here'])
    const wutong = await r.world.ok('demo-resident', 'points.leaderboard', {
      kind: 'month',
      scope: 'street',
      scopeId: demoGridIds.wutong,
    })
    expect(wutong.items.map((item) => item.nickname)).toEqual(['测试there'])
    const noHome = await r.world.call('demo-resident-2', 'points.leaderboard', {
      kind: 'month',
      scope: 'street',
    })
    expect(noHome).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  })

  it('refuses a period that does not match its kind, in Chinese', async () => {
    expect(
      await r.world.call('demo-resident', 'points.leaderboard', { kind: 'month', period: '2026-Q4' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', fields: { period: '周期与评选类型不符，例如月度为 2026-11' } },
    })
    expect(
      await r.world.call('demo-resident', 'points.leaderboard', { kind: 'month', period: '11月' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', fields: { period: expect.stringContaining('周期格式不正确') } },
    })
  })
})

describe('ledgers (points.mine, points.ledger)', () => {
  let r: Helpers
  beforeEach(async () => {
    r = await rewardsWorld('2026-11-28T02:00:00.000Z')
  })
  afterEach(() => r.world.close())

  it('shows my balance, my ledger with reasons, and how far I am from this month’s award', async () => {
    await addPeople(
      r.world,
      Array.from({ length: 12 }, (_, i) => `n${i}`),
    )
    for (let i = 0; i < 12; i += 1) await payDirect(r.world, `n${i}`, { points: 30 - i, at: november(2) })
    const caseId = await r.report()
    await r.claim(caseId)
    await r.runJob()
    const mine = await r.world.ok('demo-resident', 'points.mine', {})
    expect(mine).toMatchObject({
      balance: 10,
      list: 'public',
      listLabel: '市民榜',
      month: {
        period: '2026-11',
        periodLabel: '2026年11月',
        title: '月度环保市民',
        winners: 10,
        points: 10,
        rank: 13,
        total: null,
        gap: 12,
      },
    })
    expect(mine.ledger.items).toEqual([
      expect.objectContaining({
        points: 10,
        reasonLabel: '举报被受理',
        note: expect.stringContaining('已被受理'),
        caseId,
      }),
    ])
  })

  it('refuses another person’s ledger unless the caller is staff', async () => {
    const caseId = await r.report()
    await r.claim(caseId)
    await r.runJob()
    expect(await r.world.call('demo-resident-2', 'points.ledger', { openid: 'demo-resident' })).toMatchObject(
      {
        ok: false,
        error: { code: 'forbidden', message: '只能查看自己的积分明细' },
      },
    )
    expect(await r.world.call('demo-volunteer', 'points.ledger', { openid: 'demo-resident' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
    const seenByStaff = await r.world.ok('demo-grid-leader-3', 'points.ledger', { openid: 'demo-resident' })
    expect(seenByStaff).toMatchObject({ nickname: '林女士', balance: 10, ledger: { total: 1 } })
    expect((await r.world.ok('demo-resident', 'points.ledger', { openid: 'demo-resident' })).balance).toBe(10)
  })
  it('pages my ledger newest first: the first page comes with my account, no further read', async () => {
    await addPeople(r.world, ['long'])
    for (let day = 1; day <= 25; day += 1)
      await payDirect(r.world, 'long', { points: day, at: november(day) })
    const first = await r.world.metered('long', 'points.ledger', { openid: 'long', pageSize: 20 })
    expect(first.answer.ok).toBe(true)
    const firstPage = first.answer.ok ? first.answer.data.ledger : undefined
    expect(firstPage?.items.map((item) => item.points)).toEqual(Array.from({ length: 20 }, (_, i) => 25 - i))
    expect(firstPage).toMatchObject({ total: 25, hasMore: true })
    // The caller's user document, and nothing else: the person asked for is the caller.
    expect(first.database.requests).toBe(1)
    const second = await r.world.ok('long', 'points.ledger', { openid: 'long', page: 2, pageSize: 20 })
    expect(second.ledger.items.map((item) => item.points)).toEqual([5, 4, 3, 2, 1])
    expect(second.ledger).toMatchObject({ total: 25, hasMore: false })
  })

  it('reads the ledger itself for an account that keeps no recent entries (written before they were kept)', async () => {
    await addPeople(r.world, ['old'])
    for (let day = 1; day <= 3; day += 1) await payDirect(r.world, 'old', { points: day, at: november(day) })
    await r.world.db.collection('user').doc('old').update({ pointsRecent: r.world.db.command.remove() })
    const mine = await r.world.metered('old', 'points.ledger', { openid: 'old' })
    expect(mine.answer.ok && mine.answer.data.ledger.items.map((item) => item.points)).toEqual([3, 2, 1])
    expect(mine.database.requests).toBe(2)
  })
})
