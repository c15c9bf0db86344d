/**
 * One function per SDK action, each answering in the exact shape `@cloudbase/database` 1.4.3
 * reads back (see the SDK's query.ts, document.ts, collection.ts, aggregate.ts, transaction/).
 */
import { Aggregator, Query } from 'mingo'
import {
  assertStorableKeys,
  decodeWire,
  encodeStored,
  encodeWire,
  generateId,
  isDocId,
  isPlainObject,
  type Doc,
} from './codec'
import { MINGO_OPTIONS, type EngineCore, type RequestParams } from './core'
import { tieOrder } from './executor'
import type { SortSpec } from './planner'
import { invalidParam, notInTransaction } from './errors'
import { assertSupportedQuery, assertSupportedStage } from './operators'
import { assertCollectionName, plainFieldName, type FieldSelection } from './store'
import { compileWrite } from './updates'

/** CloudBase's page size: the SDK always sends a limit, this applies to other callers. */
const DEFAULT_LIMIT = 100
const MAX_LIMIT = 1000
/** CloudBase answers an aggregation without a `$limit` stage with its first 20 rows. */
const AGGREGATE_DEFAULT_LIMIT = 20

const BATCH_RULE = 'CloudBase refuses batch operations in transactions'

/** Inside a transaction CloudBase serves single documents by `_id` only: `doc(id).get/set/update/remove`. */
function assertSingleDocument(p: RequestParams, what: string, query: Record<string, unknown>): void {
  const keys = Object.keys(query)
  const byId = p.get('queryType') === 'DOC' && keys.length === 1 && keys[0] === '_id' && isDocId(query._id)
  if (!byId) throw notInTransaction(what, BATCH_RULE)
}

export type Handler = (engine: EngineCore, p: RequestParams) => Record<string, unknown>

function readDocuments(p: RequestParams, inTransaction: boolean): Doc[] {
  const data = p.get('data')
  if (!Array.isArray(data) || data.length === 0) {
    throw invalidParam('data must be a non-empty array of documents')
  }
  if (inTransaction && data.length > 1) throw notInTransaction('a batch add()', BATCH_RULE)
  return data.map((item, i) => {
    const doc = decodeWire(item, `data[${i}]`, p.now)
    if (!isPlainObject(doc)) throw invalidParam(`data[${i}] must be an object`)
    assertStorableKeys(doc)
    if (doc._id === undefined && inTransaction) {
      throw notInTransaction('add() without an explicit _id', 'CloudBase inserts by _id only in transactions')
    }
    if (doc._id === undefined) return { _id: generateId(), ...doc }
    if (!isDocId(doc._id)) throw invalidParam(`data[${i}]._id must be a non-empty string or a number`)
    return doc
  })
}

function readOrder(p: RequestParams): Record<string, 1 | -1> | undefined {
  const order = p.ejson('order')
  if (order === undefined) return undefined
  if (!isPlainObject(order)) throw invalidParam('order must be an object of field → 1 | -1')
  for (const [field, direction] of Object.entries(order)) {
    if (direction !== 1 && direction !== -1) {
      throw invalidParam(`order direction for ${field} must be 1 or -1`)
    }
  }
  return order as Record<string, 1 | -1>
}

function readProjection(p: RequestParams): Record<string, unknown> | undefined {
  const projection = p.ejson('projection')
  if (projection === undefined) return undefined
  if (!isPlainObject(projection)) throw invalidParam('projection must be an object')
  return Object.keys(projection).length === 0 ? undefined : projection
}

/**
 * A projection the engine applies before parsing, when it names only plain top-level fields and only
 * leaves them out (a list's "everything but the large fields") or only keeps them (a narrow read): no
 * projection step remains. Anything else (paths, `_id: 0` beside kept fields) is left to mingo.
 */
function pushedSelection(projection: Record<string, unknown> | undefined): FieldSelection | undefined {
  if (!projection) return undefined
  const names = Object.keys(projection)
  if (!names.every((name) => plainFieldName.test(name))) return undefined
  const values = names.map((name) => projection[name])
  if (values.every((value) => value === 0 || value === false)) return { drop: names }
  if (values.every((value) => value === 1 || value === true)) return { keep: names }
  return undefined
}

