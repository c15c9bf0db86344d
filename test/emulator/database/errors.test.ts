import { DatabaseEmulatorError, DatabaseEngine, type EmulatorDb } from '../../../emulator/database'
import { memoryDb, rejectionOf } from './helpers'

let emu: EmulatorDb
let engine: DatabaseEngine
beforeEach(async () => {
  emu = memoryDb()
  engine = emu.engine
  await emu.db.collection('c').add({ _id: 'a', n: 1, loc: { type: 'Point', coordinates: [1, 2] } })
})
afterEach(() => emu.close())

/** Runs a raw request and returns the thrown error (failing the test if none was thrown). */
function failureOf(action: string, params: unknown): DatabaseEmulatorError {
  try {
    engine.execute(action, params as Record<string, unknown>)
  } catch (error) {
    expect(error).toBeInstanceOf(DatabaseEmulatorError)
    return error as DatabaseEmulatorError
  }
  throw new Error(`${action} unexpectedly succeeded`)
}

describe('unsupported operators fail loudly, naming the operator', () => {
  test('a geo query through the SDK ($nearSphere) is refused', async () => {
    const _ = emu.db.command
    const near = _.geoNear({ geometry: new emu.db.Geo.Point(1, 2), maxDistance: 10 })
    const error = await rejectionOf(emu.db.collection('c').where({ loc: near }).get())
    expect(error).toMatchObject({
      code: 'UNSUPPORTED_OPERATOR',
      message: 'unsupported query operator $nearSphere',
    })
  })

  test('a raw $near query is refused', () => {
    const error = failureOf('database.getDocument', { collectionName: 'c', query: '{"loc":{"$near":[1,2]}}' })
    expect(error.code).toBe('UNSUPPORTED_OPERATOR')
    expect(error.message).toBe('unsupported query operator $near')
  })

  test('top-level $where and $text are refused', () => {
    expect(
      failureOf('database.getDocument', { collectionName: 'c', query: '{"$where":"true"}' }).message,
    ).toBe('unsupported query operator $where')
    expect(
      failureOf('database.calculateDocument', { collectionName: 'c', query: '{"$text":{"$search":"x"}}' })
        .message,
    ).toBe('unsupported query operator $text')
  })

  test('an unknown update operator is refused and nothing changes', async () => {
    const error = failureOf('database.modifyDocument', {
      collectionName: 'c',
      query: '{"_id":"a"}',
      data: '{"$setOnInsertX":{"n":2}}',
      queryType: 'DOC',
      merge: true,
    })
    expect(error.message).toBe('unsupported update operator $setOnInsertX')
    expect((await emu.db.collection('c').doc('a').get()).data[0].n).toBe(1)
  })

  test('an unsupported aggregate stage is refused', async () => {
    const error = await rejectionOf(
      emu.db
        .collection('c')
        .aggregate()
        .geoNear({ near: new emu.db.Geo.Point(1, 2), distanceField: 'd', spherical: true })
        .end(),
    )
    expect(error).toMatchObject({
      code: 'UNSUPPORTED_OPERATOR',
      message: 'unsupported aggregate stage $geoNear',
    })
  })

  test('an unknown expression operator inside a stage is reported by name', async () => {
    const error = await rejectionOf(
      emu.db
        .collection('c')
        .aggregate()
        .group({ _id: null, x: { $median2: '$n' } })
        .end(),
    )
    expect(error.code).toBe('UNSUPPORTED_OPERATOR')
    expect(error.message).toContain('$median2')
  })

  test('an unknown action is refused by name', () => {
    const error = failureOf('database.dropEverything', {})
    expect(error).toMatchObject({
      code: 'UNSUPPORTED_ACTION',
      message: 'unsupported action database.dropEverything',
    })
  })
})

