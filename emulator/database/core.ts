/**
 * The engine's internals: typed request parameters and the read/write primitives every action
 * handler (handlers.ts) builds on. Reads see a transaction's buffer when one is given; writes go
 * either to that buffer or straight to SQLite under its write lock.
 */
import { decodeStored, decodeWire, encodeStored, isPlainObject, type Doc, type DocId } from './codec'
import { DatabaseEmulatorError, invalidParam } from './errors'
import { assertSupportedQuery } from './operators'
import { compileFilter, QueryExecutor, type Matched } from './executor'
import { buildPrefilter } from './pushdown'
import { assertCollectionName, type SqliteStore } from './store'
import { entryKey, TransactionRegistry, TransactionState } from './transactions'

interface Candidate {
  id: DocId
  raw: string
}

/** Typed access to one request's parameters, failing with INVALID_PARAM naming the parameter. */
export class RequestParams {
  constructor(
    readonly action: string,
    private readonly raw: Record<string, unknown>,
    readonly now: number,
  ) {}

  get(name: string): unknown {
    return this.raw[name]
  }

  collection(): string {
    const name = this.raw.collectionName
    assertCollectionName(name)
    return name
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.raw[name]
    if (value === undefined || value === null) return fallback
    if (typeof value !== 'boolean') throw invalidParam(`${name} must be a boolean`)
    return value
  }

  int(name: string, fallback: number, min: number): number {
    const value = this.raw[name]
    if (value === undefined || value === null) return fallback
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
      throw invalidParam(`${name} must be an integer >= ${min}`)
    }
    return value
  }

  /** An EJSON-encoded parameter, or undefined when absent/empty. */
  ejson(name: string): unknown {
    const value = this.raw[name]
    if (value === undefined || value === null || value === '') return undefined
    return decodeWire(value, name, this.now)
  }

  query(): Record<string, unknown> {
    const query = this.ejson('query') ?? {}
    if (!isPlainObject(query)) throw invalidParam('query must be an object')
    assertSupportedQuery(query)
    return query
  }

  /** DOC requests address a single document; WHERE requests default to every match. */
  multiDefault(): boolean {
    return this.raw.queryType !== 'DOC'
  }

  transactionId(): string | undefined {
    const id = this.raw.transactionId
    return id === undefined || id === null || id === '' ? undefined : String(id)
  }
}

/** Not part of the public API: DatabaseEngine owns one and hands it to the handlers. */
export class EngineCore {
  private readonly transactions = new TransactionRegistry()
  private tieState: number
  /** Reads outside transactions, planned over the declared indexes. */
  readonly queries: QueryExecutor

  constructor(
    readonly store: SqliteStore,
    /** Seeds the order of rows a sort leaves tied (see tie-order.ts). */
    tieSeed: number,
    requireIndexes: boolean,
  ) {
    this.tieState = tieSeed >>> 0
    this.queries = new QueryExecutor(store, requireIndexes)
  }

  /** The next draw of a mulberry32 generator: one per sorted request. */
  nextTieSalt(): number {
    this.tieState = (this.tieState + 0x6d2b79f5) >>> 0
    let t = this.tieState
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }

  // ---- reading -------------------------------------------------------------------------------

  /** Stored rows passing the SQL prefilter, as this transaction (if any) sees them. */
  private candidates(
    collection: string,
    query: Record<string, unknown>,
    tx: TransactionState | undefined,
  ): Candidate[] {
    const rows = this.store.scan(collection, buildPrefilter(query))
    if (!tx) return rows
    const out: Candidate[] = []
    const seen = new Set<string>()
    for (const row of rows) {
      seen.add(entryKey(collection, row.id))
      const entry = tx.peek(collection, row.id)
      const raw = entry ? TransactionState.visible(entry) : row.raw
      if (raw !== null) out.push({ id: row.id, raw })
    }
    // Documents the transaction inserted, or whose snapshot no longer passes the SQL prefilter.
    for (const entry of tx.entriesOf(collection)) {
      const raw = TransactionState.visible(entry)
      if (raw !== null && !seen.has(entryKey(collection, entry.id))) out.push({ id: entry.id, raw })
    }
    return out
  }

