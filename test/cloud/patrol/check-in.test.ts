import { collections } from '../../../cloudfunctions/shared/app'
import { demoGridIds, demoPoints } from '../../../emulator/demo/grids'
import { failingWritesTo } from '../../factories/faults'
import { photoUrlPattern } from '../../factories/photos'
import { photo, rewardsWorld } from '../rewards/helpers'

type Helpers = Awaited<ReturnType<typeof rewardsWorld>>

const checkIn = (requestId: string, overrides: Record<string, unknown> = {}) => ({
  requestId,
  location: demoPoints.yingyueRoadGrid1,
  photos: [photo],
  note: '工地围挡完好，未见扬尘',
  ...overrides,
})

describe('patrol check-ins (patrol.checkIn)', () => {
  let r: Helpers
  beforeEach(async () => {
    r = await rewardsWorld()
  })
  afterEach(() => r.world.close())

  it('records a volunteer’s check-in with place and photos and pays 3 points at once', async () => {
    const answer = await r.world.ok('demo-volunteer', 'patrol.checkIn', checkIn('patrol-request-0001'))
    expect(answer).toMatchObject({
      replayed: false,
      points: 3,
      pointsNote: '巡查打卡：航海东路街道 / 映月路社区 / 映月路社区第1网格',
      patrol: {
        grid: { id: demoGridIds.yingyueRoadGrid1 },
        photos: [expect.stringMatching(photoUrlPattern)],
        note: '工地围挡完好，未见扬尘',
      },
    })
    expect(await r.balance('demo-volunteer')).toBe(3)
    const { data } = await r.world.db.collection(collections.patrol).doc(answer.patrol.id).get()
    expect(data[0]).toMatchObject({ openid: 'demo-volunteer', location: demoPoints.yingyueRoadGrid1 })
  })

  it('answers a retried check-in with the first result and never pays twice', async () => {
    const first = await r.world.ok('demo-volunteer', 'patrol.checkIn', checkIn('patrol-request-0002'))
    const retries = await Promise.all(
      [1, 2, 3].map(() => r.world.ok('demo-volunteer', 'patrol.checkIn', checkIn('patrol-request-0002'))),
    )
    expect(
      retries.every((retry) => retry.replayed && retry.patrol.id === first.patrol.id && retry.points === 3),
    ).toBe(true)
    expect(await r.balance('demo-volunteer')).toBe(3)
    expect(await r.entries('demo-volunteer')).toHaveLength(1)
    await r.expectReconciled()
  })

  it('pays on the retry a check-in whose payment failed after it was stored, and only once', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => {})
    const { handleApiEvent } = await import('../../../cloudfunctions/shared/app')
    const broken = { ...r.world.runtime, db: failingWritesTo(r.world.db, collections.pointsEntry) }
    const payload = await r.world.withPhotos('demo-volunteer', checkIn('patrol-request-0009'))
    const failed = await handleApiEvent(
      broken,
      { action: 'patrol.checkIn', payload },
      { openid: 'demo-volunteer' },
    )
    expect(failed).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect(await r.balance('demo-volunteer')).toBe(0)

    const retried = await r.world.ok('demo-volunteer', 'patrol.checkIn', payload)
    expect(retried).toMatchObject({ replayed: true, points: 3 })
    await r.world.ok('demo-volunteer', 'patrol.checkIn', payload)
    expect(await r.entries('demo-volunteer')).toHaveLength(1)
    expect(await r.balance('demo-volunteer')).toBe(3)
    await r.expectReconciled()
  })

  it('records a third check-in of the day but pays only the first two', async () => {
    await r.world.ok('demo-volunteer', 'patrol.checkIn', checkIn('patrol-request-0003'))
    await r.world.ok('demo-volunteer', 'patrol.checkIn', checkIn('patrol-request-0004'))
    const third = await r.world.ok('demo-volunteer', 'patrol.checkIn', checkIn('patrol-request-0005'))
    expect(third).toMatchObject({ points: 0, pointsNote: expect.stringContaining('今日已有2次打卡计分') })
    expect(await r.balance('demo-volunteer')).toBe(6)
    r.world.clock.advanceMinutes(24 * 60)
    expect(
      (await r.world.ok('demo-volunteer', 'patrol.checkIn', checkIn('patrol-request-0006'))).points,
    ).toBe(3)
  })

  it('pays a grid member’s check-in into the staff list', async () => {
    await r.world.ok('demo-grid-member', 'patrol.checkIn', checkIn('patrol-request-0007'))
    expect(await r.tally('2026-11', 'demo-grid-member')).toMatchObject({ list: 'staff', points: 3 })
  })

  it('refuses a check-in outside the caller’s own grids, in Chinese, and pays nothing', async () => {
    // The grid member works in 映月路社区第1网格 only; the street's corridor is in the street, not in it.
    const answer = await r.world.call(
      'demo-grid-member',
      'patrol.checkIn',
      checkIn('patrol-request-away', { location: demoPoints.streetOnly }),
    )
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: '只能在您负责或所属的网格内巡查打卡' },
    })
    expect(await r.balance('demo-grid-member')).toBe(0)
    // The volunteer belongs to 映月路社区, whose grids are theirs to walk.
    await r.world.ok(
      'demo-volunteer',
      'patrol.checkIn',
      checkIn('patrol-request-grid2', { location: { lng: 113.695, lat: 34.7288 } }),
    )
  })

  it('refuses residents, places outside every grid, and a check-in without a photo (in Chinese)', async () => {
    expect(
      await r.world.call('demo-resident', 'patrol.checkIn', checkIn('patrol-request-0008')),
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: '只有环保志愿者和网格工作人员可以巡查打卡' },
    })
    expect(
      await r.world.call(
        'demo-volunteer',
        'patrol.checkIn',
        checkIn('patrol-request-0009', { location: demoPoints.outside }),
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'outside-service-area' },
    })
    expect(
      await r.world.call('demo-volunteer', 'patrol.checkIn', checkIn('patrol-request-0010', { photos: [] })),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', fields: { photos: '请至少拍摄一张巡查照片' } },
    })
    expect(await r.balance('demo-volunteer')).toBe(0)
  })
})
