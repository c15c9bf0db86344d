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

  it('puts a claimed case back as it was when the claim event cannot be written', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => {})
    const { case: submitted } = await world.ok('demo-resident', 'case.submit', reportAt(demoPoints.yingyueRoadGrid1))
    const broken = { ...world.runtime, db: failingInsertsInto(world.db, collections.caseEvent) }
    const { handleApiEvent } = await import('../../../cloudfunctions/shared/api')
    const failed = await handleApiEvent(broken, { action: 'case.claim', payload: { caseId: submitted.id } }, { openid: 'demo-grid-member' })
    expect(failed).toMatchObject({ ok: false, error: { code: 'internal' } })
    const { case: after, events } = await world.ok('demo-resident', 'case.get', { caseId: submitted.id })
    expect(after).toMatchObject({ status: 'pending', claimedBy: null })
    expect(events.map((event) => event.type)).toEqual(['submit'])
    expect((await world.call('demo-grid-member', 'case.claim', { caseId: submitted.id })).ok).toBe(true)
  })
})
