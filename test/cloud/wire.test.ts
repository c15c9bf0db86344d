/**
 * The cloud path offline: the unmodified @cloudbase/node-sdk, pointed at the emulator's database
 * endpoint through `serviceUrl`, drives the same engine the in-process emulator Db uses.
 */
import { createEmulatorDb, type Db } from '../../emulator/database'
import { nodeSdkApp, startNodeSdkDatabase, type NodeSdkDatabase } from '../factories/node-sdk'

let sdk: NodeSdkDatabase
let engine: NodeSdkDatabase['engine']
let app: NodeSdkDatabase['app']
let db: Db
let seenPaths: string[]

beforeAll(async () => {
  sdk = await startNodeSdkDatabase()
  ;({ engine, app, db, seenPaths } = sdk)
  for (const name of ['probe', 'reports', 'events', 'accounts']) engine.createCollection(name)
})

afterAll(() => sdk.close())

describe('node-sdk against the emulator database endpoint', () => {
  test("a read or write on a missing collection fails with CloudBase's code and message", async () => {
    const cloudSays = {
      code: 'DATABASE_COLLECTION_NOT_EXIST',
      message:
        '[ResourceNotFound] Db or Table not exist. Please check your request, but if the problem cannot be solved, contact us.',
    }
    await expect(db.collection('missing').doc('a').get()).rejects.toMatchObject(cloudSays)
    await expect(db.collection('missing').add({ a: 1 })).rejects.toMatchObject(cloudSays)
    expect(engine.listCollections()).not.toContain('missing')
  })

  test('a where() inside a transaction is refused, naming the rule', async () => {
    await db.collection('accounts').add({ _id: 'w', balance: 1 })
    const attempt = db.runTransaction(
      async (tx: { collection(n: string): { where(q: object): { get(): Promise<unknown> } } }) =>
        tx.collection('accounts').where({ balance: 1 }).get(),
    )
    await expect(attempt).rejects.toMatchObject({
      code: 'INVALID_PARAM',
      message: expect.stringContaining('where() is not allowed inside a transaction'),
    })
    await db.collection('accounts').doc('w').remove()
  })

  test('an app without the emulator’s token, or with another, is refused and writes nothing', async () => {
    for (const token of [undefined, 'not-the-token']) {
      const stranger = nodeSdkApp(sdk.serviceUrl, token).database()
      await expect(stranger.collection('probe').add({ stranger: true })).rejects.toMatchObject({ code: 401 })
    }
    expect((await db.collection('probe').where({ stranger: true }).count()).total).toBe(0)
  })

  test('requests arrive as POSTs to the serviceUrl path', async () => {
    await db.collection('probe').add({ x: 1 })
    expect(seenPaths.at(-1)).toMatch(/^\/tcb\?env=bluegrid-local&seqId=/)
  })

  test('add, doc().get and where().get round-trip documents, dates included', async () => {
    const reports = db.collection('reports')
    const at = new Date('2024-06-01T12:00:00Z')
    const added = await reports.add({ _id: 'r1', grid: 'g1', status: 'pending', level: 3, at })
    expect(added.id).toBe('r1')
    const more = await reports.add([
      { grid: 'g1', status: 'done', level: 5 },
      { grid: 'g2', status: 'pending', level: 1 },
    ])
    expect(more.ids).toHaveLength(2)
    const [doc] = (await reports.doc('r1').get()).data
    expect(doc).toEqual({ _id: 'r1', grid: 'g1', status: 'pending', level: 3, at })
    expect(doc.at).toBeInstanceOf(Date)
    const _ = db.command
    const pending = await reports
      .where({ status: 'pending', level: _.gte(1) })
      .orderBy('level', 'desc')
      .get()
    expect(pending.data.map((d: { level: number }) => d.level)).toEqual([3, 1])
  })

  test('serverDate comes back as a Date near the server clock', async () => {
    const before = Date.now()
    await db.collection('events').add({ _id: 'e', at: db.serverDate() })
    const [event] = (await db.collection('events').doc('e').get()).data
    expect(event.at).toBeInstanceOf(Date)
    expect(event.at.getTime()).toBeGreaterThanOrEqual(before - 1000)
    expect(event.at.getTime()).toBeLessThanOrEqual(Date.now() + 1000)
  })

  test('update, conditional update and count', async () => {
    const reports = db.collection('reports')
    const _ = db.command
    expect((await reports.doc('r1').update({ level: _.inc(1) })).updated).toBe(1)
    const claims = await Promise.all(
      Array.from({ length: 10 }, (_unused, i) =>
        reports.where({ _id: 'r1', status: 'pending' }).update({ status: 'claimed', by: i }),
      ),
    )
    expect(claims.filter((c) => c.updated === 1)).toHaveLength(1)
    expect((await reports.where({ _id: 'r1', status: 'pending' }).update({ status: 'again' })).updated).toBe(
      0,
    )
    expect((await reports.where({ grid: 'g1' }).count()).total).toBe(2)
  })

  test('aggregate', async () => {
    const $ = db.command.aggregate
    const res = await db
      .collection('reports')
      .aggregate()
      .group({ _id: '$grid', n: $.sum(1) })
      .sort({ _id: 1 })
      .end()
    expect(res.data).toEqual([
      { _id: 'g1', n: 2 },
      { _id: 'g2', n: 1 },
    ])
  })

  test('runTransaction commits, and a throwing callback writes nothing', async () => {
    const accounts = db.collection('accounts')
    await accounts.add([
      { _id: 'a', balance: 10 },
      { _id: 'b', balance: 0 },
    ])
    // The SDK types transactions as `any`.
    await db.runTransaction(
      async (tx: {
        collection(n: string): {
          doc(id: string): {
            get(): Promise<{ data: { balance: number } }>
            update(d: object): Promise<unknown>
          }
        }
      }) => {
        const a = await tx.collection('accounts').doc('a').get()
        await tx
          .collection('accounts')
          .doc('a')
          .update({ balance: a.data.balance - 4 })
        await tx.collection('accounts').doc('b').update({ balance: 4 })
      },
    )
    await expect(
      db.runTransaction(
        async (tx: {
          collection(n: string): { doc(id: string): { update(d: object): Promise<unknown> } }
        }) => {
          await tx.collection('accounts').doc('a').update({ balance: -100 })
          throw new Error('abort transfer')
        },
      ),
    ).rejects.toThrow('abort transfer')
    const balances = (await accounts.orderBy('_id', 'asc').get()).data.map(
      (d: { balance: number }) => d.balance,
    )
    expect(balances).toEqual([6, 4])
  })

  test('remove', async () => {
    expect((await db.collection('reports').where({ grid: 'g2' }).remove()).deleted).toBe(1)
    expect((await db.collection('reports').doc('r1').remove()).deleted).toBe(1)
    expect((await db.collection('reports').count()).total).toBe(1)
  })

  test('engine errors surface as node-sdk errors carrying code and message', async () => {
    const near = db.command.geoNear({ geometry: new db.Geo.Point(0, 0), maxDistance: 1 })
    await expect(db.collection('reports').where({ loc: near }).get()).rejects.toMatchObject({
      code: 'UNSUPPORTED_OPERATOR',
      message: 'unsupported query operator $nearSphere',
    })
  })

  test('an in-process emulator Db on the same engine sees what node-sdk wrote, and node-sdk keeps working after it', async () => {
    const local = createEmulatorDb({ engine })
    expect((await local.db.collection('accounts').doc('b').get()).data).toEqual([{ _id: 'b', balance: 4 }])
    // node-sdk re-assigns Db.reqClass on every app.database(); both kinds of Db must keep their route.
    const requestsBefore = seenPaths.length
    const again = app.database()
    await again.collection('accounts').doc('b').update({ balance: 5 })
    expect(seenPaths.length).toBe(requestsBefore + 1)
    expect((await local.db.collection('accounts').doc('b').get()).data[0].balance).toBe(5)
    expect(seenPaths.length).toBe(requestsBefore + 1)
    local.close()
  })
})
