import type { Db } from '@cloudbase/database'
import type { Viewer } from '../../../src/domain/people/scope'
import type { ExportFilters, ExportFormat, ExportStatus } from '../../../src/domain/exports/contract'
import type { ExportSelection } from '../../../src/domain/exports/selection'
import { checked, firstOf, isDuplicateKey, listOf, updatedCount } from '../db/results'
import type { Runtime } from '../runtime/runtime'
import { exportsSchema } from './collections'

const { collections } = exportsSchema

/** The last case an export has written: the next page starts strictly after it. */
export interface ExportCursor {
  createdAt: string
  id: string
}

/** A stored export (collection `case_export`). */
export interface ExportRecord {
  _id: string
  owner: string
  /** Who asked, as they were then: whose scope and whose view of each case the file follows. */
  viewer: Viewer
  format: ExportFormat
  filters: ExportFilters
  gridId: string
  selection: ExportSelection
  status: ExportStatus
  /** Cases the selection held at the start (the category, if any, is narrowed on the rows). */
  total: number
  /** Cases read so far. */
  done: number
  /** Rows written so far. */
  rows: number
  /** Pages written; every step is conditional on it, so two runs never both write a page. */
  step: number
  cursor: ExportCursor | null
  /** The stored parts (rows of one page each), in order. */
  parts: string[]
  fileName: string
  fileID: string | null
  message: string | null
  createdAt: string
  updatedAt: string
  finishedAt: string | null
}

/** The only code that touches `case_export`. */
export class ExportStore {
  constructor(private readonly db: Db) {}

  private get exports() {
    return this.db.collection(collections.caseExport)
  }

  async get(id: string): Promise<ExportRecord | undefined> {
    return firstOf<ExportRecord>(await this.exports.doc(id).get())
  }

  /** Inserts an export unless one of its id exists: the first one is answered then. */
  async insertOnce(record: ExportRecord): Promise<{ record: ExportRecord; replayed: boolean }> {
    try {
      checked(await this.exports.add(record))
      return { record, replayed: false }
    } catch (error) {
      if (!isDuplicateKey(error)) throw error
      const first = await this.get(record._id)
      if (!first) throw error
      return { record: first, replayed: true }
    }
  }

  /** Moves an export on from the step it was read at; false when another run got there first. */
  async advance(id: string, fromStep: number, change: Partial<ExportRecord>): Promise<boolean> {
    const result = await this.exports.where({ _id: id, step: fromStep, status: 'running' }).update(change)
    return updatedCount(checked(result)) === 1
  }

  /** Running exports, oldest first, for the jobs function. */
  async running(limit: number): Promise<ExportRecord[]> {
    return listOf<ExportRecord>(
      await this.exports
        .where({ status: 'running' })
        .orderBy('createdAt', 'asc')
        .orderBy('_id', 'asc')
        .limit(limit)
        .get(),
    )
  }

  /** A person's latest exports, newest first. */
  async recent(owner: string, limit: number): Promise<ExportRecord[]> {
    return listOf<ExportRecord>(
      await this.exports
        .where({ owner })
        .orderBy('createdAt', 'desc')
        .orderBy('_id', 'desc')
        .limit(limit)
        .get(),
    )
  }
}

const storesByRuntime = new WeakMap<Runtime, ExportStore>()

export function exportStoreFor(runtime: Runtime): ExportStore {
  let store = storesByRuntime.get(runtime)
  if (!store) storesByRuntime.set(runtime, (store = new ExportStore(runtime.db)))
  return store
}
