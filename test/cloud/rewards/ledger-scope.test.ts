import { collections } from '../../../cloudfunctions/shared/app'
import type { User } from '../../../src/domain/people/roles'
import { demoGridIds, demoPoints } from '../../../emulator/demo/grids'
import { photo, rewardsWorld } from './helpers'

type Helpers = Awaited<ReturnType<typeof rewardsWorld>>

/*
 * Another person's points ledger (points.ledger) is read only by staff whose scope covers that person: the
 * district office or supervisor of the person's district, a grid leader whose grids hold the person's grids.
 * Where a volunteer patrolled is shown only to the volunteer and their district office.
 */

const place = '航海东路街道 / 映月路社区 / 映月路社区第1网格'
const checkIn = (requestId: string) => ({
  requestId,
  location: demoPoints.yingyueRoadGrid1,
  photos: [photo],
  note: '工地围挡完好',
})

describe('whose points ledger staff may read (points.ledger)', () => {
  let r: Helpers
  beforeEach(async () => {
    r = await rewardsWorld()
    const gaoxinOffice: User = {
      _id: 'gaoxin-office',
      openid: 'gaoxin-office',
      nickname: '高新大气办',
      role: 'district_office',
      gridIds: [demoGridIds.gaoxin],
      districtId: demoGridIds.gaoxin,
      points: 0,
    }
    await r.world.db.collection(collections.user).add(gaoxinOffice)
    // 志愿者小唐 walks 映月路社区: three check-ins in a day, the third unpaid by the daily count.
    for (const id of ['ledger-scope-0001', 'ledger-scope-0002', 'ledger-scope-0003'])
      await r.world.ok('demo-volunteer', 'patrol.checkIn', checkIn(id))
  })
  afterEach(() => r.world.close())

  const ledgerOf = (caller: string, openid = 'demo-volunteer') =>
    r.world.call(caller, 'points.ledger', { openid })

  it('shows the volunteer their own patrol places', async () => {
    const own = await r.world.ok('demo-volunteer', 'points.ledger', { openid: 'demo-volunteer' })
    expect(own.ledger.items.map((item) => item.note)).toEqual([
      `巡查打卡：${place}（今日已有2次打卡计分，本次不计分）`,
      `巡查打卡：${place}`,
      `巡查打卡：${place}`,
    ])
  })

  it('shows the district office of the volunteer’s district the places too', async () => {
    const seen = await r.world.ok('demo-air-office', 'points.ledger', { openid: 'demo-volunteer' })
    expect(seen).toMatchObject({ nickname: '志愿者小唐', balance: 6, ledger: { total: 3 } })
    expect(seen.ledger.items[0]!.note).toContain(place)
    expect(seen.ledger.items[0]!.patrolId).not.toBeNull()
  })

  it('shows the leaders above the volunteer’s community and the supervisor that a check-in was paid, not where', async () => {
    for (const caller of ['demo-grid-leader-2', 'demo-grid-leader-1', 'demo-supervisor']) {
      const seen = await r.world.ok(caller, 'points.ledger', { openid: 'demo-volunteer' })
      expect(seen).toMatchObject({ balance: 6, ledger: { total: 3 } })
      expect(seen.ledger.items.map((item) => [item.note, item.patrolId, item.points])).toEqual([
        ['巡查打卡（今日已有2次打卡计分，本次不计分）', null, 0],
        ['巡查打卡', null, 3],
        ['巡查打卡', null, 3],
      ])
      expect(JSON.stringify(seen)).not.toContain('映月路社区第1网格')
    }
  })

  it('refuses a leader whose grids do not hold the volunteer’s, and the office of another district', async () => {
    // The block's leader sits below the volunteer's community, not above it.
    for (const caller of ['demo-grid-leader-3', 'gaoxin-office']) {
      expect(await ledgerOf(caller)).toEqual({
        ok: false,
        error: { code: 'forbidden', message: '只能查看您负责范围内人员的积分明细' },
      })
    }
  })

  it('refuses grid members and sunk staff, who read nobody’s ledger but their own', async () => {
    for (const caller of ['demo-grid-member', 'demo-sunk-staff']) {
      expect(await ledgerOf(caller)).toMatchObject({
        ok: false,
        error: { code: 'forbidden', message: '只能查看自己的积分明细' },
      })
    }
  })

  it('answers an account that does not exist exactly as one out of scope', async () => {
    const unknown = await ledgerOf('demo-air-office', 'no-such-account')
    const outOfScope = await ledgerOf('gaoxin-office')
    expect(unknown).toEqual(outOfScope)
  })
})
