/**
 * Declared indexes, kept as SQLite tables of index entries: one row per document per combination of its
 * values at the indexed fields (one row per array element for a multikey field, as MongoDB does), keyed
 * in the declared directions and ending with the document id. Queries (planner.ts) read these tables in
 * key order, so filters on a prefix, ranges, sorts, skips, limits and counts run in SQL over entries
 * instead of over documents.
 */
import type Database from 'better-sqlite3'
import { decodeStored, type Doc, type DocId } from './codec'
import { DatabaseEmulatorError, invalidParam } from './errors'
import { encodeKey, valuesAtPath } from './index-keys'

export interface IndexField {
  path: string
  direction: 1 | -1
}

export interface IndexState {
  name: string
  collection: string
  fields: IndexField[]
  unique: boolean
  /** Per field: whether some document held an array there (never reset, as in MongoDB). */
  multikey: boolean[]
  /** The quoted SQLite table holding the entries. */
  table: string
}

const CATALOG = 'bluegrid_index'
const SEGMENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/
/** A document whose entries would exceed this is refused, like an over-large MongoDB index key set. */
const MAX_ENTRIES_PER_DOCUMENT = 1000

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}

/** `'-points'` is points descending; anything else ascending. Paths are dot-separated identifiers. */
export function parseIndexFields(fields: readonly string[]): IndexField[] {
  if (fields.length === 0) throw invalidParam('an index needs at least one field')
  return fields.map((raw) => {
    if (typeof raw !== 'string') throw invalidParam('index fields must be strings')
    const direction = raw.startsWith('-') ? -1 : 1
    const path = direction === -1 ? raw.slice(1) : raw
    if (!path.split('.').every((segment) => SEGMENT.test(segment)) || path.startsWith('$')) {
      throw invalidParam(
        `cannot index field path ${JSON.stringify(raw)}: use dot-separated identifiers, "-" in front for descending`,
      )
    }
    return { path, direction }
  })
}

export function describeIndex(index: Pick<IndexState, 'fields' | 'unique'>): string {
  const fields = index.fields.map((f) => (f.direction === -1 ? `-${f.path}` : f.path)).join(', ')
  return `(${fields})${index.unique ? ' unique' : ''}`
}

function isConstraintError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')
}

const keyColumns = (state: IndexState) => state.fields.map((_, i) => `k${i} TEXT NOT NULL`).join(', ')
/** The entries' order: the keys in their declared directions, then the document id. */
const keyOrder = (state: IndexState) =>
  [...state.fields.map((f, i) => `k${i}${f.direction === -1 ? ' DESC' : ''}`), 'id'].join(', ')
/** Where a new index's entries gather, in any order, before they go into its table sorted. */
const stageOf = (state: IndexState) => `temp.${quoteIdent(`stage_${state.name}`)}`

export class IndexTables {
  private readonly byCollection = new Map<string, IndexState[]>()
  private readonly statements = new Map<string, Database.Statement>()

  constructor(private readonly db: Database.Database) {
    db.exec(
      `CREATE TABLE IF NOT EXISTS ${CATALOG} (name TEXT PRIMARY KEY, collection TEXT NOT NULL, fields TEXT NOT NULL, is_unique INTEGER NOT NULL, multikey TEXT NOT NULL)`,
    )
    this.reload()
  }

  /** Another connection to the same file may have declared indexes since; re-read the catalog. */
  reload(): void {
    this.byCollection.clear()
    const rows = this.db.prepare(`SELECT * FROM ${CATALOG} ORDER BY rowid`).all() as Array<{
      name: string
      collection: string
      fields: string
      is_unique: number
      multikey: string
    }>
    for (const row of rows) {
      const state: IndexState = {
        name: row.name,
        collection: row.collection,
        fields: JSON.parse(row.fields) as IndexField[],
        unique: row.is_unique === 1,
        multikey: JSON.parse(row.multikey) as boolean[],
        table: quoteIdent(`ix_${row.name}`),
      }
      const list = this.byCollection.get(row.collection) ?? []
      list.push(state)
      this.byCollection.set(row.collection, list)
    }
  }

