import { collections } from '../../../cloudfunctions/shared/app'
import { runRelay } from '../../../cloudfunctions/shared/cases/relay'
import { demoPoints } from '../../../emulator/demo/grids'
import { failingWritesTo } from '../../factories/faults'
import { documentsWhere } from '../../factories/inspect'
import { createTestWorld, reportAt, type TestWorld } from '../../factories/runtime'

/** Every act is one write of its case; the relay copies events and notifications out afterwards. */
describe('the case store when a write fails midway', () => {
  let world: TestWorld
  beforeEach(async () => {
    world = await createTestWorld()
    jest.spyOn(console, 'error').mockImplementation(() => {})
  })
  afterEach(() => world.close())

  const callBroken = async (db: TestWorld['db'], openid: string, action: string, payload: unknown) => {
    const { handleApiEvent } = await import('../../../cloudfunctions/shared/app')
    const sent = await world.withPhotos(openid, payload)
    return handleApiEvent({ ...world.runtime, db }, { action, payload: sent }, { openid })
  }
  const feedOf = (caseId: string) =>
    documentsWhere<{ _id: string }>(world.db, collections.caseEvent, { caseId })
  const outboxOf = (caseId: string) =>
    documentsWhere<{ _id: string }>(world.db, collections.outbox, { caseId })

  it('leaves no case behind when its one insert fails, and a retry then succeeds', async () => {
    const payload = reportAt(demoPoints.yingyueRoadGrid1)
    const failed = await callBroken(
      failingWritesTo(world.db, collections.case),
      'demo-resident',
      'case.submit',
      payload,
    )
    expect(failed).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect((await world.db.collection(collections.case).count()).total).toBe(0)

    const retried = await world.ok('demo-resident', 'case.submit', payload)
    expect(retried.replayed).toBe(false)
    const { events } = await world.ok('demo-resident', 'case.get', { caseId: retried.case.id })
    expect(events).toHaveLength(1)
  })

  it('leaves a case unclaimed when the claim’s write fails, and the claim then succeeds', async () => {
    const { case: submitted } = await world.ok(
      'demo-resident',
      'case.submit',
      reportAt(demoPoints.yingyueRoadGrid1),
    )
    const failed = await callBroken(
      failingWritesTo(world.db, collections.case),
      'demo-grid-member',
      'case.claim',
      {
        caseId: submitted.id,
      },
    )
    expect(failed).toMatchObject({ ok: false, error: { code: 'internal' } })
    const { case: after, events } = await world.ok('demo-resident', 'case.get', { caseId: submitted.id })
    expect(after).toMatchObject({ status: 'pending', claimedBy: null })
    expect(events.map((event) => event.type)).toEqual(['submit'])
    expect((await world.call('demo-grid-member', 'case.claim', { caseId: submitted.id })).ok).toBe(true)
  })

  it('finishes a relay run that stopped before queuing notifications, copying nothing twice', async () => {
    const { case: submitted } = await world.ok(
      'demo-resident',
      'case.submit',
      reportAt(demoPoints.yingyueRoadGrid1),
    )
    await world.ok('demo-grid-member', 'case.claim', { caseId: submitted.id })
    const broken = { ...world.runtime, db: failingWritesTo(world.db, collections.outbox) }
    await expect(runRelay(broken)).rejects.toThrow('connection reset')
    expect(await feedOf(submitted.id)).toHaveLength(2)
    expect(await outboxOf(submitted.id)).toHaveLength(0)

    await runRelay(world.runtime)
    await runRelay(world.runtime)
    expect((await feedOf(submitted.id)).map((event) => event._id).sort()).toEqual([
      `${submitted.id}#0`,
      `${submitted.id}#1`,
    ])
    const queued = (await outboxOf(submitted.id)).map((entry) => entry._id)
    expect(queued.length).toBeGreaterThan(0)
    expect(new Set(queued).size).toBe(queued.length)
  })

  it('finishes a relay run that stopped before marking its cases, and then leaves them alone', async () => {
    const { case: submitted } = await world.ok(
      'demo-resident',
      'case.submit',
      reportAt(demoPoints.yingyueRoadGrid1),
    )
    const broken = { ...world.runtime, db: failingWritesTo(world.db, collections.case) }
    await expect(runRelay(broken)).rejects.toThrow('connection reset')
    const queued = (await outboxOf(submitted.id)).map((entry) => entry._id).sort()
    expect(queued.length).toBeGreaterThan(0)

    expect(await runRelay(world.runtime)).toMatchObject({ acted: 1 })
    expect(await runRelay(world.runtime)).toMatchObject({ acted: 0, queued: 0 })
    expect(await feedOf(submitted.id)).toHaveLength(1)
    expect((await outboxOf(submitted.id)).map((entry) => entry._id).sort()).toEqual(queued)
  })

  it('lets the relay finish a merge whose surviving side was never written, once', async () => {
    const { case: survivor } = await world.ok(
      'demo-resident',
      'case.submit',
      reportAt(demoPoints.yingyueRoadGrid1),
    )
    const { case: duplicate } = await world.ok(
      'demo-resident-2',
      'case.submit',
      reportAt(demoPoints.yingyueRoadGrid1),
    )
    // The duplicate's write lands, the survivor's is lost.
    const answer = await callBroken(
      failingWritesTo(world.db, collections.case, { succeed: 1 }),
      'demo-grid-leader-3',
      'case.merge',
      {
        caseId: duplicate.id,
        intoCaseId: survivor.id,
        reason: '重复举报',
      },
    )
    expect(answer).toMatchObject({ ok: true, data: { case: { status: 'merged' } } })
    expect((await world.ok('demo-grid-member', 'case.get', { caseId: survivor.id })).case.followerCount).toBe(
      0,
    )

    expect(await runRelay(world.runtime)).toMatchObject({ mergesFinished: 1 })
    await runRelay(world.runtime)
    const after = await world.ok('demo-grid-member', 'case.get', { caseId: survivor.id })
    expect(after.case.followerCount).toBe(1)
    expect(after.events.filter((event) => event.type === 'absorb')).toHaveLength(1)
    expect((await world.ok('demo-grid-member', 'case.verifyTrail', { caseId: survivor.id })).intact).toBe(
      true,
    )
  })
})
