/**
 * The SQLite layer: one table per collection, each row an `_id` and the document's JSON text.
 * Runs plain scans (with the prefilter of pushdown.ts, rows in insertion order, which stands in for
 * MongoDB's natural order), the planner's SQL over index entries, and keeps the declared indexes
 * (indexes.ts) in step with every write.
 */
import Database from 'better-sqlite3'
import { collectionNotExist, DatabaseEmulatorError, invalidParam } from './errors'
import type { DocId } from './codec'
import { decodeStored } from './codec'
import { tieKey } from './tie-order'
import { IndexTables, parseIndexFields, type IndexState } from './indexes'
import type { SqlFilter } from './pushdown'

export interface StoredRow {
  rowid: number
  id: DocId
  raw: string
}

const TABLE_PREFIX = 'coll_'
const COLLECTION_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,127}$/

export function assertCollectionName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || !COLLECTION_NAME.test(name)) {
    throw invalidParam(
      `invalid collection name ${JSON.stringify(name)}: use letters, digits, "_" or "-", starting with a letter or "_"`,
    )
  }
}

/** Names are validated first, so quoting only has to guard the one character it can't contain. */
function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}

/** Names SQLite may select by path: plain identifiers only, so no name can reach into the SQL. */
export const plainFieldName = /^[A-Za-z_][A-Za-z0-9_]*$/

/**
 * The top-level fields a read returns: all but those dropped, or only those kept (with `_id`, as MongoDB
 * keeps it unless told otherwise). Plain names only.
 */
export type FieldSelection = { drop: readonly string[] } | { keep: readonly string[] }
export const allFields: FieldSelection = { drop: [] }

function assertPlainSelection(selection: FieldSelection): void {
  for (const name of 'keep' in selection ? selection.keep : selection.drop) {
    if (!plainFieldName.test(name)) throw new Error(`not a plain top-level field name: ${name}`)
  }
}

/** The fields a keeping selection returns: `_id` first, each once. */
function keptNames(selection: { keep: readonly string[] }): string[] {
  return [...new Set(['_id', ...selection.keep])]
}

/**
 * The SQL expression of a stored document cut to a selection. Kept fields are copied as JSON text
 * (`doc -> path` is NULL for a missing field, which `concat_ws` skips), never through an SQL value, so
 * numbers keep every digit and booleans stay booleans.
 */
function selectionSql(selection: FieldSelection): string {
  assertPlainSelection(selection)
  if ('keep' in selection) {
    const members = keptNames(selection).map((name) => `'"${name}":' || (doc -> '$.${name}')`)
    return `'{' || concat_ws(',', ${members.join(', ')}) || '}'`
  }
  if (selection.drop.length === 0) return 'doc'
  return `json_remove(doc, ${selection.drop.map((name) => `'$.${name}'`).join(', ')})`
}

/** Applies a selection to a parsed document, for reads that parse every document anyway. */
export function selectFields(
  doc: Record<string, unknown>,
  selection: FieldSelection,
): Record<string, unknown> {
  if ('keep' in selection) {
    const kept = new Set(keptNames(selection))
    return Object.fromEntries(Object.entries(doc).filter(([key]) => kept.has(key)))
  }
  for (const name of selection.drop) delete doc[name]
  return doc
}

export function tableOf(collection: string): string {
  return quoteIdent(TABLE_PREFIX + collection)
}

function isConstraintError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')
}

export class SqliteStore {
  readonly db: Database.Database
  private readonly collections = new Set<string>()
  private readonly statements = new Map<string, Database.Statement>()
  private readonly indexes: IndexTables
  private schemaVersion: number

  constructor(file: string) {
    this.db = new Database(file)
    // WAL lets the emulator server and a test or script read while another connection writes;
    // busy_timeout makes a second writer wait for the lock instead of failing at once.
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('busy_timeout = 5000')
    this.db.pragma('synchronous = NORMAL')
    this.db.function('bg_tie', { deterministic: true }, (salt, id) => tieKey(Number(salt), id))
    this.indexes = new IndexTables(this.db)
    this.schemaVersion = this.readSchemaVersion()
    this.refreshCollections()
  }

  private readSchemaVersion(): number {
    return this.db.pragma('schema_version', { simple: true }) as number
  }

  /**
   * Another connection to the same file may have created collections or indexes since: every write
   * must keep every index, so the catalog is re-read whenever SQLite's schema version moved.
   */
  private syncSchema(): void {
    const version = this.readSchemaVersion()
    if (version === this.schemaVersion) return
    this.schemaVersion = version
    this.indexes.reload()
    this.statements.clear()
    this.indexes.clearCache()
    this.refreshCollections()
  }

