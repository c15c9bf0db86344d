import type { EmulatorDb } from '../../../emulator/database'
import { memoryDb } from './helpers'

let emu: EmulatorDb
beforeEach(() => {
  emu = memoryDb()
})
afterEach(() => emu.close())

async function seedReports() {
  const reports = emu.db.collection('reports')
  await reports.add([
    {
      _id: 'r1',
      grid: 'g1',
      level: 3,
      status: 'pending',
      tags: ['smoke', 'dust'],
      loc: { district: 'east', n: 1 },
    },
    { _id: 'r2', grid: 'g1', level: 5, status: 'done', tags: ['smoke'], loc: { district: 'west', n: 2 } },
    { _id: 'r3', grid: 'g2', level: 1, status: 'pending', tags: [], loc: { district: 'east', n: 3 } },
    { _id: 'r4', grid: 'g2', level: 4, status: 'rejected', note: 'dup', loc: { district: 'north', n: 4 } },
  ])
  return reports
}

const ids = (res: { data: Array<{ _id: string }> }) => res.data.map((d) => d._id)

describe('adding documents', () => {
  test('add() of one document generates a 32-hex _id and returns it as id', async () => {
    const res = await emu.db.collection('reports').add({ grid: 'g1' })
    const id = String(res.id)
    expect(id).toMatch(/^[0-9a-f]{32}$/)
    const got = await emu.db.collection('reports').doc(id).get()
    expect(got.data).toEqual([{ _id: id, grid: 'g1' }])
  })

  test('add() of an array inserts all documents and returns ids in order, keeping given _ids', async () => {
    const res = await emu.db.collection('reports').add([{ _id: 'a', n: 1 }, { n: 2 }])
    expect(res.ids).toHaveLength(2)
    expect(res.ids?.[0]).toBe('a')
    expect((await emu.db.collection('reports').count()).total).toBe(2)
  })

  test('adding an _id that already exists fails with DATABASE_DUPLICATE_WRITE and inserts nothing from the batch', async () => {
    await emu.db.collection('reports').add({ _id: 'a' })
    await expect(emu.db.collection('reports').add([{ _id: 'b' }, { _id: 'a' }])).rejects.toMatchObject({
      code: 'DATABASE_DUPLICATE_WRITE',
    })
    expect((await emu.db.collection('reports').count()).total).toBe(1)
  })

  test('values keep their types: numbers, booleans, null, nested objects, arrays and dates', async () => {
    const when = new Date('2024-05-01T08:00:00.123Z')
    const doc = {
      _id: 'x',
      i: 7,
      f: 1.5,
      neg: -2,
      b: true,
      nul: null,
      arr: [1, 'two', { three: 3 }],
      o: { p: { q: 'deep' } },
      when,
    }
    await emu.db.collection('types').add(doc)
    const [stored] = (await emu.db.collection('types').doc('x').get()).data
    expect(stored).toEqual(doc)
    expect(stored.when).toBeInstanceOf(Date)
  })
  test('rarer values round-trip too: NaN, Infinity and stored regular expressions', async () => {
    await emu.db.collection('types').add({ _id: 'y', nan: NaN, inf: Infinity, re: /ab+c/i, at: new Date(0) })
    const [stored] = (await emu.db.collection('types').doc('y').get()).data
    expect(stored.nan).toBeNaN()
    expect(stored.inf).toBe(Infinity)
    // The SDK's EJSON.parse yields bson's BSONRegExp, as it would for CloudBase.
    expect(stored.re).toMatchObject({ pattern: 'ab+c', options: 'i' })
    expect(stored.at).toEqual(new Date(0))
  })
})

