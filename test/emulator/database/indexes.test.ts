import path from 'node:path'
import fc from 'fast-check'
import { Query } from 'mingo'
import { DatabaseEngine } from '../../../emulator/database'
import { encodeWire } from '../../../emulator/database/codec'
import { tempDir } from './helpers'

type Doc = Record<string, unknown> & { _id: string }

const docArbitrary = fc.record(
  {
    a: fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constant(null)),
    b: fc.constantFrom('x', 'y', 'z', 'ab'),
    n: fc.double({ min: -100, max: 100, noNaN: true }),
    tags: fc.array(fc.constantFrom('t1', 't2', 't3'), { maxLength: 3 }),
    flag: fc.boolean(),
    place: fc.record({ lng: fc.double({ min: 113, max: 114, noNaN: true }), cell: fc.string() }),
    at: fc.date({
      min: new Date('2026-01-01T00:00:00Z'),
      max: new Date('2026-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
  },
  { requiredKeys: ['b', 'n', 'at'] },
)

/** A condition on one field, as the SDK sends it (plain values, `$in`, ranges, `$ne`). */
function conditionOn(field: string): fc.Arbitrary<unknown> {
  const value: fc.Arbitrary<unknown> =
    field === 'a'
      ? fc.integer({ min: -3, max: 3 })
      : field === 'b'
        ? fc.constantFrom('x', 'y', 'z', 'ab', 'a')
        : field === 'tags'
          ? fc.constantFrom('t1', 't2', 't3')
          : field === 'at'
            ? fc.date({
                min: new Date('2026-01-01T00:00:00Z'),
                max: new Date('2026-12-31T00:00:00Z'),
                noInvalidDate: true,
              })
            : fc.double({ min: -100, max: 100, noNaN: true })
  return fc.oneof(
    value,
    fc.array(value, { minLength: 1, maxLength: 3 }).map((values) => ({ $in: values })),
    fc.tuple(fc.constantFrom('$gt', '$gte', '$lt', '$lte'), value).map(([op, v]) => ({ [op]: v })),
    fc.tuple(value, value).map(([low, high]) => ({ $gte: low, $lte: high })),
    value.map((v) => ({ $ne: v })),
  )
}

const caseArbitrary = fc
  .record({
    docs: fc.array(docArbitrary, { minLength: 0, maxLength: 40 }),
    filterFields: fc.subarray(['a', 'b', 'tags', 'n', 'at'], { maxLength: 3 }),
    sortFields: fc.subarray(['a', 'b', 'n', 'at'], { maxLength: 2 }),
    directions: fc.array(fc.constantFrom(1 as const, -1 as const), { minLength: 3, maxLength: 3 }),
    indexDirections: fc.array(fc.constantFrom(1 as const, -1 as const), { minLength: 6, maxLength: 6 }),
    offset: fc.integer({ min: 0, max: 10 }),
    limit: fc.integer({ min: 1, max: 15 }),
    asOr: fc.boolean(),
    // A projection of top-level fields, which the engine applies before parsing: a list's "all but the
    // large fields", or a narrow read of only the fields named (and `_id`).
    projection: fc.oneof(
      fc.record({ mode: fc.constant('drop' as const), names: fc.subarray(['tags', 'n'], { maxLength: 2 }) }),
      fc.record({
        mode: fc.constant('keep' as const),
        names: fc.subarray(['a', 'b', 'tags', 'n', 'at', 'flag', 'place'], { minLength: 1, maxLength: 4 }),
      }),
    ),
  })
  .chain((spec) =>
    fc
      .tuple(...spec.filterFields.map((field) => conditionOn(field).map((c) => [field, c] as const)))
      .map((conditions) => ({ ...spec, conditions })),
  )

function reference(docs: Doc[], query: Record<string, unknown>, sort: Array<[string, 1 | -1]>): Doc[] {
  const matched = docs.filter((doc) => new Query(query).test(doc))
  if (sort.length === 0) return matched
  return new Query({}).find<Doc>(matched).sort(Object.fromEntries(sort)).all()
}

describe('index-backed reads', () => {
  test('find and count over declared indexes answer what a full scan with mingo answers', () => {
    fc.assert(
      fc.property(caseArbitrary, (spec) => {
        const engine = new DatabaseEngine({ file: ':memory:', tieSeed: 7 })
        try {
          engine.createCollection('items')
          const docs: Doc[] = spec.docs.map((doc, i) => ({ _id: `d${String(i).padStart(2, '0')}`, ...doc }))
          if (docs.length > 0) {
            engine.execute('database.insertDocument', {
              collectionName: 'items',
              data: docs.map((doc) => encodeWire(doc)),
            })
          }
          // A total order: the sort always ends with _id, as the product's pages do.
          const sort: Array<[string, 1 | -1]> = spec.sortFields
            .filter((field) => !spec.filterFields.includes(field))
            .map((field, i) => [field, spec.directions[i] ?? 1])
          sort.push(['_id', spec.directions[2] ?? 1])
          const flip = spec.indexDirections[0] ?? 1
          const indexFields = [
            ...spec.filterFields.map((field, i) =>
              (spec.indexDirections[i + 1] ?? 1) === -1 ? `-${field}` : field,
            ),
            ...sort.map(([field, direction]) => (direction * flip === -1 ? `-${field}` : field)),
          ]
          // Indexing two array fields is refused, as MongoDB refuses parallel arrays; tags is the only one.
          engine.ensureIndex('items', indexFields)
          const conditions = Object.fromEntries(spec.conditions)
          const query: Record<string, unknown> =
            spec.asOr && spec.conditions.length > 1
              ? { $or: spec.conditions.map(([field, condition]) => ({ [field]: condition })) }
              : conditions
          if (query.$or) {
            // Each alternative needs its own index: its one field, then the sort.
            for (const [field] of spec.conditions)
              engine.ensureIndex('items', [field, ...sort.map(([f, d]) => (d === -1 ? `-${f}` : f))])
          }
          const expected = reference(docs, query, sort)
          const { projection } = spec
          const wireQuery = encodeWire(query)
          const got = engine.execute('database.getDocument', {
            collectionName: 'items',
            query: wireQuery,
            order: JSON.stringify(Object.fromEntries(sort)),
            offset: spec.offset,
            limit: spec.limit,
            ...(projection.names.length > 0
              ? {
                  projection: JSON.stringify(
                    Object.fromEntries(projection.names.map((field) => [field, projection.mode === 'keep'])),
                  ),
                }
              : {}),
          }) as { data: { list: Array<{ _id: string }> } }
          const page = expected.slice(spec.offset, spec.offset + spec.limit)
          const listed = got.data.list.map((doc) => JSON.parse(doc as unknown as string) as Doc)
          expect(listed.map((doc) => doc._id)).toEqual(page.map((doc) => doc._id))
          // The same fields with the same values (doubles to the last digit) as the stored documents.
          const shown = (key: string) =>
            projection.mode === 'keep'
              ? key === '_id' || projection.names.includes(key)
              : !projection.names.includes(key)
          expect(listed).toEqual(
            page.map(
              (doc) =>
                JSON.parse(
                  encodeWire(Object.fromEntries(Object.entries(doc).filter(([key]) => shown(key)))),
                ) as Doc,
            ),
          )
          const counted = engine.execute('database.calculateDocument', {
            collectionName: 'items',
            query: wireQuery,
          }) as { data: { total: number } }
          expect(counted.data.total).toBe(expected.length)
        } finally {
          engine.close()
        }
      }),
      { numRuns: 300, seed: 20261201 },
    )
  })

  test('$in pages and counts over many documents: sort order, each document once, deep pages included', () => {
    const engine = new DatabaseEngine({ file: ':memory:', tieSeed: 3 })
    try {
      engine.createCollection('items')
      const statuses = ['a', 'b', 'c', 'd', 'e']
      // Timestamps repeat, so the _id tie-breaker decides between equal ones; every document is in two
      // groups, so a $in over groups finds some documents twice in the index.
      const docs: Doc[] = Array.from({ length: 400 }, (_, i) => ({
        _id: `d${String(i).padStart(3, '0')}`,
        status: statuses[(i * 7) % 5],
        at: new Date(Date.UTC(2026, 0, 1) + ((i * 37) % 90) * 60_000),
        groups: [`g${i % 3}`, `g${(i % 3) + 1}`],
      }))
      engine.execute('database.insertDocument', {
        collectionName: 'items',
        data: docs.map((doc) => encodeWire(doc)),
      })
      engine.ensureIndex('items', ['status', '-at', '-_id'])
      engine.ensureIndex('items', ['groups', '-at', '-_id'])
      const order = JSON.stringify({ at: -1, _id: -1 })
      const sort: Array<[string, 1 | -1]> = [
        ['at', -1],
        ['_id', -1],
      ]
      for (const query of [{ status: { $in: ['a', 'c', 'e'] } }, { groups: { $in: ['g1', 'g2'] } }]) {
        const expected = reference(docs, query, sort).map((doc) => doc._id)
        for (const offset of [0, 20, 100, expected.length - 10]) {
          const got = engine.execute('database.getDocument', {
            collectionName: 'items',
            query: encodeWire(query),
            order,
            offset,
            limit: 21,
          }) as { data: { list: string[] } }
          expect(got.data.list.map((doc) => (JSON.parse(doc) as Doc)._id)).toEqual(
            expected.slice(offset, offset + 21),
          )
        }
        const counted = engine.execute('database.calculateDocument', {
          collectionName: 'items',
          query: encodeWire(query),
        }) as { data: { total: number } }
        expect(counted.data.total).toBe(expected.length)
      }
    } finally {
      engine.close()
    }
  })

  test('a query no declared index serves is refused, naming the query and the declared indexes', () => {
    const engine = new DatabaseEngine(':memory:')
    engine.createCollection('items')
    engine.ensureIndex('items', ['b', 'at'])
    expect(() =>
      engine.execute('database.getDocument', {
        collectionName: 'items',
        query: '{"a":1}',
        order: '{"at":1}',
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'INDEX_NOT_DECLARED',
        message: expect.stringMatching(
          /query on items \{"a":1\} sorted by \{"at":1\}.*Declared indexes: \(b, at\)/,
        ),
      }),
    )
    // A sort the index does not follow is refused too; lookups by _id and plain scans need nothing.
    expect(() =>
      engine.execute('database.getDocument', {
        collectionName: 'items',
        query: '{"b":"x"}',
        order: '{"n":1}',
      }),
    ).toThrow(expect.objectContaining({ code: 'INDEX_NOT_DECLARED' }))
    expect(() =>
      engine.execute('database.getDocument', { collectionName: 'items', query: '{"_id":"d1"}' }),
    ).not.toThrow()
    expect(() =>
      engine.execute('database.getDocument', { collectionName: 'items', query: '{}' }),
    ).not.toThrow()
    expect(() =>
      engine.execute('database.getDocument', {
        collectionName: 'items',
        query: '{"b":"x"}',
        order: '{"at":-1}',
      }),
    ).not.toThrow()
    engine.close()
  })

  test('a document with arrays in two fields of one index is refused, as MongoDB refuses parallel arrays', () => {
    const engine = new DatabaseEngine(':memory:')
    engine.createCollection('items')
    engine.ensureIndex('items', ['tags', 'more'])
    expect(() =>
      engine.execute('database.insertDocument', {
        collectionName: 'items',
        data: ['{"_id":"p","tags":["a","b"],"more":[1,2]}'],
      }),
    ).toThrow(/parallel arrays/)
    expect(
      engine.execute('database.calculateDocument', { collectionName: 'items', query: '{}' }),
    ).toMatchObject({
      data: { total: 0 },
    })
    engine.close()
  })

  test('an update moves a document’s entries, and a connection keeps an index another connection declared', () => {
    const tmp = tempDir()
    const file = path.join(tmp.dir, 'two.sqlite')
    const first = new DatabaseEngine(file)
    const second = new DatabaseEngine(file)
    try {
      first.createCollection('items')
      second.execute('database.insertDocument', { collectionName: 'items', data: ['{"_id":"1","b":"x"}'] })
      first.ensureIndex('items', ['b'])
      second.execute('database.modifyDocument', {
        collectionName: 'items',
        query: '{"_id":"1"}',
        queryType: 'DOC',
        data: '{"$set":{"b":"y"}}',
      })
      second.execute('database.insertDocument', { collectionName: 'items', data: ['{"_id":"2","b":"y"}'] })
      const count = (b: string) =>
        (
          first.execute('database.calculateDocument', {
            collectionName: 'items',
            query: JSON.stringify({ b }),
          }) as {
            data: { total: number }
          }
        ).data.total
      expect([count('x'), count('y')]).toEqual([0, 2])
    } finally {
      first.close()
      second.close()
      tmp.cleanup()
    }
  })
})
