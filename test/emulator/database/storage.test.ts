import path from 'node:path'
import { Query } from 'mingo'
import { createEmulatorDb, DatabaseEngine } from '../../../emulator/database'
import { buildPrefilter } from '../../../emulator/database/pushdown'
import { createCollections, tempDir } from './helpers'

let tmp: ReturnType<typeof tempDir>
beforeEach(() => {
  tmp = tempDir()
})
afterEach(() => tmp.cleanup())

describe('persistence', () => {
  test('documents written before closing are read back after reopening the same file', async () => {
    const file = path.join(tmp.dir, 'bluegrid.sqlite')
    const first = createEmulatorDb({ file, env: 'bluegrid-local' })
    first.engine.createCollection('reports')
    await first.db
      .collection('reports')
      .add({ _id: 'r1', level: 3, at: new Date('2024-03-04T05:06:07Z'), tags: ['a'] })
    await first.db.collection('reports').doc('r1').update({ level: 4 })
    first.close()

    const second = createEmulatorDb({ file, env: 'bluegrid-local' })
    const [doc] = (await second.db.collection('reports').doc('r1').get()).data
    expect(doc).toEqual({ _id: 'r1', level: 4, at: new Date('2024-03-04T05:06:07Z'), tags: ['a'] })
    expect(second.engine.listCollections()).toEqual(['reports'])
    second.close()
  })

  test('the database file uses WAL journaling', () => {
    const engine = new DatabaseEngine(path.join(tmp.dir, 'wal.sqlite'))
    expect(engine.sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
    engine.close()
  })
})

describe('declared indexes', () => {
  test('ensureIndex creates json_extract expression indexes (plus array-type indexes) and runs ANALYZE', () => {
    const engine = new DatabaseEngine(path.join(tmp.dir, 'idx.sqlite'))
    createCollections(engine)
    engine.execute('database.insertDocument', {
      collectionName: 'tasks',
      data: ['{"status":"pending","grid":{"id":"g1"}}'],
    })
    engine.ensureIndex('tasks', ['status'])
    engine.ensureIndex('tasks', ['grid.id', 'status'])
    engine.ensureIndex('tasks', ['status']) // idempotent
    const indexes = engine.sqlite
      .prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'coll_tasks' AND sql IS NOT NULL ORDER BY name",
      )
      .all() as Array<{ name: string; sql: string }>
    expect(indexes.map((i) => i.name)).toEqual([
      'idx_tasks__grid_id__status',
      'idx_tasks__status',
      'typ_tasks__grid',
      'typ_tasks__grid_id',
      'typ_tasks__status',
    ])
    expect(indexes.find((i) => i.name === 'idx_tasks__status')?.sql).toContain(
      "json_extract(doc, '$.status')",
    )
    expect(indexes.find((i) => i.name === 'idx_tasks__grid_id__status')?.sql).toContain(
      "json_extract(doc, '$.grid.id'), json_extract(doc, '$.status')",
    )
    const stats = engine.sqlite
      .prepare("SELECT count(*) AS n FROM sqlite_stat1 WHERE tbl = 'coll_tasks'")
      .get() as { n: number }
    expect(stats.n).toBeGreaterThan(0)
    engine.close()
  })

  test('the pushed-down filter for an indexed field is answered from the index', () => {
    const engine = new DatabaseEngine(':memory:')
    const docs = Array.from({ length: 300 }, (_, i) =>
      JSON.stringify({ status: i % 30 === 0 ? 'pending' : 'done', n: i }),
    )
    createCollections(engine)
    engine.execute('database.insertDocument', { collectionName: 'tasks', data: docs })
    engine.ensureIndex('tasks', ['status'])
    const filter = buildPrefilter({ status: 'pending' })
    const plan = engine.sqlite
      .prepare(`EXPLAIN QUERY PLAN SELECT rowid, _id, doc FROM "coll_tasks" WHERE ${filter.where}`)
      .all(...filter.params) as Array<{ detail: string }>
    expect(plan.map((row) => row.detail).join('\n')).toContain('USING INDEX idx_tasks__status')
    engine.close()
  })

  test('a unique index refuses a second document with the same value', async () => {
    const emu = createEmulatorDb({ file: ':memory:' })
    createCollections(emu.engine)
    emu.engine.ensureIndex('users', ['openid'], { unique: true })
    await emu.db.collection('users').add({ openid: 'o1' })
    const attempt = emu.db.collection('users').add({ openid: 'o1' })
    await expect(attempt).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' })
    emu.close()
  })

  test('a unique index cannot be declared over existing duplicates', () => {
    const engine = new DatabaseEngine(':memory:')
    createCollections(engine)
    engine.execute('database.insertDocument', {
      collectionName: 'users',
      data: ['{"openid":"o1"}', '{"openid":"o1"}'],
    })
    expect(() => engine.ensureIndex('users', ['openid'], { unique: true })).toThrow(
      expect.objectContaining({ code: 'DATABASE_DUPLICATE_WRITE' }),
    )
    engine.close()
  })

  test('index field paths must be plain dotted identifiers', () => {
    const engine = new DatabaseEngine(':memory:')
    createCollections(engine)
    expect(() => engine.ensureIndex('users', ["a'); DROP TABLE x; --"])).toThrow(
      expect.objectContaining({ code: 'INVALID_PARAM' }),
    )
    expect(() => engine.ensureIndex('users', [])).toThrow(expect.objectContaining({ code: 'INVALID_PARAM' }))
    engine.close()
  })
})