function readStages(p: RequestParams): Array<Record<string, unknown>> {
  const stages = p.get('stages')
  if (!Array.isArray(stages)) throw invalidParam('stages must be an array')
  return stages.flatMap((stage: unknown, i) => {
    if (!isPlainObject(stage) || typeof stage.stageKey !== 'string') {
      throw invalidParam(`stages[${i}] must be {stageKey, stageValue}`)
    }
    const key = stage.stageKey
    assertSupportedStage(key)
    const value = decodeWire(stage.stageValue, `${key} stage`, p.now)
    if (key === '$match') {
      if (!isPlainObject(value)) throw invalidParam('$match expects a query object')
      assertSupportedQuery(value)
    }
    if (key === '$count') {
      // MongoDB's documented equivalent; unlike mingo's $count it yields no row for empty input.
      if (typeof value !== 'string' || value === '' || value.startsWith('$')) {
        throw invalidParam('$count expects a field name')
      }
      return [{ $group: { _id: null, [value]: { $sum: 1 } } }, { $project: { _id: 0 } }]
    }
    return [{ [key]: value }]
  })
}

/**
 * The pipeline's leading `$match`, `$sort`, `$skip` and `$limit` run as one planned read over the indexes,
 * like MongoDB's query layer under an aggregation; mingo runs the stages after them. A later `$sort`
 * is an in-memory sort, so its ties are shuffled first.
 */
function leadingRead(
  engine: EngineCore,
  collection: string,
  pipeline: Array<Record<string, unknown>>,
): { docs: Doc[]; rest: Array<Record<string, unknown>> } {
  let position = 0
  let query: Record<string, unknown> = {}
  let sort: SortSpec = []
  let offset = 0
  let limit = Number.POSITIVE_INFINITY
  const matchStage = pipeline[position]?.$match
  if (isPlainObject(matchStage)) {
    query = matchStage
    position++
  }
  const sortStage = pipeline[position]?.$sort
  if (isPlainObject(sortStage) && Object.values(sortStage).every((d) => d === 1 || d === -1)) {
    sort = Object.entries(sortStage) as SortSpec
    position++
  }
  const skipStage = pipeline[position]?.$skip
  if (typeof skipStage === 'number' && Number.isInteger(skipStage) && skipStage >= 0) {
    offset = skipStage
    position++
  }
  const limitStage = pipeline[position]?.$limit
  if (typeof limitStage === 'number' && Number.isInteger(limitStage) && limitStage > 0) {
    limit = limitStage
    position++
  }
  const rest = pipeline.slice(position)
  const docs = engine.queries.find(collection, query, sort, offset, limit, engine.nextTieSalt())
  const laterSort = rest.some((stage) => '$sort' in stage)
  return { docs: laterSort ? tieOrder(docs, engine.nextTieSalt()) : docs, rest }
}

function modify(engine: EngineCore, p: RequestParams, returnDoc: boolean): Record<string, unknown> {
  const collection = p.collection()
  const query = p.query()
  const plan = compileWrite(p.ejson('data'), p.bool('merge', true))
  const multi = returnDoc ? false : p.bool('multi', p.multiDefault())
  const upsert = returnDoc ? false : p.bool('upsert', false)
  const tx = engine.transaction(p)
  if (tx) assertSingleDocument(p, returnDoc ? 'where().updateAndReturn()' : 'where().update()', query)
  return engine.atomically(tx, () => {
    const matched = engine.match(collection, query, tx)
    const targets = multi ? matched : matched.slice(0, 1)
    let updated = 0
    let lastDoc: Doc | undefined
    for (const target of targets) {
      const next = plan.apply(target.doc, query)
      const raw = encodeStored(next)
      lastDoc = next
      // Like MongoDB's nModified: a write that changes nothing is not counted.
      if (raw === target.raw) continue
      engine.writeDoc(collection, target.id, raw, tx, true)
      updated += 1
    }
    if (returnDoc) return { data: { updated, doc: lastDoc ? encodeWire(lastDoc) : null } }
    if (targets.length === 0 && upsert) {
      const doc = plan.upsertDoc(query)
      engine.insertDoc(collection, doc, tx)
      return { data: { updated: 0, matched: 0, upsert_id: doc._id } }
    }
    return { data: { updated, matched: targets.length } }
  })
}