describe('reading documents', () => {
  test('doc().get() of a missing document returns an empty list', async () => {
    await seedReports()
    expect((await emu.db.collection('reports').doc('nope').get()).data).toEqual([])
  })

  test('where() with equality on top-level and dotted fields', async () => {
    const reports = await seedReports()
    expect(ids(await reports.where({ grid: 'g1', status: 'pending' }).get())).toEqual(['r1'])
    expect(ids(await reports.where({ loc: { district: 'east' } }).get())).toEqual(['r1', 'r3'])
    expect(ids(await reports.where({ 'loc.district': 'west' }).get())).toEqual(['r2'])
  })

  test('equality on an array field matches documents whose array contains the value', async () => {
    const reports = await seedReports()
    expect(ids(await reports.where({ tags: 'smoke' }).get())).toEqual(['r1', 'r2'])
  })

  test('comparison, set and existence commands', async () => {
    const reports = await seedReports()
    const _ = emu.db.command
    expect(ids(await reports.where({ level: _.gt(3) }).get())).toEqual(['r2', 'r4'])
    expect(ids(await reports.where({ level: _.gte(3) }).get())).toEqual(['r1', 'r2', 'r4'])
    expect(ids(await reports.where({ level: _.lt(3) }).get())).toEqual(['r3'])
    expect(ids(await reports.where({ level: _.lte(3) }).get())).toEqual(['r1', 'r3'])
    expect(ids(await reports.where({ level: _.eq(5) }).get())).toEqual(['r2'])
    expect(ids(await reports.where({ status: _.neq('pending') }).get())).toEqual(['r2', 'r4'])
    expect(ids(await reports.where({ status: _.in(['done', 'rejected']) }).get())).toEqual(['r2', 'r4'])
    expect(ids(await reports.where({ status: _.nin(['done', 'rejected']) }).get())).toEqual(['r1', 'r3'])
    expect(ids(await reports.where({ note: _.exists(true) }).get())).toEqual(['r4'])
    expect(ids(await reports.where({ level: _.gt(1).and(_.lt(5)) }).get())).toEqual(['r1', 'r4'])
    expect(ids(await reports.where(_.or([{ level: 1 }, { status: 'done' }])).get())).toEqual(['r2', 'r3'])
    expect(ids(await reports.where(_.and([{ grid: 'g2' }, { level: _.gt(2) }])).get())).toEqual(['r4'])
  })

  test('regular expressions match strings, from a JS RegExp or db.RegExp', async () => {
    const reports = await seedReports()
    expect(ids(await reports.where({ note: /^DU/i }).get())).toEqual(['r4'])
    expect(ids(await reports.where({ status: emu.db.RegExp({ regexp: 'end', options: '' }) }).get())).toEqual(
      ['r1', 'r3'],
    )
  })

  test('orderBy, skip, limit and field shape the result like CloudBase', async () => {
    const reports = await seedReports()
    const res = await reports
      .where({})
      .orderBy('grid', 'desc')
      .orderBy('level', 'asc')
      .skip(1)
      .limit(2)
      .field({ level: true })
      .get()
    expect(res.data).toEqual([
      { _id: 'r4', level: 4 },
      { _id: 'r1', level: 3 },
    ])
    const excluded = await reports.doc('r1').field({ tags: false, loc: false }).get()
    expect(excluded.data).toEqual([{ _id: 'r1', grid: 'g1', level: 3, status: 'pending' }])
  })

  test('without orderBy documents come back in insertion order, and limit defaults to 100', async () => {
    const docs = Array.from({ length: 120 }, (_, i) => ({ _id: `d${String(i).padStart(3, '0')}`, i }))
    await emu.db.collection('many').add(docs)
    const res = await emu.db.collection('many').get()
    expect(res.data).toHaveLength(100)
    expect(res.data[0]._id).toBe('d000')
    expect((await emu.db.collection('many').count()).total).toBe(120)
  })

  test('count() honours where()', async () => {
    const reports = await seedReports()
    expect((await reports.where({ status: 'pending' }).count()).total).toBe(2)
  })
})

describe('writing documents', () => {
  test('doc().set() creates a missing document (upsertedId) and replaces an existing one wholesale', async () => {
    const reports = emu.db.collection('reports')
    const created = await reports.doc('s1').set({ a: 1, b: 2 })
    expect(created).toMatchObject({ updated: 0, upsertedId: 's1' })
    const replaced = await reports.doc('s1').set({ c: 3 })
    expect(replaced).toMatchObject({ updated: 1 })
    expect((await reports.doc('s1').get()).data).toEqual([{ _id: 's1', c: 3 }])
  })

  test('doc().update() applies update commands and reports updated: 1', async () => {
    const reports = await seedReports()
    const _ = emu.db.command
    const res = await reports.doc('r1').update({
      level: _.inc(2),
      status: 'assigned',
      note: _.set({ by: 'inspector' }),
      tags: _.push('odour'),
      loc: { n: _.remove() },
    })
    expect(res.updated).toBe(1)
    const [doc] = (await reports.doc('r1').get()).data
    expect(doc).toEqual({
      _id: 'r1',
      grid: 'g1',
      level: 5,
      status: 'assigned',
      tags: ['smoke', 'dust', 'odour'],
      loc: { district: 'east' },
      note: { by: 'inspector' },
    })
  })

  test('array commands pull and addToSet', async () => {
    const reports = await seedReports()
    const _ = emu.db.command
    await reports.doc('r1').update({ tags: _.pull('smoke') })
    await reports.doc('r1').update({ tags: _.addToSet('dust') })
    await reports.doc('r1').update({ tags: _.addToSet('haze') })
    expect((await reports.doc('r1').get()).data[0].tags).toEqual(['dust', 'haze'])
  })

  test('doc().update() of a missing document updates nothing', async () => {
    const reports = await seedReports()
    expect((await reports.doc('nope').update({ a: 1 })).updated).toBe(0)
    expect((await reports.count()).total).toBe(4)
  })

  test('an update that changes nothing reports updated: 0 (MongoDB nModified semantics)', async () => {
    const reports = await seedReports()
    expect((await reports.doc('r1').update({ status: 'pending' })).updated).toBe(0)
  })

  test('where().update() updates every match and returns the count', async () => {
    const reports = await seedReports()
    const res = await reports.where({ grid: 'g1' }).update({ reviewed: true })
    expect(res.updated).toBe(2)
    expect(ids(await reports.where({ reviewed: true }).get())).toEqual(['r1', 'r2'])
  })

  test('a conditional update on a document whose status changed updates nothing', async () => {
    const reports = await seedReports()
    await reports.doc('r1').update({ status: 'claimed' })
    const res = await reports.where({ _id: 'r1', status: 'pending' }).update({ status: 'claimed-again' })
    expect(res.updated).toBe(0)
    expect((await reports.doc('r1').get()).data[0].status).toBe('claimed')
  })

  test('updating _id is refused', async () => {
    const reports = await seedReports()
    await expect(reports.where({ _id: 'r1' }).update({ _id: 'r9' })).rejects.toThrow()
  })

  test('doc().remove() and where().remove() delete and report the count', async () => {
    const reports = await seedReports()
    expect((await reports.doc('r1').remove()).deleted).toBe(1)
    expect((await reports.doc('r1').remove()).deleted).toBe(0)
    expect((await reports.where({ grid: 'g2' }).remove()).deleted).toBe(2)
    expect(ids(await reports.get())).toEqual(['r2'])
  })

  test('createCollection() creates an empty collection once and refuses a second time', async () => {
    await emu.db.createCollection('fresh')
    expect(emu.engine.listCollections()).toContain('fresh')
    await expect(emu.db.createCollection('fresh')).rejects.toMatchObject({
      code: 'DATABASE_COLLECTION_ALREADY_EXIST',
    })
  })
})

