import type { Db } from '@cloudbase/database'
import { nodeSheetSchema, type NodeSheet } from '../../../src/domain/reports/overview'
import { periodKindOf } from '../../../src/domain/shared/time'
import { checked, firstOf, listOf, updatedCount } from '../db/results'
import type { Runtime } from '../runtime/runtime'
import { reportsSchema } from './collections'

const { collections } = reportsSchema

/**
 * A stats document: the figures of a home node and every node below it for one period, and `upTo`, the
 * feed position of the last case event counted in it. Every write moves `upTo` on, guarded by the value it
 * was read at, so an event is counted in a document exactly once however often a batch is repeated.
 */
export interface StatsDoc {
  _id: string
  home: string
  period: string
  periodKind: string
  upTo: string
  updatedAt: string
  n: Record<string, NodeSheet>
}

/** The document a batch inserts: its figures as nested values, at the position of the last event in it. */
export function newStatsDoc(
  id: string,
  home: string,
  period: string,
  fields: Map<string, number>,
  upTo: string,
  now: Date,
): StatsDoc {
  const n: Record<string, unknown> = {}
  for (const [path, value] of [...fields, ...stampsOf(fields, now)]) {
    const segments = path.split('.').slice(1)
    let node = n
    for (const segment of segments.slice(0, -1)) node = (node[segment] ??= {}) as Record<string, unknown>
    node[segments[segments.length - 1]!] = value
  }
  return {
    _id: id,
    home,
    period,
    periodKind: periodKindOf(period) ?? '',
    upTo,
    updatedAt: now.toISOString(),
    n: n as Record<string, NodeSheet>,
  }
}

/** When each node a write touches last changed (`n.<node>.u`), for the overview to say. */
function stampsOf(fields: Map<string, number>, now: Date): Array<[string, string]> {
  const nodes = new Set([...fields.keys()].map((path) => path.split('.')[1]!))
  return [...nodes].map((node) => [`n.${node}.u`, now.toISOString()])
}

/** The only code that touches `stats_period`. */
export class StatsStore {
  constructor(private readonly db: Db) {}

  private get sheets() {
    return this.db.collection(collections.statsPeriod)
  }

  /** How far each existing document counts (its `upTo`), by id; a thousand per request, figures left out. */
  async positions(ids: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>()
    for (let start = 0; start < ids.length; start += 1000) {
      const chunk = ids.slice(start, start + 1000)
      const docs = listOf<{ _id: string; upTo: string }>(
        await this.sheets
          .where({ _id: this.db.command.in([...chunk]) })
          .field({ _id: true, upTo: true })
          .limit(chunk.length)
          .get(),
      )
      for (const doc of docs) found.set(doc._id, doc.upTo)
    }
    return found
  }

  /** New documents in one request (a thousand at most); one that exists already fails the whole write. */
  async insert(docs: readonly StatsDoc[]): Promise<void> {
    for (let start = 0; start < docs.length; start += 1000)
      checked(await this.sheets.add(docs.slice(start, start + 1000) as StatsDoc[]))
  }

  /**
   * Adds to a document's figures and moves its position from `from` to `to`, in one update that holds only
   * while the document is still at `from`; false when another run moved it first.
   */
  async advance(
    id: string,
    from: string,
    to: string,
    fields: Map<string, number>,
    now: Date,
  ): Promise<boolean> {
    const _ = this.db.command
    const data: Record<string, unknown> = { upTo: to, updatedAt: now.toISOString() }
    for (const [path, amount] of fields) data[path] = _.inc(amount)
    for (const [path, stamp] of stampsOf(fields, now)) data[path] = stamp
    return updatedCount(await this.sheets.where({ _id: id, upTo: from }).update(data)) === 1
  }

  /**
   * Whole documents by id, a thousand per request (the assessment reads a district's streets for a month
   * in one): each node's sheet, and when the document last changed. Ids never counted are absent.
   */
  async documents(
    ids: readonly string[],
  ): Promise<Map<string, { n: Record<string, unknown>; updatedAt: string }>> {
    const found = new Map<string, { n: Record<string, unknown>; updatedAt: string }>()
    for (let start = 0; start < ids.length; start += 1000) {
      const chunk = ids.slice(start, start + 1000)
      const docs = listOf<{ _id: string; n?: Record<string, unknown>; updatedAt: string }>(
        await this.sheets
          .where({ _id: this.db.command.in([...chunk]) })
          .field({ _id: true, n: true, updatedAt: true })
          .limit(chunk.length)
          .get(),
      )
      for (const doc of docs) found.set(doc._id, { n: doc.n ?? {}, updatedAt: doc.updatedAt })
    }
    return found
  }

  /**
   * Some nodes' sheets in some documents, in one request (ids and nodes a few dozen each): only those
   * nodes' figures are read, not the whole street. Documents never counted, and nodes absent, are absent.
   */
  async nodeSheets(
    ids: readonly string[],
    nodeIds: readonly string[],
  ): Promise<Map<string, Map<string, NodeSheet>>> {
    const fields: Record<string, true> = { _id: true }
    for (const nodeId of nodeIds) fields[`n.${nodeId}`] = true
    const docs = listOf<{ _id: string; n?: Record<string, unknown> }>(
      await this.sheets
        .where({ _id: this.db.command.in([...ids]) })
        .field(fields)
        .limit(ids.length)
        .get(),
    )
    const found = new Map<string, Map<string, NodeSheet>>()
    for (const doc of docs) {
      const sheets = new Map<string, NodeSheet>()
      for (const [nodeId, stored] of Object.entries(doc.n ?? {})) {
        const parsed = nodeSheetSchema.safeParse(stored)
        if (parsed.success) sheets.set(nodeId, parsed.data)
      }
      found.set(doc._id, sheets)
    }
    return found
  }

  /**
   * Several nodes' figures, each from its own document, in one request (a district's streets each live in
   * their street's document, a street's communities share one). Nodes never counted are absent.
   */
  async sheetsOf(wanted: ReadonlyArray<{ docId: string; nodeId: string }>): Promise<Map<string, NodeSheet>> {
    const found = new Map<string, NodeSheet>()
    if (wanted.length === 0) return found
    const byDoc = await this.nodeSheets(
      [...new Set(wanted.map((entry) => entry.docId))],
      [...new Set(wanted.map((entry) => entry.nodeId))],
    )
    for (const { docId, nodeId } of wanted) {
      const sheet = byDoc.get(docId)?.get(nodeId)
      if (sheet) found.set(nodeId, sheet)
    }
    return found
  }

  /** One node's figures in one document, and when they last changed; nothing when never counted. */
  async sheetOf(
    id: string,
    nodeId: string,
  ): Promise<{ sheet: NodeSheet | undefined; updatedAt: string | null }> {
    const doc = firstOf<{ n?: Record<string, { u?: unknown }> }>(
      await this.sheets
        .doc(id)
        .field({ [`n.${nodeId}`]: true })
        .get(),
    )
    const stored = doc?.n?.[nodeId]
    const parsed = nodeSheetSchema.safeParse(stored ?? {})
    return {
      sheet: parsed.success ? parsed.data : undefined,
      updatedAt: typeof stored?.u === 'string' ? stored.u : null,
    }
  }
}

const storesByRuntime = new WeakMap<Runtime, StatsStore>()

/** The desk's store, kept for the runtime's lifetime like every other store. */
export function statsStoreFor(runtime: Runtime): StatsStore {
  let store = storesByRuntime.get(runtime)
  if (!store) storesByRuntime.set(runtime, (store = new StatsStore(runtime.db)))
  return store
}