  private refreshCollections(): void {
    this.collections.clear()
    const rows = this.db
      .prepare<[number, string], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND substr(name, 1, ?) = ?",
      )
      .all(TABLE_PREFIX.length, TABLE_PREFIX)
    for (const row of rows) this.collections.add(row.name.slice(TABLE_PREFIX.length))
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql)
    if (!statement) {
      // SQL text varies with query shape (e.g. $in list length); keep the cache from growing forever.
      if (this.statements.size >= 500) this.statements.clear()
      statement = this.db.prepare(sql)
      this.statements.set(sql, statement)
    }
    return statement
  }

  hasCollection(name: string): boolean {
    if (this.collections.has(name)) return true
    // Another connection to the same file may have created it since we last looked.
    this.refreshCollections()
    return this.collections.has(name)
  }

  /** Collections exist only once created: anything else is CloudBase's DATABASE_COLLECTION_NOT_EXIST. */
  assertCollection(name: string): void {
    if (!this.hasCollection(name)) throw collectionNotExist()
  }

  listCollections(): string[] {
    this.refreshCollections()
    return [...this.collections].sort()
  }

  /** Returns false when the collection already existed. */
  createCollection(name: string): boolean {
    assertCollectionName(name)
    if (this.hasCollection(name)) return false
    // `_id` has no declared type so string and numeric ids keep their type, as in CloudBase.
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${tableOf(name)} (_id PRIMARY KEY NOT NULL, doc TEXT NOT NULL)`)
    this.collections.add(name)
    return true
  }

  /** Rows passing the SQL prefilter, in insertion order. */
  scan(collection: string, filter: SqlFilter): StoredRow[] {
    this.assertCollection(collection)
    const where = filter.where ? ` WHERE ${filter.where}` : ''
    const sql = `SELECT rowid AS rowid, _id AS id, doc AS raw FROM ${tableOf(collection)}${where}`
    const rows = this.statement(sql).all(...filter.params) as StoredRow[]
    return rows.sort((a, b) => a.rowid - b.rowid)
  }

  /** Decodes the document only when the collection has indexes to keep. */
  private indexOnWrite(collection: string, id: DocId, existed: boolean, raw: string | null): void {
    if (this.indexes.of(collection).length === 0) return
    this.indexes.onWrite(collection, id, existed, raw === null ? undefined : decodeStored(raw))
  }

  getRaw(collection: string, id: DocId): string | undefined {
    this.assertCollection(collection)
    const row = this.statement(`SELECT doc FROM ${tableOf(collection)} WHERE _id = ?`).get(id) as
      { doc: string } | undefined
    return row?.doc
  }

  insert(collection: string, id: DocId, raw: string): void {
    this.assertCollection(collection)
    try {
      this.statement(`INSERT INTO ${tableOf(collection)} (_id, doc) VALUES (?, ?)`).run(id, raw)
      this.indexOnWrite(collection, id, false, raw)
    } catch (error) {
      if (isConstraintError(error)) {
        throw new DatabaseEmulatorError(
          'DATABASE_DUPLICATE_WRITE',
          `duplicate key in collection ${collection} inserting _id ${JSON.stringify(id)}: ${(error as Error).message}`,
        )
      }
      throw error
    }
  }

  replace(collection: string, id: DocId, raw: string): void {
    try {
      this.statement(`UPDATE ${tableOf(collection)} SET doc = ? WHERE _id = ?`).run(raw, id)
      this.indexOnWrite(collection, id, true, raw)
    } catch (error) {
      if (isConstraintError(error)) {
        throw new DatabaseEmulatorError(
          'DATABASE_DUPLICATE_WRITE',
          `unique index violated in collection ${collection} updating _id ${JSON.stringify(id)}: ${(error as Error).message}`,
        )
      }
      throw error
    }
  }

  delete(collection: string, id: DocId): void {
    this.assertCollection(collection)
    this.statement(`DELETE FROM ${tableOf(collection)} WHERE _id = ?`).run(id)
    this.indexOnWrite(collection, id, true, null)
  }

  /**
   * Runs `fn` inside BEGIN IMMEDIATE: the write lock is taken before the first read, so a
   * read-check-write (a conditional update) cannot interleave with another connection's write.
   * Nested calls become savepoints.
   */
  immediate<T>(fn: () => T): T {
    if (this.db.inTransaction) return this.db.transaction(fn)()
    try {
      this.syncSchema()
      return this.db.transaction(fn).immediate()
    } catch (error) {
      // A rollback may have undone a CREATE TABLE made inside it; forget what we cached.
      this.refreshCollections()
      this.indexes.reload()
      throw error
    }
  }

  /**
   * Declares indexes (see indexes.ts) and fills the new ones from the stored documents, in one pass.
   * Idempotent.
   */
  ensureIndexes(
    collection: string,
    specs: ReadonlyArray<{ fields: readonly string[]; unique: boolean }>,
  ): IndexState[] {
    assertCollectionName(collection)
    const parsed = specs.map((spec) => ({ fields: parseIndexFields(spec.fields), unique: spec.unique }))
    this.assertCollection(collection)
    const before = new Set(this.indexes.of(collection).map((index) => index.name))
    const states = this.indexes.ensure(collection, tableOf(collection), parsed)
    // Statistics for SQLite's planner, refreshed only for added indexes: ANALYZE reads the whole table.
    for (const state of states) if (!before.has(state.name)) this.db.exec(`ANALYZE ${state.table}`)
    return states
  }

  indexesOf(collection: string): readonly IndexState[] {
    this.syncSchema()
    return this.indexes.of(collection)
  }

  /**
   * Documents by id, as a map (missing ids are absent), cut to the selected top-level fields by SQLite:
   * JSON text that is never parsed costs nothing, and a list's documents are mostly their large fields.
   */
  getMany(
    collection: string,
    ids: readonly DocId[],
    selection: FieldSelection = allFields,
  ): Map<DocId, string> {
    this.assertCollection(collection)
    const found = new Map<DocId, string>()
    const doc = selectionSql(selection)
    for (let start = 0; start < ids.length; start += 500) {
      const chunk = ids.slice(start, start + 500)
      const sql = `SELECT _id AS id, ${doc} AS raw FROM ${tableOf(collection)} WHERE _id IN (${chunk.map(() => '?').join(', ')})`
      for (const row of this.statement(sql).all(...chunk) as Array<{ id: DocId; raw: string }>) {
        found.set(row.id, row.raw)
      }
    }
    return found
  }

  /** Runs a read over index entries or documents built by the planner. */
  select<Row>(sql: string, params: readonly unknown[]): Row[] {
    return this.statement(sql).all(...params) as Row[]
  }

  close(): void {
    this.statements.clear()
    if (this.db.open) this.db.close()
  }
}
