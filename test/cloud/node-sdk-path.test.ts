/**
 * The same api code as in the cloud, with its database reached through the unmodified @cloudbase/node-sdk
 * over HTTP (the emulator's endpoint stands in for CloudBase). The other cloud tests use the emulator's
 * in-process Db for speed; this one proves that the SDK's own serialisation of queries, updates,
 * transactions and commands carries the lifecycle and the rewards the same way.
 */
import { collections } from '../../cloudfunctions/shared/app'
import { handleJobsEvent } from '../../cloudfunctions/shared/app'
import { runPointsJob } from '../../cloudfunctions/shared/rewards/points-job'
import { runRelay } from '../../cloudfunctions/shared/cases/relay'
import { reconcilePoints } from '../../cloudfunctions/shared/rewards/reconcile'
import { demoPoints } from '../../emulator/demo/grids'
import { createTestWorld, reportAt, type TestWorld } from '../factories/runtime'
import { ownPhoto } from '../factories/photos'

const after = ownPhoto

describe('the api through node-sdk', () => {
  let world: TestWorld
  beforeAll(async () => {
    world = await createTestWorld({ database: 'node-sdk' })
  })
  afterAll(() => world.close())

  const submit = (openid: string, overrides: Parameters<typeof reportAt>[1] = {}) =>
    world.ok(openid, 'case.submit', reportAt(demoPoints.yingyueRoadGrid1, overrides))

  it('submits once however often the same request is retried', async () => {
    const payload = reportAt(demoPoints.yingyueRoadGrid1)
    const first = await world.ok('demo-resident', 'case.submit', payload)
    const again = await world.ok('demo-resident', 'case.submit', payload)
    expect(again).toMatchObject({ replayed: true, case: { id: first.case.id, caseNo: first.case.caseNo } })
    expect(first.case.grid.name).toBe('映月路社区第1网格')
  })

  it('gives a case to exactly one of ten simultaneous claimers, with one claim event', async () => {
    const { case: reported } = await submit('demo-resident')
    const claimers = [
      'demo-grid-member',
      'demo-grid-leader-3',
      'demo-grid-leader-2',
      'demo-grid-leader-1',
      'demo-sunk-staff',
    ]
    const answers = await Promise.all(
      [...claimers, ...claimers].map((openid) => world.call(openid, 'case.claim', { caseId: reported.id })),
    )
    expect(answers.filter((answer) => answer.ok)).toHaveLength(1)
    const { events } = await world.ok('demo-grid-member', 'case.get', { caseId: reported.id })
    expect(events.filter((event) => event.type === 'claim')).toHaveLength(1)
  })

  it('walks a case from report to closed, with an intact trail and the notifications queued', async () => {
    const { case: reported } = await submit('demo-resident')
    const caseId = reported.id
    await world.ok('demo-grid-member', 'case.claim', { caseId })
    await world.ok('demo-grid-member', 'case.rectify', {
      caseId,
      measure: 'dissuade',
      note: '已劝阻并清理',
      photos: [after],
    })
    await world.ok('demo-grid-leader-2', 'case.verify', { caseId, passed: true, note: '' })
    const { case: closed } = await world.ok('demo-resident', 'case.confirm', {
      caseId,
      rating: 5,
      comment: '处理及时',
    })
    expect(closed.status).toBe('closed')
    expect(await world.ok('demo-resident', 'case.verifyTrail', { caseId })).toMatchObject({
      intact: true,
      events: 5,
    })
    await runRelay(world.runtime)
    const messages = await world.ok('demo-resident', 'notification.list', {})
    expect(messages.items.filter((item) => item.caseId === caseId).length).toBeGreaterThanOrEqual(3)
  })

  it('merges a duplicate, carrying its reporter over', async () => {
    const { case: survivor } = await submit('demo-resident')
    const { case: duplicate } = await submit('demo-resident-2')
    const { case: merged } = await world.ok('demo-grid-leader-3', 'case.merge', {
      caseId: duplicate.id,
      intoCaseId: survivor.id,
      reason: '重复举报',
    })
    expect(merged).toMatchObject({ status: 'merged', resolution: { mergedInto: survivor.id } })
    expect((await world.ok('demo-grid-member', 'case.get', { caseId: survivor.id })).case.followerCount).toBe(
      1,
    )
  })

  it('lists the staff a leader can attach, from a query on an array field', async () => {
    const { case: reported } = await submit('demo-resident')
    await world.ok('demo-grid-member', 'case.claim', { caseId: reported.id })
    const { items } = await world.ok('demo-grid-leader-3', 'case.handlerCandidates', { caseId: reported.id })
    expect(items.map((item) => item.openid)).toContain('demo-sunk-staff')
  })

  it('pays points through the ledger, reconciling with balances, standings and tallies', async () => {
    await runRelay(world.runtime)
    const report = await runPointsJob(world.runtime)
    expect(report.acted).toBeGreaterThan(0)
    const mine = await world.ok('demo-resident', 'points.mine', {})
    // Several accepted reports (+10 each) and one verified fix (+5), all within the daily cap.
    expect(mine.balance).toBeGreaterThan(10)
    const entries = await world.db
      .collection(collections.pointsEntry)
      .where({ openid: 'demo-resident' })
      .count()
    expect(entries.total).toBeGreaterThan(1)
    expect((await reconcilePoints(world.runtime)).problems).toEqual([])
    const board = await world.ok('demo-resident', 'points.leaderboard', { kind: 'month', scope: 'all' })
    expect(board.me).toMatchObject({ rank: 1, points: mine.balance })
  })

  // Last: it moves the clock on for the whole world.
  it('runs the timer sweeps: a case nobody claims is flagged, carded past its deadline, then escalated', async () => {
    const { case: reported } = await submit('demo-resident-2')
    world.clock.advanceMinutes(5 * 60)
    const { reports } = await handleJobsEvent(world.runtime, {})
    const acted = Object.fromEntries(reports.map((report) => [report.job, report.acted]))
    expect(acted['unclaimed-alert']).toBeGreaterThanOrEqual(1)
    expect(acted['unclaimed-escalate']).toBeGreaterThanOrEqual(1)
    const { case: escalated, events } = await world.ok('demo-grid-leader-2', 'case.get', {
      caseId: reported.id,
    })
    expect(escalated).toMatchObject({ status: 'pending', grid: { name: '映月路社区' } })
    // Open burning must be handled within 4 hours: the grid gets its red card before the case moves up.
    expect(events.map((event) => event.type)).toEqual(['submit', 'unclaimed-alert', 'red-card', 'escalate'])
  })
})
