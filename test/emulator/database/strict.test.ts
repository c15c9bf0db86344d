import { DatabaseEngine, type EmulatorDb } from '../../../emulator/database'
import { memoryDb, rejectionOf } from './helpers'

let emu: EmulatorDb
beforeEach(() => {
  emu = memoryDb()
})
afterEach(() => emu.close())

const notExist = {
  code: 'DATABASE_COLLECTION_NOT_EXIST',
  message:
    '[ResourceNotFound] Db or Table not exist. Please check your request, but if the problem cannot be solved, contact us.',
}

describe('a collection exists only once created', () => {
  test.each([
    ['doc().get()', (c: Coll) => c.doc('a').get()],
    ['where().get()', (c: Coll) => c.where({ a: 1 }).get()],
    ['count()', (c: Coll) => c.count()],
    ['add()', (c: Coll) => c.add({ a: 1 })],
    ['doc().set()', (c: Coll) => c.doc('a').set({ a: 1 })],
    ['doc().update()', (c: Coll) => c.doc('a').update({ a: 1 })],
    ['where().update()', (c: Coll) => c.where({ a: 1 }).update({ a: 2 })],
    ['doc().remove()', (c: Coll) => c.doc('a').remove()],
    ['aggregate()', (c: Coll) => c.aggregate().match({}).end()],
  ])('%s on a missing collection fails as on CloudBase, and creates nothing', async (_label, act) => {
    const error = await rejectionOf(act(emu.db.collection('missing') as unknown as Coll))
    expect(error).toMatchObject(notExist)
    expect(emu.engine.listCollections()).not.toContain('missing')
  })

  test('a $lookup from a missing collection fails the same way', async () => {
    await emu.db.collection('c').add({ _id: 'a' })
    const lookup = emu.db
      .collection('c')
      .aggregate()
      .lookup({ from: 'missing', localField: '_id', foreignField: 'x', as: 'y' })
      .end()
    expect(await rejectionOf(lookup)).toMatchObject(notExist)
  })

  test('an add() inside a transaction to a missing collection fails at once', async () => {
    const tx = (await emu.db.startTransaction()) as {
      collection(n: string): { add(d: object): Promise<unknown> }
      rollback(): Promise<unknown>
    }
    expect(await rejectionOf(tx.collection('missing').add({ _id: 'a' }))).toMatchObject(notExist)
    await tx.rollback()
  })

  test('an index needs its collection; created, the collection is usable at once', async () => {
    expect(() => emu.engine.ensureIndex('fresh', ['a'])).toThrow(expect.objectContaining(notExist))
    expect(emu.engine.createCollection('fresh')).toBe(true)
    expect(emu.engine.createCollection('fresh')).toBe(false)
    emu.engine.ensureIndex('fresh', ['a'])
    await emu.db.collection('fresh').add({ _id: 'x', a: 1 })
    expect((await emu.db.collection('fresh').where({ a: 1 }).count()).total).toBe(1)
  })
})

type Coll = {
  doc(id: string): {
    get(): Promise<unknown>
    set(d: object): Promise<unknown>
    update(d: object): Promise<unknown>
    remove(): Promise<unknown>
  }
  where(q: object): { get(): Promise<unknown>; update(d: object): Promise<unknown> }
  count(): Promise<unknown>
  add(d: object): Promise<unknown>
  aggregate(): { match(q: object): { end(): Promise<unknown> } }
}

describe('read limits', () => {
  beforeEach(async () => {
    const docs = Array.from({ length: 1200 }, (_, n) => ({ _id: `d${String(n).padStart(4, '0')}`, n }))
    for (let at = 0; at < docs.length; at += 400)
      await emu.db.collection('many').add(docs.slice(at, at + 400))
  })

  test('a get without a limit returns at most 100 documents, with one at most 1000', async () => {
    expect((await emu.db.collection('many').get()).data).toHaveLength(100)
    expect((await emu.db.collection('many').limit(5000).get()).data).toHaveLength(1000)
  })

  test('a raw request gets the same limits', () => {
    const read = (limit?: number) =>
      (emu.engine.execute('database.getDocument', { collectionName: 'many', limit }).data as { list: [] })
        .list
    expect(read()).toHaveLength(100)
    expect(read(5000)).toHaveLength(1000)
  })
})