  match(collection: string, query: Record<string, unknown>, tx?: TransactionState): Matched[] {
    if (!tx) return this.queries.matchAll(collection, query)
    const test = compileFilter(query)
    const matched: Matched[] = []
    for (const candidate of this.candidates(collection, query, tx)) {
      const doc = decodeStored(candidate.raw)
      if (test(doc)) matched.push({ ...candidate, doc })
    }
    // Whatever a transaction read becomes part of its conflict check at commit.
    if (tx) for (const m of matched) tx.touch(collection, m.id, () => m.raw)
    return matched
  }

  transaction(p: RequestParams): TransactionState | undefined {
    const id = p.transactionId()
    return id === undefined ? undefined : this.transactions.get(id, p.now)
  }

  // ---- writing -------------------------------------------------------------------------------

  /** Runs a read-check-write either in the transaction's buffer or under the SQLite write lock. */
  atomically<T>(tx: TransactionState | undefined, fn: () => T): T {
    return tx ? tx.atomically(fn) : this.store.immediate(fn)
  }

  writeDoc(
    collection: string,
    id: DocId,
    raw: string | null,
    tx: TransactionState | undefined,
    existed: boolean,
  ): void {
    if (tx) {
      const entry = tx.touch(collection, id, () => this.store.getRaw(collection, id))
      this.transactions.lockForWrite(tx, collection, id)
      entry.raw = raw
    } else if (raw === null) {
      this.store.delete(collection, id)
    } else if (existed) {
      this.store.replace(collection, id, raw)
    } else {
      this.store.insert(collection, id, raw)
    }
  }

  insertDoc(collection: string, doc: Doc, tx: TransactionState | undefined): void {
    const id = doc._id as DocId
    const raw = encodeStored(doc)
    if (!tx) {
      this.store.insert(collection, id, raw)
      return
    }
    const entry = tx.touch(collection, id, () => this.store.getRaw(collection, id))
    if (TransactionState.visible(entry) !== null) {
      throw new DatabaseEmulatorError(
        'DATABASE_DUPLICATE_WRITE',
        `duplicate key in collection ${collection}: _id ${JSON.stringify(id)} already exists`,
      )
    }
    this.transactions.lockForWrite(tx, collection, id)
    entry.raw = raw
  }

  commit(tx: TransactionState): void {
    this.transactions.end(tx.id)
    this.store.immediate(() => {
      for (const entry of tx.entries.values()) {
        if ((this.store.getRaw(entry.collection, entry.id) ?? null) !== entry.baseRaw) {
          throw new DatabaseEmulatorError(
            'DATABASE_TRANSACTION_CONFLICT',
            `transaction ${tx.id} conflicts: ${entry.collection}/${String(entry.id)} was changed by another write`,
          )
        }
      }
      for (const entry of tx.writes()) {
        if (entry.raw === undefined || (entry.raw === null && entry.baseRaw === null)) continue
        this.writeDoc(entry.collection, entry.id, entry.raw, undefined, entry.baseRaw !== null)
      }
    })
  }

  abort(tx: TransactionState): void {
    this.transactions.end(tx.id)
  }

  startTransaction(now: number): string {
    return this.transactions.start(now).id
  }

  createCollection(name: string): void {
    if (!this.store.createCollection(name)) {
      throw new DatabaseEmulatorError(
        'DATABASE_COLLECTION_ALREADY_EXIST',
        `collection ${name} already exists`,
      )
    }
  }

  allDocs(collection: string): Doc[] {
    return this.store.scan(collection, { where: '', params: [] }).map((row) => decodeStored(row.raw))
  }
}
export { MINGO_OPTIONS } from './executor'
