import { collections } from '../../../cloudfunctions/shared/app'
import { demoGridIds, demoPoints } from '../../../emulator/demo/grids'
import { photo, rewardsWorld } from '../rewards/helpers'

type Helpers = Awaited<ReturnType<typeof rewardsWorld>>

const member = 'demo-grid-member'
const volunteer = 'demo-volunteer'
const finding = (roundId: string, requestId: string, overrides: Record<string, unknown> = {}) => ({
  requestId,
  roundId,
  categoryId: 'open-burning',
  checkId: 'burning-garbage',
  description: '巡查发现有人焚烧垃圾',
  location: demoPoints.yingyueRoadGrid1,
  address: '映月路与商鼎路交叉口',
  ...overrides,
})

describe('patrol rounds (patrol.startRound, checkIn, report, round, endRound)', () => {
  let r: Helpers
  beforeEach(async () => {
    r = await rewardsWorld()
  })
  afterEach(() => r.world.close())

  const start = (openid: string, requestId: string) => r.world.ok(openid, 'patrol.startRound', { requestId })

  it('walks a round: check-ins make its track, and ending it keeps its duration', async () => {
    const { round } = await start(member, 'round-0001')
    expect(round).toMatchObject({ open: true, track: [], durationMinutes: 0 })
    r.world.clock.advanceMinutes(10)
    const first = await r.world.ok(member, 'patrol.checkIn', {
      requestId: 'round-check-0001',
      roundId: round.id,
      location: demoPoints.yingyueRoadGrid1,
      note: '路过映月路',
    })
    expect(first).toMatchObject({ patrol: { roundId: round.id }, round: { track: [{ hasPhotos: false }] } })
    r.world.clock.advanceMinutes(25)
    await r.world.ok(member, 'patrol.checkIn', {
      requestId: 'round-check-0002',
      roundId: round.id,
      location: demoPoints.yingyueRoadGrid1,
      photos: [photo],
    })
    r.world.clock.advanceMinutes(5)
    const { round: ended } = await r.world.ok(member, 'patrol.endRound', { roundId: round.id })
    expect(ended).toMatchObject({ open: false, endedBy: 'walker', durationMinutes: 40 })
    expect(ended.track.map((p) => p.hasPhotos)).toEqual([false, true])
    const { round: read } = await r.world.ok(member, 'patrol.round', {})
    expect(read).toEqual(ended)
  })

  it('pays a volunteer’s round check-in with a photo as before, and records a photo-less one unpaid', async () => {
    const { round } = await start(volunteer, 'round-0002')
    const bare = await r.world.ok(volunteer, 'patrol.checkIn', {
      requestId: 'round-check-0003',
      roundId: round.id,
      location: demoPoints.yingyueRoadGrid1,
    })
    expect(bare).toMatchObject({ points: 0, pointsNote: expect.stringContaining('不计积分') })
    const pictured = await r.world.ok(volunteer, 'patrol.checkIn', {
      requestId: 'round-check-0004',
      roundId: round.id,
      location: demoPoints.yingyueRoadGrid1,
      photos: [photo],
    })
    expect(pictured.points).toBe(3)
    expect(await r.balance(volunteer)).toBe(3)
    await r.expectReconciled()
  })

  it('still refuses a single check-in without a photo, as before rounds', async () => {
    const answer = await r.world.call(volunteer, 'patrol.checkIn', {
      requestId: 'single-check-0001',
      location: demoPoints.yingyueRoadGrid1,
    })
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  })

  it('never makes a second round, check-in or case from retries', async () => {
    const first = await start(member, 'round-0003')
    const again = await Promise.all([1, 2, 3].map(() => start(member, 'round-0003')))
    expect(again.every((answer) => answer.replayed && answer.round.id === first.round.id)).toBe(true)
    const check = {
      requestId: 'round-check-0005',
      roundId: first.round.id,
      location: demoPoints.yingyueRoadGrid1,
    }
    await Promise.all([1, 2, 3].map(() => r.world.ok(member, 'patrol.checkIn', check)))
    const report = finding(first.round.id, 'round-report-0001')
    const cases = await Promise.all([1, 2, 3].map(() => r.world.ok(member, 'patrol.report', report)))
    expect(new Set(cases.map((answer) => answer.case.id)).size).toBe(1)
    const { round } = await r.world.ok(member, 'patrol.round', { roundId: first.round.id })
    expect(round).toMatchObject({ track: [{}], caseIds: [cases[0]!.case.id] })
    const rounds = await r.world.db.collection(collections.patrolRound).where({ openid: member }).get()
    expect(rounds.data).toHaveLength(1)
    const checks = await r.world.db.collection(collections.patrol).where({ openid: member }).get()
    expect(checks.data).toHaveLength(1)
  })

  it('files a problem found on patrol as a case with source “patrol” at the place given', async () => {
    const { round } = await start(member, 'round-0004')
    const { case: filed } = await r.world.ok(member, 'patrol.report', finding(round.id, 'round-report-0002'))
    expect(filed).toMatchObject({ status: 'pending', grid: { id: demoGridIds.yingyueRoadGrid1 } })
    const { data } = await r.world.db.collection(collections.case).doc(filed.id).get()
    expect(data[0]).toMatchObject({ channel: 'patrol', location: demoPoints.yingyueRoadGrid1 })
  })

  it('screens a patrol find like a report: risky words are refused, photos hold the case until they pass', async () => {
    const { round } = await start(volunteer, 'round-0010')
    r.world.wechat.setVerdict('text', { suggest: 'risky', label: 20001 }, 1)
    expect(
      await r.world.call(volunteer, 'patrol.report', finding(round.id, 'round-report-0010')),
    ).toMatchObject({ ok: false, error: { code: 'content-rejected' } })
    r.world.mediaChecks.auto = false
    const { case: filed } = await r.world.ok(
      volunteer,
      'patrol.report',
      finding(round.id, 'round-report-0011', { photos: [photo] }),
    )
    expect(filed.screening).toMatchObject({ state: 'checking' })
    // Not there for others until WeChat has looked at the photo.
    expect(await r.world.call('demo-resident-2', 'case.get', { caseId: filed.id })).toMatchObject({
      ok: false,
    })
    await r.world.wechat.deliverMediaChecks()
    expect(await r.world.call('demo-resident-2', 'case.get', { caseId: filed.id })).toMatchObject({
      ok: true,
    })
  })

  it('keeps to one open round, and ends an abandoned one at its last check-in', async () => {
    const { round } = await start(member, 'round-0005')
    r.world.clock.advanceMinutes(15)
    await r.world.ok(member, 'patrol.checkIn', {
      requestId: 'round-check-0006',
      roundId: round.id,
      location: demoPoints.yingyueRoadGrid1,
    })
    expect(await r.world.call(member, 'patrol.startRound', { requestId: 'round-0006' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    })
    // The phone died: past the configured time, the round shows as ended by the clock at its last check-in.
    r.world.clock.advanceMinutes(r.world.runtime.settings.policy.patrolRound.maxOpenMinutes)
    const { round: lapsed } = await r.world.ok(member, 'patrol.round', { roundId: round.id })
    expect(lapsed).toMatchObject({ open: false, endedBy: 'timeout', durationMinutes: 15 })
    expect(
      await r.world.call(member, 'patrol.checkIn', {
        requestId: 'round-check-0007',
        roundId: round.id,
        location: demoPoints.yingyueRoadGrid1,
      }),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } })
    const next = await start(member, 'round-0006')
    expect(next.round.open).toBe(true)
    const { data } = await r.world.db.collection(collections.patrolRound).doc(round.id).get()
    expect(data[0]).toMatchObject({ endedBy: 'timeout', endedAt: lapsed!.endedAt })
  })

  it('keeps each walker to their own rounds and their own grids', async () => {
    const { round } = await start(member, 'round-0007')
    expect(await r.world.call(volunteer, 'patrol.round', { roundId: round.id })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    })
    expect(await r.world.call(volunteer, 'patrol.endRound', { roundId: round.id })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    })
    const away = finding(round.id, 'round-report-0003', { location: demoPoints.wutongKexueAvenue })
    expect(await r.world.call(member, 'patrol.report', away)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
    expect(
      await r.world.call('demo-resident', 'patrol.startRound', { requestId: 'round-0008' }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })
})