export const HANDLERS: Record<string, Handler> = {
  'database.getDocument': (engine, p) => {
    const collection = p.collection()
    const query = p.query()
    const order = readOrder(p)
    const projection = readProjection(p)
    const selection = pushedSelection(projection)
    const offset = p.int('offset', 0, 0)
    const limit = Math.min(p.int('limit', DEFAULT_LIMIT, 1), MAX_LIMIT)
    const tx = engine.transaction(p)
    let docs: Doc[]
    if (tx) {
      assertSingleDocument(p, 'where()', query)
      docs = engine
        .match(collection, query, tx)
        .map((m) => m.doc)
        .slice(offset, offset + limit)
    } else {
      const sort = order ? (Object.entries(order) as SortSpec) : []
      docs = engine.queries.find(collection, query, sort, offset, limit, engine.nextTieSalt(), selection)
    }
    const projected =
      projection && !(selection && !tx)
        ? new Query({}, MINGO_OPTIONS).find<Doc>(docs, projection).all()
        : docs
    return { data: { list: projected.map(encodeWire), offset, limit } }
  },

  'database.calculateDocument': (engine, p) => {
    const collection = p.collection()
    if (p.transactionId() !== undefined) {
      throw notInTransaction('count()', 'CloudBase runs count() outside the transaction it is called on')
    }
    return { data: { total: engine.queries.count(collection, p.query()) } }
  },

  'database.insertDocument': (engine, p) => {
    const collection = p.collection()
    const tx = engine.transaction(p)
    const docs = readDocuments(p, tx !== undefined)
    // All or nothing: a duplicate anywhere in the batch leaves the collection untouched.
    engine.atomically(tx, () => docs.forEach((doc) => engine.insertDoc(collection, doc, tx)))
    return { data: { insertedIds: docs.map((doc) => doc._id) } }
  },

  'database.modifyDocument': (engine, p) => modify(engine, p, false),

  'database.modifyAndReturnDoc': (engine, p) => modify(engine, p, true),

  'database.removeDocument': (engine, p) => {
    const collection = p.collection()
    const query = p.query()
    const multi = p.bool('multi', p.multiDefault())
    const tx = engine.transaction(p)
    if (tx) assertSingleDocument(p, 'where().remove()', query)
    const deleted = engine.atomically(tx, () => {
      const matched = engine.match(collection, query, tx)
      const targets = multi ? matched : matched.slice(0, 1)
      for (const target of targets) engine.writeDoc(collection, target.id, null, tx, true)
      return targets.length
    })
    return { data: { deleted } }
  },

  'database.aggregateDocuments': (engine, p) => {
    const collection = p.collection()
    if (p.transactionId() !== undefined) throw notInTransaction('aggregate()', BATCH_RULE)
    const pipeline = readStages(p)
    const { docs, rest } = leadingRead(engine, collection, pipeline)
    const aggregator = new Aggregator(rest, {
      ...MINGO_OPTIONS,
      // $lookup reads other collections of the same database.
      collectionResolver: (name: string) => {
        assertCollectionName(name)
        return engine.allDocs(name)
      },
    })
    const rows = rest.length === 0 ? docs : aggregator.run(docs)
    const limited = pipeline.some((stage) => '$limit' in stage)
      ? rows
      : rows.slice(0, AGGREGATE_DEFAULT_LIMIT)
    return { data: { list: limited.map(encodeWire) } }
  },

  'database.addCollection': (engine, p) => {
    engine.createCollection(p.collection())
    return {}
  },

  'database.startTransaction': (engine, p) => ({ transactionId: engine.startTransaction(p.now) }),

  'database.commitTransaction': (engine, p) => {
    const tx = engine.transaction(p)
    if (!tx) throw invalidParam('transactionId is required')
    engine.commit(tx)
    return {}
  },

  'database.abortTransaction': (engine, p) => {
    const tx = engine.transaction(p)
    if (!tx) throw invalidParam('transactionId is required')
    engine.abort(tx)
    return {}
  },
}
