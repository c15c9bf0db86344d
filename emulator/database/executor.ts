/**
 * Runs planned reads (planner.ts) against the index tables: an exact single scan pages and counts in
 * SQL alone; several ordered scans (`$in` on a leading field, `$or`) are merged in sort order, reading
 * each in chunks; anything else collects its candidates from the index, re-checks them with mingo and
 * sorts in memory, as MongoDB's blocking sort does.
 */
import { Query } from 'mingo'
import { decodeStored, type Doc, type DocId } from './codec'
import { compareKeys } from './index-keys'
import { buildPrefilter } from './pushdown'
import { planQuery, type IndexScan, type QueryPlan, type SortSpec } from './planner'
import { allFields, selectFields, tableOf, type FieldSelection, type SqliteStore } from './store'
import { tieKey } from './tie-order'

export const MINGO_OPTIONS = { idKey: '_id', scriptEnabled: false }

export interface Matched {
  id: DocId
  raw: string
  doc: Doc
}

interface EntryRow {
  id: DocId
  sortKeys: string[]
  tie: number
}

export function compileFilter(query: Record<string, unknown>): (doc: Doc) => boolean {
  if (Object.keys(query).length === 0) return () => true
  const compiled = new Query(query, MINGO_OPTIONS)
  return (doc) => compiled.test(doc)
}

function idKey(id: DocId): string {
  return `${typeof id}:${String(id)}`
}

/** Sorted rows whose keys tie come back in an order drawn per request (never insertion order). */
export function tieOrder(docs: Doc[], salt: number): Doc[] {
  return docs
    .map((doc) => ({ doc, key: tieKey(salt, doc._id) }))
    .sort((a, b) => a.key - b.key)
    .map((entry) => entry.doc)
}

function sortInMemory(docs: Doc[], sort: SortSpec, salt: number): Doc[] {
  if (sort.length === 0) return docs
  // mingo's sort is stable: shuffling first decides the order of ties.
  return new Query({}, MINGO_OPTIONS).find<Doc>(tieOrder(docs, salt)).sort(Object.fromEntries(sort)).all()
}

/** Reads one ordered scan in chunks; the SQL is re-run with a larger offset when a chunk is used up. */
class ScanCursor {
  private buffer: EntryRow[] = []
  private position = 0
  private offset = 0
  private done = false

  constructor(
    private readonly store: SqliteStore,
    private readonly scan: IndexScan,
    private readonly sql: string,
    private readonly params: unknown[],
    private readonly chunk: number,
  ) {}

  get exact(): boolean {
    return this.scan.exact
  }

  head(): EntryRow | undefined {
    if (this.position < this.buffer.length) return this.buffer[this.position]
    if (this.done) return undefined
    const rows = this.store.select<Record<string, unknown>>(this.sql, [
      ...this.params,
      this.chunk,
      this.offset,
    ])
    this.offset += rows.length
    if (rows.length < this.chunk) this.done = true
    this.buffer = rows.map((row) => ({
      id: row.id as DocId,
      sortKeys: this.scan.sortColumns.map((c) => row[`k${c}`] as string),
      tie: row.tie as number,
    }))
    this.position = 0
    return this.buffer[0]
  }

  advance(): void {
    this.position++
  }
}

/** SQLite's limit on the SELECTs of one compound statement (SQLITE_MAX_COMPOUND_SELECT). */
const MAX_COMPOUND_SELECT = 500

export class QueryExecutor {
  constructor(
    private readonly store: SqliteStore,
    private readonly requireIndexes: boolean,
  ) {}

  plan(collection: string, query: Record<string, unknown>, sort: SortSpec): QueryPlan {
    return planQuery(collection, query, sort, this.store.indexesOf(collection), this.requireIndexes)
  }

  private orderedSql(scan: IndexScan, sort: SortSpec, salt: number): { sql: string; params: unknown[] } {
    const columns = scan.index.fields.map((_, i) => `k${i}`).join(', ')
    const order = (scan.orderColumns ?? []).map((o) => `k${o.column}${o.descending ? ' DESC' : ''}`)
    const total = sort.some(([field]) => field === '_id')
    const tie = sort.length > 0 && !total
    if (tie) order.push('bg_tie(?, id)')
    const orderBy = order.length === 0 ? '' : ` ORDER BY ${order.join(', ')}`
    const tieColumn = tie ? ', bg_tie(?, id) AS tie' : ''
    return {
      sql: `SELECT ${columns}, id${tieColumn} FROM ${scan.index.table}${scan.where}${orderBy} LIMIT ? OFFSET ?`,
      params: [...(tie ? [salt] : []), ...scan.params, ...(tie ? [salt] : [])],
    }
  }