describe('malformed requests throw INVALID_PARAM and never crash the engine', () => {
  test.each([
    ['missing collection', 'database.getDocument', {}],
    ['bad collection name', 'database.getDocument', { collectionName: '../etc' }],
    ['query not EJSON', 'database.getDocument', { collectionName: 'c', query: '{not json' }],
    ['query not an object', 'database.getDocument', { collectionName: 'c', query: '[1,2]' }],
    ['negative limit', 'database.getDocument', { collectionName: 'c', limit: -1 }],
    ['bad order direction', 'database.getDocument', { collectionName: 'c', order: '{"n":2}' }],
    ['insert without data', 'database.insertDocument', { collectionName: 'c' }],
    ['insert of a non-object', 'database.insertDocument', { collectionName: 'c', data: ['5'] }],
    [
      'insert with $-prefixed field',
      'database.insertDocument',
      { collectionName: 'c', data: ['{"$bad":1}'] },
    ],
    ['insert with object _id', 'database.insertDocument', { collectionName: 'c', data: ['{"_id":{"x":1}}'] }],
    [
      'update touching _id',
      'database.modifyDocument',
      { collectionName: 'c', query: '{}', data: '{"$set":{"_id":"z"}}' },
    ],
    [
      'update mixing operators and fields',
      'database.modifyDocument',
      { collectionName: 'c', query: '{}', data: '{"$set":{"a":1},"b":2}' },
    ],
    ['empty update', 'database.modifyDocument', { collectionName: 'c', query: '{}', data: '{}' }],
    ['multi not boolean', 'database.removeDocument', { collectionName: 'c', query: '{}', multi: 'yes' }],
    ['stages not an array', 'database.aggregateDocuments', { collectionName: 'c', stages: '$match' }],
    ['stage without key', 'database.aggregateDocuments', { collectionName: 'c', stages: [{}] }],
    [
      'regex with an option JS lacks',
      'database.getDocument',
      { collectionName: 'c', query: '{"n":{"$regularExpression":{"pattern":"a","options":"x"}}}' },
    ],
    ['commit without id', 'database.commitTransaction', {}],
  ])('%s', (_label, action, params) => {
    expect(failureOf(action, params).code).toBe('INVALID_PARAM')
  })

  test('unknown transaction ids fail with DATABASE_TRANSACTION_FAIL', () => {
    expect(
      failureOf('database.getDocument', { collectionName: 'c', query: '{"_id":"a"}', transactionId: 'nope' })
        .code,
    ).toBe('DATABASE_TRANSACTION_FAIL')
  })

  test('params that are not an object are refused', () => {
    expect(failureOf('database.getDocument', null).code).toBe('INVALID_PARAM')
    expect(failureOf('database.getDocument', 'collectionName=c').code).toBe('INVALID_PARAM')
  })

  test('garbage of every shape gives a DatabaseEmulatorError, and the engine keeps working', () => {
    const actions = [
      'database.getDocument',
      'database.calculateDocument',
      'database.insertDocument',
      'database.modifyDocument',
      'database.modifyAndReturnDoc',
      'database.removeDocument',
      'database.aggregateDocuments',
      'database.addCollection',
      'database.commitTransaction',
      'database.abortTransaction',
    ]
    const junk: unknown[] = [
      undefined,
      null,
      0,
      -1,
      1.5,
      NaN,
      '',
      '{',
      '[]',
      '"str"',
      '{"$gt":1}',
      [],
      [null],
      {},
      { $date: 'x' },
      true,
    ]
    for (const action of actions) {
      for (const value of junk) {
        for (const field of [
          'collectionName',
          'query',
          'data',
          'stages',
          'order',
          'projection',
          'limit',
          'offset',
          'multi',
          'transactionId',
        ]) {
          const params: Record<string, unknown> = { collectionName: 'c', [field]: value }
          try {
            engine.execute(action, params)
          } catch (error) {
            expect(error).toBeInstanceOf(DatabaseEmulatorError)
          }
        }
      }
    }
    // Some junk was valid (e.g. removeDocument with an empty query), so just prove the engine still works.
    engine.execute('database.insertDocument', { collectionName: 'after', data: ['{"_id":"ok"}'] })
    expect(
      engine.execute('database.calculateDocument', { collectionName: 'after', query: '{"_id":"ok"}' }),
    ).toMatchObject({ data: { total: 1 } })
  })
})