describe('ties in a sort', () => {
  const ids = (result: { data: Array<{ _id: string }> }) => result.data.map((doc) => doc._id)

  beforeEach(async () => {
    await emu.db
      .collection('tasks')
      .add(
        Array.from({ length: 12 }, (_, n) => ({ _id: `t${String(n).padStart(2, '0')}`, at: n < 6 ? 1 : 2 })),
      )
  })

  test('tied rows come back in an order that is not insertion order', async () => {
    const sorted = ids(await emu.db.collection('tasks').orderBy('at', 'asc').get())
    const inserted = Array.from({ length: 12 }, (_, n) => `t${String(n).padStart(2, '0')}`)
    expect(new Set(sorted.slice(0, 6))).toEqual(new Set(inserted.slice(0, 6)))
    expect(sorted).not.toEqual(inserted)
  })

  test('each request may order ties anew, so paging without a unique last key repeats or skips rows', async () => {
    const tasks = emu.db.collection('tasks')
    const orders = new Set<string>()
    for (let run = 0; run < 5; run += 1) orders.add(ids(await tasks.orderBy('at', 'asc').get()).join())
    expect(orders.size).toBeGreaterThan(1)
  })

  test('an _id tie-breaker gives the one right order', async () => {
    for (let run = 0; run < 3; run += 1) {
      const sorted = ids(await emu.db.collection('tasks').orderBy('at', 'desc').orderBy('_id', 'asc').get())
      expect(sorted).toEqual([
        't06',
        't07',
        't08',
        't09',
        't10',
        't11',
        't00',
        't01',
        't02',
        't03',
        't04',
        't05',
      ])
    }
  })

  test('the same seed draws the same orders; another seed others', () => {
    const orders = (tieSeed: number) => {
      const engine = new DatabaseEngine({ file: ':memory:', tieSeed })
      engine.createCollection('t')
      engine.ensureIndex('t', ['at'])
      engine.execute('database.insertDocument', {
        collectionName: 't',
        data: Array.from({ length: 12 }, (_, n) => JSON.stringify({ _id: `t${n}`, at: 1 })),
      })
      const read = () =>
        (
          engine.execute('database.getDocument', { collectionName: 't', order: '{"at":1}' }).data as {
            list: string[]
          }
        ).list
      const drawn = [read(), read(), read()]
      engine.close()
      return drawn
    }
    expect(orders(1)).toEqual(orders(1))
    expect(orders(1)).not.toEqual(orders(2))
  })
})

describe('malformed requests never crash the engine', () => {
  const junk: unknown[] = [null, 0, -1, 'x', '{', [], [{}], {}, { $bad: 1 }, true, Number.POSITIVE_INFINITY]
  const fields = ['collectionName', 'query', 'data', 'order', 'limit', 'offset', 'stages', 'transactionId']
  const actions = [
    'database.getDocument',
    'database.calculateDocument',
    'database.insertDocument',
    'database.modifyDocument',
    'database.removeDocument',
    'database.aggregateDocuments',
    'database.commitTransaction',
    'database.addCollection',
  ]

  test('every combination of junk parameters gets a CloudBase-shaped error or an answer', () => {
    for (const action of actions) {
      for (const field of fields) {
        for (const value of junk) {
          try {
            const answer = emu.engine.execute(action, { collectionName: 'c', [field]: value })
            expect(typeof answer.requestId).toBe('string')
          } catch (error) {
            expect(error).toMatchObject({
              code: expect.stringMatching(/^[A-Z_]+$/),
              message: expect.any(String),
            })
            expect((error as Error).name).toBe('DatabaseEmulatorError')
          }
        }
      }
    }
  })
})