  private fetchInOrder(collection: string, ids: DocId[], selection: FieldSelection): Doc[] {
    const raws = this.store.getMany(collection, ids, selection)
    const docs: Doc[] = []
    for (const id of ids) {
      const raw = raws.get(id)
      if (raw !== undefined) docs.push(decodeStored(raw))
    }
    return docs
  }

  /** Every document the plan may match, re-checked against the whole query. */
  private candidates(collection: string, query: Record<string, unknown>, plan: QueryPlan): Matched[] {
    const test = compileFilter(query)
    if (plan.kind === 'collection-scan') {
      return this.store
        .scan(collection, buildPrefilter(query))
        .map((row) => ({ id: row.id, raw: row.raw, doc: decodeStored(row.raw) }))
        .filter((m) => test(m.doc))
    }
    const ids = new Map<string, DocId>()
    for (const branch of plan.branches) {
      if (branch.kind === 'ids') {
        for (const id of branch.ids)
          if (typeof id === 'string' || typeof id === 'number') ids.set(idKey(id), id)
        continue
      }
      for (const scan of branch.scans) {
        const rows = this.store.select<{ id: DocId }>(
          `SELECT DISTINCT id FROM ${scan.index.table}${scan.where}`,
          scan.params,
        )
        for (const row of rows) ids.set(idKey(row.id), row.id)
      }
    }
    const list = [...ids.values()]
    const raws = this.store.getMany(collection, list)
    const matched: Matched[] = []
    for (const id of list) {
      const raw = raws.get(id)
      if (raw === undefined) continue
      const doc = decodeStored(raw)
      if (test(doc)) matched.push({ id, raw, doc })
    }
    return matched
  }

  /** All matches, for a write: no order promised. */
  matchAll(collection: string, query: Record<string, unknown>): Matched[] {
    this.store.assertCollection(collection)
    return this.candidates(collection, query, this.plan(collection, query, []))
  }

  find(
    collection: string,
    query: Record<string, unknown>,
    sort: SortSpec,
    offset: number,
    limit: number,
    salt: number,
    selection: FieldSelection = allFields,
  ): Doc[] {
    this.store.assertCollection(collection)
    const plan = this.plan(collection, query, sort)
    if (plan.kind === 'collection-scan' || !plan.ordered) {
      const docs = sortInMemory(
        this.candidates(collection, query, plan).map((m) => m.doc),
        sort,
        salt,
      ).slice(offset, offset + limit)
      return docs.map((doc) => selectFields(doc, selection) as Doc)
    }
    const scans = plan.branches.flatMap((b) => (b.kind === 'scan' ? b.scans : []))
    const only = scans.length === 1 ? scans[0] : undefined
    const [branch] = plan.branches
    // One exact scan, or disjoint exact scans of one index: SQL alone pages them.
    const paged =
      only && only.exact && only.duplicateFree
        ? this.orderedSql(only, sort, salt)
        : plan.branches.length === 1 &&
            branch?.kind === 'scan' &&
            branch.disjoint &&
            scans.length <= MAX_COMPOUND_SELECT &&
            scans.every((scan) => scan.exact && scan.duplicateFree)
          ? this.unionSql(scans, sort, salt)
          : undefined
    if (paged) {
      const rows = this.store.select<{ id: DocId }>(paged.sql, [
        ...paged.params,
        Number.isFinite(limit) ? limit : -1,
        offset,
      ])
      return this.fetchInOrder(
        collection,
        rows.map((row) => row.id),
        selection,
      )
    }
    return this.merge(collection, query, scans, sort, offset, limit, salt, selection)
  }