describe('dates and serverDate', () => {
  test('db.serverDate() is stored as the server time and reads back as a Date', async () => {
    const fixed = Date.UTC(2025, 0, 2, 3, 4, 5)
    emu.close()
    emu = memoryDb(() => fixed)
    const col = emu.db.collection('events')
    await col.add({ _id: 'e1', at: emu.db.serverDate(), later: emu.db.serverDate({ offset: 60_000 }) })
    const [doc] = (await col.doc('e1').get()).data
    expect(doc.at).toBeInstanceOf(Date)
    expect(doc.at.getTime()).toBe(fixed)
    expect(doc.later.getTime()).toBe(fixed + 60_000)
    await col.doc('e1').update({ touched: emu.db.serverDate() })
    expect((await col.doc('e1').get()).data[0].touched.getTime()).toBe(fixed)
  })

  test('dates compare in queries and sort chronologically', async () => {
    const col = emu.db.collection('events')
    const _ = emu.db.command
    await col.add([
      { _id: 'b', at: new Date('2024-02-01T00:00:00Z') },
      { _id: 'a', at: new Date('2024-01-01T00:00:00Z') },
      { _id: 'c', at: new Date('1969-12-31T00:00:00Z') },
    ])
    expect(
      ids(
        await col
          .where({ at: _.gte(new Date('2024-01-01T00:00:00Z')) })
          .orderBy('at', 'asc')
          .get(),
      ),
    ).toEqual(['a', 'b'])
    expect(ids(await col.where({ at: _.lt(new Date('2024-01-01T00:00:00Z')) }).get())).toEqual(['c'])
    expect(ids(await col.where({ at: new Date('2024-02-01T00:00:00Z') }).get())).toEqual(['b'])
  })
})

describe('failed writes leave no trace', () => {
  test('a batch that fails on a duplicate leaves the collection empty and usable', async () => {
    const tasks = emu.db.collection('tasks')
    await expect(tasks.add([{ _id: 'a' }, { _id: 'a' }])).rejects.toMatchObject({
      code: 'DATABASE_DUPLICATE_WRITE',
    })
    expect((await tasks.get()).data).toEqual([])
    await tasks.add({ _id: 'a' })
    expect((await tasks.count()).total).toBe(1)
  })
})

describe('SDK-side conversions worth knowing', () => {
  test('GeoJSON-shaped fields come back as the SDK Geo classes (as on CloudBase); toJSON() gives the GeoJSON', async () => {
    const polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 0],
        ],
      ],
    }
    await emu.db
      .collection('grids')
      .doc('g')
      .set({ polygon, centre: { type: 'Point', coordinates: [0.5, 0.4] } })
    const [doc] = (await emu.db.collection('grids').doc('g').get()).data
    expect(doc.polygon.coordinates).toBeUndefined()
    expect(doc.polygon.toJSON()).toEqual(polygon)
    expect(doc.centre).toMatchObject({ longitude: 0.5, latitude: 0.4 })
  })
})
