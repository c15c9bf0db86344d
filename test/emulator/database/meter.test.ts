import { countRequests, type EmulatorDb } from '../../../emulator/database'
import { memoryDb } from './helpers'

let emu: EmulatorDb
beforeEach(() => {
  emu = memoryDb()
})
afterEach(() => emu.close())

describe('the request meter', () => {
  test('counts every request by the kind the SDK sends, since the engine opened', async () => {
    const tasks = emu.db.collection('tasks')
    await tasks.add({ _id: 't', n: 1 })
    await tasks.doc('t').get()
    await tasks.where({ n: 1 }).get()
    await tasks.where({ n: 1 }).count()
    await tasks.doc('t').update({ n: 2 })
    await tasks.aggregate().match({}).end()
    await emu.db.runTransaction(
      async (tx: { collection(n: string): { doc(id: string): { get(): Promise<unknown> } } }) =>
        tx.collection('tasks').doc('t').get(),
    )
    expect(emu.engine.meter.stats()).toEqual({
      requests: 9,
      byKind: {
        insertDocument: 1,
        getDocument: 3,
        calculateDocument: 1,
        modifyDocument: 1,
        aggregateDocuments: 1,
        startTransaction: 1,
        commitTransaction: 1,
      },
    })
  })

  test('a refused request counts too, as CloudBase bills it', async () => {
    await expect(emu.db.collection('missing').doc('x').get()).rejects.toMatchObject({
      code: 'DATABASE_COLLECTION_NOT_EXIST',
    })
    expect(emu.engine.meter.stats()).toEqual({ requests: 1, byKind: { getDocument: 1 } })
  })

  test('concurrent scopes each count only their own requests; a nested scope counts in its parent too', async () => {
    const tasks = emu.db.collection('tasks')
    const reads = (n: number) => async () => {
      for (let i = 0; i < n; i += 1) await tasks.doc('none').get()
      return n
    }
    const [three, five] = await Promise.all([countRequests(reads(3)), countRequests(reads(5))])
    expect(three).toEqual({ value: 3, counts: { requests: 3, byKind: { getDocument: 3 } } })
    expect(five.counts.requests).toBe(5)
    const outer = await countRequests(async () => {
      await tasks.count()
      return (await countRequests(reads(2))).counts.requests
    })
    expect(outer).toEqual({
      value: 2,
      counts: { requests: 3, byKind: { calculateDocument: 1, getDocument: 2 } },
    })
  })

  test('a modelled latency delays each request', async () => {
    const { createEmulatorDb } = await import('../../../emulator/database')
    const slow = createEmulatorDb({ file: ':memory:', latencyMs: 30 })
    slow.engine.createCollection('tasks')
    const started = Date.now()
    await slow.db.collection('tasks').doc('a').get()
    await slow.db.collection('tasks').doc('a').get()
    expect(Date.now() - started).toBeGreaterThanOrEqual(55)
    slow.close()
  })
})