  /**
   * Disjoint exact scans of one index (a `$in` on a plain field) as one compound SELECT: SQLite merges the
   * scans, each read in index order, and stops after the page, where merging here would read every scan
   * up to the page's end.
   */
  private unionSql(scans: IndexScan[], sort: SortSpec, salt: number): { sql: string; params: unknown[] } {
    const first = scans[0]!
    const columns = first.index.fields.map((_, i) => `k${i}`).join(', ')
    const tie = sort.length > 0 && !sort.some(([field]) => field === '_id')
    const parts = scans.map(
      (scan) =>
        `SELECT ${columns}, id${tie ? ', bg_tie(?, id) AS tie' : ''} FROM ${scan.index.table}${scan.where}`,
    )
    const order = sort.map(([, direction], i) => `k${first.sortColumns[i]}${direction === -1 ? ' DESC' : ''}`)
    if (tie) order.push('tie')
    const orderBy = order.length === 0 ? '' : ` ORDER BY ${order.join(', ')}`
    return {
      sql: `${parts.join(' UNION ALL ')}${orderBy} LIMIT ? OFFSET ?`,
      params: scans.flatMap((scan) => [...(tie ? [salt] : []), ...scan.params]),
    }
  }

  private merge(
    collection: string,
    query: Record<string, unknown>,
    scans: IndexScan[],
    sort: SortSpec,
    offset: number,
    limit: number,
    salt: number,
    selection: FieldSelection,
  ): Doc[] {
    const chunk = Math.min(Math.max(64, offset + limit), 5000)
    const cursors = scans.map((scan) => {
      const { sql, params } = this.orderedSql(scan, sort, salt)
      return new ScanCursor(this.store, scan, sql, params, chunk)
    })
    const tied = !sort.some(([field]) => field === '_id') && sort.length > 0
    const compare = (a: EntryRow, b: EntryRow): number => {
      for (let i = 0; i < sort.length; i++) {
        const c = compareKeys(a.sortKeys[i] ?? '', b.sortKeys[i] ?? '')
        if (c !== 0) return sort[i]?.[1] === -1 ? -c : c
      }
      return tied ? a.tie - b.tie : 0
    }
    const test = compileFilter(query)
    const seen = new Set<string>()
    const picked: DocId[] = []
    let skipped = 0
    while (picked.length < limit) {
      let best: ScanCursor | undefined
      let bestRow: EntryRow | undefined
      for (const cursor of cursors) {
        const row = cursor.head()
        if (row && (!bestRow || compare(row, bestRow) < 0)) {
          best = cursor
          bestRow = row
        }
      }
      if (!best || !bestRow) break
      best.advance()
      const key = idKey(bestRow.id)
      if (seen.has(key)) continue
      seen.add(key)
      if (!best.exact) {
        const raw = this.store.getRaw(collection, bestRow.id)
        if (raw === undefined || !test(decodeStored(raw))) continue
      }
      if (skipped < offset) skipped++
      else picked.push(bestRow.id)
    }
    return this.fetchInOrder(collection, picked, selection)
  }

  private countOf(sql: string, params: readonly unknown[]): number {
    return this.store.select<{ n: number }>(sql, params)[0]?.n ?? 0
  }

  count(collection: string, query: Record<string, unknown>): number {
    this.store.assertCollection(collection)
    const plan = this.plan(collection, query, [])
    if (plan.kind === 'collection-scan' && Object.keys(query).length === 0) {
      return this.countOf(`SELECT COUNT(*) AS n FROM ${tableOf(collection)}`, [])
    }
    if (
      plan.kind === 'branches' &&
      plan.branches.every((b) => b.kind === 'scan' && b.scans.every((s) => s.exact))
    ) {
      const scans = plan.branches.flatMap((b) => (b.kind === 'scan' ? b.scans : []))
      const [branch] = plan.branches
      const disjoint =
        plan.branches.length === 1 &&
        branch?.kind === 'scan' &&
        branch.disjoint &&
        scans.every((s) => s.duplicateFree)
      const only = scans.length === 1 ? scans[0] : undefined
      if (only && only.duplicateFree) {
        return this.countOf(`SELECT COUNT(*) AS n FROM ${only.index.table}${only.where}`, only.params)
      }
      if (disjoint) {
        return scans.reduce(
          (sum, scan) =>
            sum + this.countOf(`SELECT COUNT(*) AS n FROM ${scan.index.table}${scan.where}`, scan.params),
          0,
        )
      }
      const union = scans.map((scan) => `SELECT id FROM ${scan.index.table}${scan.where}`).join(' UNION ALL ')
      return this.countOf(
        `SELECT COUNT(DISTINCT id) AS n FROM (${union})`,
        scans.flatMap((scan) => scan.params),
      )
    }
    return this.candidates(collection, query, plan).length
  }
}
