import { collections } from '../../../cloudfunctions/shared/app'
import { demoPoints } from '../../../emulator/demo/grids'
import { failingTransactionWritesTo } from '../../factories/faults'
import { createTestWorld, reportAt, type TestWorld } from '../../factories/runtime'

describe('the case store when a write fails midway', () => {
  let world: TestWorld
  beforeEach(async () => {
    world = await createTestWorld()
  })
  afterEach(() => world.close())

  it('leaves no case behind when its first event cannot be written, and a retry then succeeds', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => {})
    const payload = reportAt(demoPoints.yingyueRoadGrid1)
    const broken = { ...world.runtime, db: failingTransactionWritesTo(world.db, collections.caseEvent) }
    const { handleApiEvent } = await import('../../../cloudfunctions/shared/app')
    const failed = await handleApiEvent(
      broken,
      { action: 'case.submit', payload },
      { openid: 'demo-resident' },
    )
    expect(failed).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect((await world.db.collection(collections.case).count()).total).toBe(0)

    const retried = await world.ok('demo-resident', 'case.submit', payload)
    expect(retried.replayed).toBe(false)
    const { events } = await world.ok('demo-resident', 'case.get', { caseId: retried.case.id })
    expect(events).toHaveLength(1)
  })

  it('leaves no case behind when its notifications cannot be written, and a retry then succeeds', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => {})
    const payload = reportAt(demoPoints.yingyueRoadGrid1)
    const broken = { ...world.runtime, db: failingTransactionWritesTo(world.db, collections.outbox) }
    const { handleApiEvent } = await import('../../../cloudfunctions/shared/app')
    const failed = await handleApiEvent(
      broken,
      { action: 'case.submit', payload },
      { openid: 'demo-resident' },
    )
    expect(failed).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect((await world.db.collection(collections.case).count()).total).toBe(0)
    expect((await world.db.collection(collections.caseEvent).count()).total).toBe(0)

    const retried = await world.ok('demo-resident', 'case.submit', payload)
    expect(retried.replayed).toBe(false)
    const messages = await world.ok('demo-resident', 'notification.list', {})
    expect(messages.items.map((item) => item.kind)).toEqual(['case-routed'])
  })

  it('leaves a case unclaimed when the claim event cannot be written', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => {})
    const { case: submitted } = await world.ok(
      'demo-resident',
      'case.submit',
      reportAt(demoPoints.yingyueRoadGrid1),
    )
    const broken = { ...world.runtime, db: failingTransactionWritesTo(world.db, collections.caseEvent) }
    const { handleApiEvent } = await import('../../../cloudfunctions/shared/app')
    const failed = await handleApiEvent(
      broken,
      { action: 'case.claim', payload: { caseId: submitted.id } },
      { openid: 'demo-grid-member' },
    )
    expect(failed).toMatchObject({ ok: false, error: { code: 'internal' } })
    const { case: after, events } = await world.ok('demo-resident', 'case.get', { caseId: submitted.id })
    expect(after).toMatchObject({ status: 'pending', claimedBy: null })
    expect(events.map((event) => event.type)).toEqual(['submit'])
    expect((await world.call('demo-grid-member', 'case.claim', { caseId: submitted.id })).ok).toBe(true)
  })

  it('queues no notification and changes nothing when an act’s notifications cannot be written', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => {})
    const { case: submitted } = await world.ok(
      'demo-resident',
      'case.submit',
      reportAt(demoPoints.yingyueRoadGrid1),
    )
    const outboxBefore = (await world.db.collection(collections.outbox).count()).total
    const broken = { ...world.runtime, db: failingTransactionWritesTo(world.db, collections.outbox) }
    const { handleApiEvent } = await import('../../../cloudfunctions/shared/app')
    const failed = await handleApiEvent(
      broken,
      { action: 'case.claim', payload: { caseId: submitted.id } },
      { openid: 'demo-grid-member' },
    )
    expect(failed).toMatchObject({ ok: false, error: { code: 'internal' } })
    const { case: after, events } = await world.ok('demo-resident', 'case.get', { caseId: submitted.id })
    expect(after.status).toBe('pending')
    expect(events).toHaveLength(1)
    expect((await world.db.collection(collections.outbox).count()).total).toBe(outboxBefore)
  })

  it('leaves both cases, their trails and the outbox as they were when a merge fails at its last write', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => {})
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
    const outboxBefore = (await world.db.collection(collections.outbox).count()).total
    const broken = { ...world.runtime, db: failingTransactionWritesTo(world.db, collections.outbox) }
    const { handleApiEvent } = await import('../../../cloudfunctions/shared/app')
    const payload = { caseId: duplicate.id, intoCaseId: survivor.id }
    const failed = await handleApiEvent(
      broken,
      { action: 'case.merge', payload },
      { openid: 'demo-grid-member' },
    )
    expect(failed).toMatchObject({ ok: false, error: { code: 'internal' } })

    const duplicateAfter = await world.ok('demo-grid-member', 'case.get', { caseId: duplicate.id })
    const survivorAfter = await world.ok('demo-grid-member', 'case.get', { caseId: survivor.id })
    expect(duplicateAfter.case).toMatchObject({ status: 'pending', resolution: null })
    expect(survivorAfter.case.followerCount).toBe(0)
    expect([...duplicateAfter.events, ...survivorAfter.events].map((event) => event.type)).toEqual([
      'submit',
      'submit',
    ])
    expect((await world.db.collection(collections.outbox).count()).total).toBe(outboxBefore)

    expect((await world.call('demo-grid-member', 'case.merge', payload)).ok).toBe(true)
    expect((await world.ok('demo-grid-member', 'case.get', { caseId: survivor.id })).case.followerCount).toBe(
      1,
    )
  })
})