  of(collection: string): readonly IndexState[] {
    return this.byCollection.get(collection) ?? []
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql)
    if (!statement) {
      statement = this.db.prepare(sql)
      this.statements.set(sql, statement)
    }
    return statement
  }

  /**
   * Declares indexes and fills the new ones from the documents already stored, in one pass over them.
   * Idempotent: the same fields and uniqueness again change nothing. Runs inside one SQLite transaction,
   * so a unique index over existing duplicates leaves nothing behind.
   */
  ensure(
    collection: string,
    collectionTable: string,
    specs: ReadonlyArray<{ fields: IndexField[]; unique: boolean }>,
  ): IndexState[] {
    const states: IndexState[] = []
    const created: IndexState[] = []
    for (const { fields, unique } of specs) {
      const slug = fields
        .map((f) => `${f.direction === -1 ? 'desc_' : ''}${f.path.replace(/\./g, '_')}`)
        .join('__')
      const name = `${collection}__${slug}${unique ? '__unique' : ''}`
      const existing = [...this.of(collection), ...created].find((index) => index.name === name)
      if (existing) {
        states.push(existing)
        continue
      }
      const state: IndexState = {
        name,
        collection,
        fields,
        unique,
        multikey: fields.map(() => false),
        table: quoteIdent(`ix_${name}`),
      }
      created.push(state)
      states.push(state)
    }
    if (created.length === 0) return states
    let building: IndexState | undefined
    const build = this.db.transaction(() => {
      for (const state of created) {
        building = state
        this.createTable(state)
        this.db.exec(`CREATE TEMP TABLE ${stageOf(state)} (${keyColumns(state)}, id NOT NULL)`)
      }
      this.byCollection.set(collection, [...this.of(collection), ...created])
      const stageInserts = created.map((state) =>
        this.db.prepare(
          `INSERT INTO ${stageOf(state)} VALUES (${state.fields.map(() => '?').join(', ')}, ?)`,
        ),
      )
      // Page through the stored documents by rowid: a statement cannot write while another iterates.
      const page = this.db.prepare(
        `SELECT rowid AS rowid, _id AS id, doc AS raw FROM ${collectionTable} WHERE rowid > ? ORDER BY rowid LIMIT 2000`,
      )
      let after = 0
      for (;;) {
        const rows = page.all(after) as Array<{ rowid: number; id: DocId; raw: string }>
        if (rows.length === 0) break
        for (const row of rows) {
          const doc = decodeStored(row.raw)
          created.forEach((state, position) => {
            building = state
            for (const keys of this.entryKeys(state, doc)) stageInserts[position]!.run(...keys, row.id)
          })
        }
        after = rows[rows.length - 1]?.rowid ?? after
      }
      // The entries go in in key order, each page of the table written once, instead of one random
      // insert per entry: a bulk load's indexes build in minutes instead of hours.
      for (const state of created) {
        building = state
        this.db.exec(`INSERT INTO ${state.table} SELECT * FROM ${stageOf(state)} ORDER BY ${keyOrder(state)}`)
        this.db.exec(`DROP TABLE ${stageOf(state)}`)
        this.createLookups(state)
        this.saveMultikey(state)
      }
    })
    try {
      build()
    } catch (error) {
      this.reload()
      if (isConstraintError(error) && building) {
        throw new DatabaseEmulatorError(
          'DATABASE_DUPLICATE_WRITE',
          `cannot create unique index ${collection}${describeIndex(building)}: existing documents share a value`,
        )
      }
      throw error
    }
    return states
  }

  private createTable(state: IndexState): void {
    this.db.exec(
      `CREATE TABLE ${state.table} (${keyColumns(state)}, id NOT NULL, PRIMARY KEY (${keyOrder(state)})) WITHOUT ROWID`,
    )
    this.db
      .prepare(
        `INSERT INTO ${CATALOG} (name, collection, fields, is_unique, multikey) VALUES (?, ?, ?, ?, ?)`,
      )
      .run(
        state.name,
        state.collection,
        JSON.stringify(state.fields),
        state.unique ? 1 : 0,
        JSON.stringify(state.multikey),
      )
  }

  /** The entries by document (to replace a document's on write), and the uniqueness check; built once filled. */
  private createLookups(state: IndexState): void {
    this.db.exec(`CREATE INDEX ${quoteIdent(`ix_${state.name}__by_id`)} ON ${state.table} (id)`)
    if (state.unique) {
      this.db.exec(
        `CREATE UNIQUE INDEX ${quoteIdent(`ix_${state.name}__unique`)} ON ${state.table} (${state.fields.map((_, i) => `k${i}`).join(', ')})`,
      )
    }
  }

  /** The entries' keys of one document: one array of encoded keys per entry, deduplicated. */
  entryKeys(index: IndexState, doc: Doc): string[][] {
    let combinations: string[][] = [[]]
    let arrayField: string | undefined
    index.fields.forEach((field, position) => {
      const { values, arrays } = valuesAtPath(doc, field.path)
      if (arrays) {
        if (arrayField !== undefined) {
          throw new DatabaseEmulatorError(
            'DATABASE_REQUEST_FAILED',
            `cannot index parallel arrays [${arrayField}] [${field.path}] in index ${index.collection}${describeIndex(index)}`,
          )
        }
        arrayField = field.path
        if (!index.multikey[position]) {
          index.multikey[position] = true
          this.saveMultikey(index)
        }
      }
      const keys = [...new Set(values.map(encodeKey))]
      combinations = combinations.flatMap((prefix) => keys.map((k) => [...prefix, k]))
    })
    if (combinations.length > MAX_ENTRIES_PER_DOCUMENT) {
      throw new DatabaseEmulatorError(
        'DATABASE_REQUEST_FAILED',
        `document ${JSON.stringify(doc._id)} would need ${combinations.length} entries in index ${index.collection}${describeIndex(index)}`,
      )
    }
    return combinations
  }

  private saveMultikey(index: IndexState): void {
    this.statement(`UPDATE ${CATALOG} SET multikey = ? WHERE name = ?`).run(
      JSON.stringify(index.multikey),
      index.name,
    )
  }

  private insertEntries(index: IndexState, id: DocId, doc: Doc): void {
    const placeholders = index.fields.map(() => '?').join(', ')
    const insert = this.statement(`INSERT INTO ${index.table} VALUES (${placeholders}, ?)`)
    for (const keys of this.entryKeys(index, doc)) insert.run(...keys, id)
  }

  /** Keeps every index of the collection in step with a write; run inside the write's transaction. */
  onWrite(collection: string, id: DocId, before: boolean, after: Doc | undefined): void {
    for (const index of this.of(collection)) {
      if (before) this.statement(`DELETE FROM ${index.table} WHERE id = ?`).run(id)
      if (!after) continue
      try {
        this.insertEntries(index, id, after)
      } catch (error) {
        if (isConstraintError(error)) {
          throw new DatabaseEmulatorError(
            'DATABASE_DUPLICATE_WRITE',
            `duplicate key in unique index ${collection}${describeIndex(index)} writing _id ${JSON.stringify(id)}`,
          )
        }
        throw error
      }
    }
  }

  clearCache(): void {
    this.statements.clear()
  }
}