describe('SQL prefiltering never changes query results', () => {
  const docs = [
    { _id: 'scalar', v: 5, s: 'abc', b: true, d: new Date('2024-01-01T00:00:00Z'), o: { x: 1 } },
    {
      _id: 'array',
      v: [1, 5, 9],
      s: ['abc', 'zzz'],
      b: [false],
      d: [new Date('2023-01-01T00:00:00Z')],
      o: [{ x: 1 }, { x: 7 }],
    },
    { _id: 'string-number', v: '5', s: 5, b: 1, d: '2024-01-01', o: { x: '1' } },
    { _id: 'missing' },
    { _id: 'nulls', v: null, s: null, b: null, d: null, o: null },
    { _id: 'nested-array', o: { x: [1, 2] }, v: 10.5, s: 'ABC', d: new Date('1960-06-01T00:00:00Z') },
    { _id: 7, v: 0, s: '', b: false },
  ]
  const queries: Array<Record<string, unknown>> = [
    { v: 5 },
    { v: { $gt: 4 } },
    { v: { $gte: 5, $lt: 10 } },
    { v: { $lte: 1 } },
    { v: { $in: [1, 10.5] } },
    { s: 'abc' },
    { s: { $gt: 'abb' } },
    { s: { $in: ['zzz', 'ABC'] } },
    { s: { $lt: 'b' } },
    { b: true },
    { b: false },
    { d: new Date('2024-01-01T00:00:00Z') },
    { d: { $lt: new Date('2023-06-01T00:00:00Z') } },
    { d: { $gte: new Date('1950-01-01T00:00:00Z') } },
    { 'o.x': 1 },
    { 'o.x': { $gt: 1 } },
    { 'o.x': { $in: [2, 7] } },
    { _id: 'scalar' },
    { _id: 7 },
    { _id: { $in: ['array', 7] } },
    { _id: { $gt: 'n' } },
    { $and: [{ v: { $gt: 0 } }, { s: 'abc' }] },
    { v: 5, s: 'abc' },
    { v: { $eq: 5 } },
  ]

  test.each(queries.map((q) => [JSON.stringify(q), q]))('%s', async (_label, query) => {
    const expected = docs
      .filter((doc) => new Query(query as Record<string, unknown>).test(doc))
      .map((doc) => doc._id)
    const emu = createEmulatorDb({ file: ':memory:' })
    createCollections(emu.engine)
    for (const { _id, ...rest } of docs) await emu.db.collection('mix').doc(_id).set(rest)
    emu.engine.ensureIndex('mix', ['v'])
    const res = await emu.db.collection('mix').where(query).get()
    expect(res.data.map((d: { _id: unknown }) => d._id)).toEqual(expected)
    emu.close()
  })

  test('simple conditions are pushed down with array escapes; $or and regexes are left to mingo', () => {
    const pushed = buildPrefilter({ 'o.x': { $gte: 1 }, _id: 'a' })
    expect(pushed.where).toBe(
      "((json_extract(doc, '$.o.x') >= ?) OR json_type(doc, '$.o') = 'array' OR json_type(doc, '$.o.x') = 'array') AND (_id = ?)",
    )
    expect(pushed.params).toEqual([1, 'a'])
    expect(buildPrefilter({ $or: [{ a: 1 }, { b: 2 }], c: /x/ }).where).toBe('')
  })
})
