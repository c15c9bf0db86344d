import type { Db } from '@cloudbase/database'
import { collections } from '../../../cloudfunctions/shared/data/collections'
import { demoPoints } from '../../../emulator/demo/grids'
import { createTestWorld, reportAt, type TestWorld } from '../../factories/runtime'

/** Wraps a Db so that inserts into one collection fail, as a dropped connection would mid-request. */
function failingInsertsInto(db: Db, collectionName: string): Db {
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property !== 'collection') return Reflect.get(target, property, receiver)
      return (name: string) => {
        const collection = target.collection(name)
        if (name !== collectionName) return collection
        return new Proxy(collection, {
          get(inner, key, innerReceiver) {
            if (key === 'add') return async () => Promise.reject(new Error('connection reset'))
            return Reflect.get(inner, key, innerReceiver)
          },
        })
      }
    },
  })
}

type AnyTx = { collection(name: string): Record<string, unknown> }

/** Wraps a Db so that, inside transactions, every write to one collection fails (reads still work). */
function failingTransactionWritesTo(db: Db, collectionName: string): Db {
  const failing = async () => Promise.reject(new Error('connection reset'))
  const wrapTx = (tx: AnyTx): AnyTx =>
    new Proxy(tx, {
      get(target, property, receiver) {
        if (property !== 'collection') return Reflect.get(target, property, receiver)
        return (name: string) => {
          const collection = target.collection(name) as { doc(id: string): object }
          if (name !== collectionName) return collection
          return {
            add: failing,
            doc: (id: string) => ({ ...collection.doc(id), get: () => (collection.doc(id) as { get(): unknown }).get(), set: failing, update: failing }),
          }
        }
      },
    })
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property !== 'runTransaction') return Reflect.get(target, property, receiver)
      const run = target.runTransaction.bind(target) as (fn: (tx: AnyTx) => Promise<unknown>, times?: number) => Promise<unknown>
      return (fn: (tx: AnyTx) => Promise<unknown>, times?: number) => run((tx) => fn(wrapTx(tx)), times)
    },
  })
}

describe('the case store when a write fails midway', () => {
  let world: TestWorld
  beforeEach(async () => {
    world = await createTestWorld()
  })
  afterEach(() => world.close())

  it('leaves no case behind when its first event cannot be written, and a retry then succeeds', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => {})
    const payload = reportAt(demoPoints.yingyueRoadGrid1)
    const broken = { ...world.runtime, db: failingInsertsInto(world.db, collections.caseEvent) }
    const { handleApiEvent } = await import('../../../cloudfunctions/shared/api')
    const failed = await handleApiEvent(broken, { action: 'case.submit', payload }, { openid: 'demo-resident' })
    expect(failed).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect((await world.db.collection(collections.case).count()).total).toBe(0)

    const retried = await world.ok('demo-resident', 'case.submit', payload)
    expect(retried.replayed).toBe(false)
    const { events } = await world.ok('demo-resident', 'case.get', { caseId: retried.case.id })
    expect(events).toHaveLength(1)
  })

  it('leaves a case unclaimed when the claim event cannot be written', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => {})
    const { case: submitted } = await world.ok('demo-resident', 'case.submit', reportAt(demoPoints.yingyueRoadGrid1))
    const broken = { ...world.runtime, db: failingTransactionWritesTo(world.db, collections.caseEvent) }
    const { handleApiEvent } = await import('../../../cloudfunctions/shared/api')
    const failed = await handleApiEvent(broken, { action: 'case.claim', payload: { caseId: submitted.id } }, { openid: 'demo-grid-member' })
    expect(failed).toMatchObject({ ok: false, error: { code: 'internal' } })
    const { case: after, events } = await world.ok('demo-resident', 'case.get', { caseId: submitted.id })
    expect(after).toMatchObject({ status: 'pending', claimedBy: null })
    expect(events.map((event) => event.type)).toEqual(['submit'])
    expect((await world.call('demo-grid-member', 'case.claim', { caseId: submitted.id })).ok).toBe(true)
  })

  it('queues no notification and changes nothing when an act’s notifications cannot be written', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => {})
    const { case: submitted } = await world.ok('demo-resident', 'case.submit', reportAt(demoPoints.yingyueRoadGrid1))
    const outboxBefore = (await world.db.collection(collections.outbox).count()).total
    const broken = { ...world.runtime, db: failingTransactionWritesTo(world.db, collections.outbox) }
    const { handleApiEvent } = await import('../../../cloudfunctions/shared/api')
    const failed = await handleApiEvent(broken, { action: 'case.claim', payload: { caseId: submitted.id } }, { openid: 'demo-grid-member' })
    expect(failed).toMatchObject({ ok: false, error: { code: 'internal' } })
    const { case: after, events } = await world.ok('demo-resident', 'case.get', { caseId: submitted.id })
    expect(after.status).toBe('pending')
    expect(events).toHaveLength(1)
    expect((await world.db.collection(collections.outbox).count()).total).toBe(outboxBefore)
  })

  it('leaves both cases, their trails and the outbox as they were when a merge fails at its last write', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => {})
    const { case: survivor } = await world.ok('demo-resident', 'case.submit', reportAt(demoPoints.yingyueRoadGrid1))
    const { case: duplicate } = await world.ok('demo-resident-2', 'case.submit', reportAt(demoPoints.yingyueRoadGrid1))
    const outboxBefore = (await world.db.collection(collections.outbox).count()).total
    const broken = { ...world.runtime, db: failingTransactionWritesTo(world.db, collections.outbox) }
    const { handleApiEvent } = await import('../../../cloudfunctions/shared/api')
    const payload = { caseId: duplicate.id, intoCaseId: survivor.id }
    const failed = await handleApiEvent(broken, { action: 'case.merge', payload }, { openid: 'demo-grid-member' })
    expect(failed).toMatchObject({ ok: false, error: { code: 'internal' } })

    const duplicateAfter = await world.ok('demo-grid-member', 'case.get', { caseId: duplicate.id })
    const survivorAfter = await world.ok('demo-grid-member', 'case.get', { caseId: survivor.id })
    expect(duplicateAfter.case).toMatchObject({ status: 'pending', resolution: null })
    expect(survivorAfter.case.followerCount).toBe(0)
    expect([...duplicateAfter.events, ...survivorAfter.events].map((event) => event.type)).toEqual(['submit', 'submit'])
    expect((await world.db.collection(collections.outbox).count()).total).toBe(outboxBefore)

    expect((await world.call('demo-grid-member', 'case.merge', payload)).ok).toBe(true)
    expect((await world.ok('demo-grid-member', 'case.get', { caseId: survivor.id })).case.followerCount).toBe(1)
  })
})
