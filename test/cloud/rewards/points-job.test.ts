import { collections } from '../../../cloudfunctions/shared/app'
import { handleJobsEvent } from '../../../cloudfunctions/shared/app'
import { demoPoints } from '../../../emulator/demo/grids'
import { bookWithDecemberVersion, rewardsWorld, useRules } from './helpers'

type Helpers = Awaited<ReturnType<typeof rewardsWorld>>

describe('the points job (case events → ledger)', () => {
  let r: Helpers
  beforeEach(async () => {
    r = await rewardsWorld()
  })
  afterEach(() => r.world.close())

  it('pays the reporter 10 when the grid first claims the report, once the job has run; me.get shows it', async () => {
    const caseId = await r.report()
    await r.claim(caseId)
    expect(await r.balance('demo-resident')).toBe(0)
    expect(await r.runJob()).toEqual({ job: 'points', acted: 1 })
    expect(await r.balance('demo-resident')).toBe(10)
    expect((await r.world.ok('demo-resident', 'me.get', {})).points).toBe(10)
    expect(await r.entries('demo-resident')).toEqual([
      expect.objectContaining({
        _id: `report-accepted:${caseId}:demo-resident`,
        points: 10,
        reason: 'report-accepted',
        caseId,
        ruleVersion: 1,
      }),
    ])
    await r.expectReconciled()
  })

  it('adds the rectification bonus when the fix is verified', async () => {
    const caseId = await r.report()
    await r.claim(caseId)
    await r.rectify(caseId)
    await r.verify(caseId)
    await r.runJob()
    expect((await r.entries('demo-resident')).map((entry) => [entry.reason, entry.points])).toEqual([
      ['report-accepted', 10],
      ['report-rectified', 5],
    ])
    expect(await r.tally('2026-11', 'demo-resident')).toMatchObject({
      points: 15,
      acceptedReports: 1,
      kind: 'month',
      list: 'public',
    })
  })

  it('never pays twice when the job is re-run, also from an empty cursor over the whole history', async () => {
    const caseId = await r.report()
    await r.claim(caseId)
    await r.runJob()
    expect((await r.runJob()).acted).toBe(0)
    await r.world.db.collection(collections.pointsCursor).doc('case-events').remove()
    expect((await r.runJob()).acted).toBe(0)
    // Two jobs at once (overlapping timer ticks) still pay once.
    await r.world.db.collection(collections.pointsCursor).doc('case-events').remove()
    const both = await Promise.all([r.runJob(), r.runJob()])
    expect(both.reduce((sum, report) => sum + report.acted, 0)).toBe(0)
    expect(await r.balance('demo-resident')).toBe(10)
    expect(await r.entries('demo-resident')).toHaveLength(1)
    await r.expectReconciled()
  })

  it('never pays twice for a reopened case that is claimed, rectified and verified again', async () => {
    const caseId = await r.report()
    await r.claim(caseId)
    await r.rectify(caseId)
    await r.verify(caseId)
    await r.runJob()
    await r.world.ok('demo-resident', 'case.dispute', { caseId, reason: '还在烧' })
    await r.claim(caseId)
    await r.rectify(caseId)
    await r.verify(caseId)
    expect((await r.runJob()).acted).toBe(0)
    expect(await r.balance('demo-resident')).toBe(15)
  })

  it('reverses the points of a report later rejected as fake with new negative entries, keeping the originals', async () => {
    const caseId = await r.report()
    await r.world.ok('demo-volunteer', 'case.join', { caseId, location: demoPoints.yingyueRoadGrid1 })
    await r.claim(caseId)
    await r.runJob()
    expect(await r.balance('demo-resident')).toBe(10)
    expect(await r.balance('demo-volunteer')).toBe(1)

    await r.world.ok('demo-grid-leader-3', 'case.reject', {
      caseId,
      reason: 'fake',
      note: '现场核实无此情况',
    })
    await r.runJob()
    expect(await r.balance('demo-resident')).toBe(0)
    expect(await r.balance('demo-volunteer')).toBe(0)
    const ledger = await r.entries('demo-resident')
    expect(ledger.map((entry) => [entry._id, entry.points])).toEqual([
      [`report-accepted:${caseId}:demo-resident`, 10],
      [`reversal:report-accepted:${caseId}:demo-resident`, -10],
    ])
    expect(ledger[1]).toMatchObject({ reason: 'reversal', note: expect.stringContaining('虚假举报') })
    expect(await r.tally('2026-11', 'demo-resident')).toMatchObject({ points: 0, acceptedReports: 0 })
    expect((await r.runJob()).acted).toBe(0)
    await r.expectReconciled()
  })

  it('pays nothing for an anonymous report, even when it is claimed and verified', async () => {
    const caseId = await r.report('demo-resident', { anonymous: true })
    await r.claim(caseId)
    await r.rectify(caseId)
    await r.verify(caseId)
    await r.runJob()
    expect(await r.entries('demo-resident')).toEqual([])
    expect(await r.balance('demo-resident')).toBe(0)
  })

  it('pays nothing for a report rejected before anyone took it on', async () => {
    const caseId = await r.report()
    await r.world.ok('demo-grid-leader-3', 'case.reject', { caseId, reason: 'not-pollution', note: '' })
    await r.runJob()
    expect(await r.entries('demo-resident')).toEqual([])
  })

  it('pays nothing for a duplicate merged into another case, and takes back what it had earned', async () => {
    const original = await r.report('demo-resident-2')
    const duplicate = await r.report()
    await r.world.ok('demo-grid-leader-3', 'case.merge', {
      caseId: duplicate,
      intoCaseId: original,
      reason: '重复举报',
    })
    await r.runJob()
    expect(await r.entries('demo-resident')).toEqual([])

    const third = await r.report()
    await r.claim(third)
    await r.runJob()
    expect(await r.balance('demo-resident')).toBe(10)
    await r.world.ok('demo-grid-leader-3', 'case.merge', {
      caseId: third,
      intoCaseId: original,
      reason: '重复举报',
    })
    await r.runJob()
    expect(await r.balance('demo-resident')).toBe(0)
    await r.expectReconciled()
  })

  it('pays the small amount for joining an existing case, once, and nothing to the reporter for it', async () => {
    const caseId = await r.report()
    await r.world.ok('demo-volunteer', 'case.join', { caseId, location: demoPoints.yingyueRoadGrid1 })
    await r.runJob()
    await r.runJob()
    expect(await r.entries('demo-volunteer')).toEqual([
      expect.objectContaining({ _id: `case-joined:${caseId}:demo-volunteer`, points: 1 }),
    ])
    expect(await r.entries('demo-resident')).toEqual([])
    const again = await r.world.call('demo-volunteer', 'case.join', { caseId })
    expect(again.ok).toBe(false)
  })

  it('pays nothing for joining from far away, or from a place not given', async () => {
    const caseId = await r.report()
    await r.world.ok('demo-volunteer', 'case.join', { caseId, location: demoPoints.streetOnly })
    await r.world.ok('demo-resident-2', 'case.join', { caseId })
    await r.runJob()
    expect(await r.entries('demo-volunteer')).toEqual([])
    expect(await r.entries('demo-resident-2')).toEqual([])
  })

  it('ranks a grid member’s own report in the staff list, never in the public one', async () => {
    const caseId = await r.report('demo-grid-member')
    await r.claim(caseId, 'demo-grid-leader-3')
    await r.runJob()
    expect(await r.tally('2026-11', 'demo-grid-member')).toMatchObject({ list: 'staff', points: 10 })
    const publicBoard = await r.world.ok('demo-grid-member', 'points.leaderboard', {
      kind: 'month',
      list: 'public',
    })
    expect(publicBoard.items).toEqual([])
    const staffBoard = await r.world.ok('demo-grid-member', 'points.leaderboard', { kind: 'month' })
    expect(staffBoard).toMatchObject({
      list: 'staff',
      items: [expect.objectContaining({ nickname: '网格员小许', points: 10, isMe: true })],
    })
  })

  it('refuses a grid member claiming their own report, and pays nothing for one they helped handle', async () => {
    const caseId = await r.report('demo-grid-member')
    const own = await r.world.call('demo-grid-member', 'case.claim', { caseId })
    expect(own).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    await r.claim(caseId, 'demo-sunk-staff')
    await r.world.ok('demo-grid-leader-3', 'case.attachHandlers', { caseId, openids: ['demo-grid-member'] })
    await r.rectify(caseId, 'demo-sunk-staff')
    await r.verify(caseId)
    await r.runJob()
    expect(await r.entries('demo-grid-member')).toEqual([])
  })

  it('caps a person’s points per day: the fifth accepted report of a day pays nothing', async () => {
    const cases: string[] = []
    for (let i = 0; i < 5; i += 1) cases.push(await r.report())
    for (const caseId of cases) await r.claim(caseId)
    await r.runJob()
    expect((await r.entries('demo-resident')).map((entry) => entry.points)).toEqual([10, 10, 10, 10, 0])
    expect(await r.balance('demo-resident')).toBe(40)
    // The next day the cap starts again.
    r.world.clock.advanceMinutes(24 * 60)
    const nextDay = await r.report()
    await r.claim(nextDay)
    await r.runJob()
    expect(await r.balance('demo-resident')).toBe(50)
    await r.expectReconciled()
  })

  it('counts an acceptance at 23:59 Beijing time on 30 November in November, one at 00:01 in December', async () => {
    r.world.clock.now = new Date('2026-11-30T15:00:00.000Z')
    const late = await r.report()
    const early = await r.report()
    r.world.clock.now = new Date('2026-11-30T15:59:00.000Z') // 23:59
    await r.claim(late)
    r.world.clock.now = new Date('2026-11-30T16:01:00.000Z') // 00:01 on 1 December
    await r.claim(early)
    await r.runJob()
    expect(await r.tally('2026-11', 'demo-resident')).toMatchObject({ points: 10 })
    expect(await r.tally('2026-12', 'demo-resident')).toMatchObject({ points: 10 })
    expect(await r.tally('2026-Q4', 'demo-resident')).toMatchObject({ points: 20 })
  })

  it('still pays for an event committed after the job passed its time (a request that started earlier)', async () => {
    const first = await r.report()
    const late = await r.report()
    r.world.clock.advanceMinutes(2)
    await r.claim(first)
    await r.runJob()
    // A claim whose request started a minute before the one the job has already seen, written only now.
    r.world.clock.advanceMinutes(-1)
    await r.claim(late)
    expect((await r.runJob()).acted).toBe(1)
    expect(await r.balance('demo-resident')).toBe(20)
  })

  it('runs as part of the jobs function', async () => {
    const caseId = await r.report()
    await r.claim(caseId)
    const { reports } = await handleJobsEvent(r.world.runtime, {})
    expect(reports).toEqual(expect.arrayContaining([{ job: 'points', acted: 1 }]))
  })

  it('pays by the rule version in force when the act happened', async () => {
    useRules(r.world, bookWithDecemberVersion(20))
    r.world.clock.now = new Date('2026-11-30T15:00:00.000Z')
    const november = await r.report()
    const december = await r.report()
    await r.claim(november)
    r.world.clock.now = new Date('2026-12-01T02:00:00.000Z')
    await r.claim(december)
    await r.runJob()
    expect((await r.entries('demo-resident')).map((entry) => [entry.points, entry.ruleVersion])).toEqual([
      [10, 1],
      [20, 2],
    ])
  })
})
