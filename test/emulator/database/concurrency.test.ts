import path from 'node:path'
import { createEmulatorDb, DatabaseEngine, type EmulatorDb } from '../../../emulator/database'
import { createCollections, memoryDb, tempDir } from './helpers'

describe('concurrent conditional updates (claiming a task)', () => {
  let emu: EmulatorDb
  beforeEach(() => {
    emu = memoryDb()
  })
  afterEach(() => emu.close())

  test('50 concurrent where({_id, status: "pending"}).update() calls: exactly one gets updated: 1', async () => {
    const tasks = emu.db.collection('tasks')
    await tasks.add({ _id: 't1', status: 'pending' })
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        tasks.where({ _id: 't1', status: 'pending' }).update({ status: 'claimed', by: `worker-${i}` }),
      ),
    )
    const winners = results.filter((r) => r.updated === 1)
    expect(winners).toHaveLength(1)
    expect(results.filter((r) => r.updated === 0)).toHaveLength(49)
    const [doc] = (await tasks.doc('t1').get()).data
    expect(doc.status).toBe('claimed')
    expect(doc.by).toMatch(/^worker-\d+$/)
  })

  test('requests resolve asynchronously, so concurrent callers interleave like network calls', async () => {
    const order: string[] = []
    const pending = emu.db
      .collection('tasks')
      .add({ _id: 'x' })
      .then(() => order.push('db'))
    order.push('sync')
    await pending
    expect(order).toEqual(['sync', 'db'])
  })
})

describe('two engines on the same file (e.g. emulator server and a script)', () => {
  test('a claim made through one connection is seen by the other; only one claim wins', async () => {
    const tmp = tempDir()
    const file = path.join(tmp.dir, 'shared.sqlite')
    const a = createEmulatorDb({ file })
    const b = createEmulatorDb({ file })
    createCollections(a.engine)
    try {
      await a.db.collection('tasks').add({ _id: 't1', status: 'pending' })
      const claims = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? a : b).db
            .collection('tasks')
            .where({ _id: 't1', status: 'pending' })
            .update({ status: 'claimed', by: i }),
        ),
      )
      expect(claims.filter((r) => r.updated === 1)).toHaveLength(1)
      expect((await b.db.collection('tasks').doc('t1').get()).data[0].status).toBe('claimed')
    } finally {
      a.close()
      b.close()
      tmp.cleanup()
    }
  })

  test('a shared engine serves several Db objects, and closing one Db leaves a shared engine open', async () => {
    const engine = new DatabaseEngine(':memory:')
    createCollections(engine)
    const first = createEmulatorDb({ engine })
    const second = createEmulatorDb({ engine })
    await first.db.collection('c').add({ _id: 'x', v: 1 })
    first.close()
    expect((await second.db.collection('c').doc('x').get()).data).toEqual([{ _id: 'x', v: 1 }])
    engine.close()
  })
})
