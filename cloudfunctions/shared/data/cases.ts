import type { Db } from '@cloudbase/database'
import type { CaseEvent, CaseRecord } from '../../../src/domain/case'
import { collections } from './collections'
import { checked, firstOf, isDuplicateKey, listOf, totalOf, updatedCount } from './results'

export interface Page<T> {
  items: T[]
  total: number
}

/** Strips the database's own fields so records compare and serialise cleanly. */
function asRecord(doc: CaseRecord & { _openid?: string }): CaseRecord {
  const { _openid: _ignored, ...record } = doc
  return record
}

export class CaseStore {
  constructor(private readonly db: Db) {}

  private get cases() {
    return this.db.collection(collections.case)
  }

  private get events() {
    return this.db.collection(collections.caseEvent)
  }

  async get(caseId: string): Promise<CaseRecord | undefined> {
    const doc = firstOf<CaseRecord>(await this.cases.doc(caseId).get())
    return doc ? asRecord(doc) : undefined
  }

  /**
   * Stores a new case and its first event. The case id is derived from the caller's request id, so a
   * retried submit collides on `_id` instead of creating a second case; `inserted: false` then says so.
   * If the event cannot be written the case is removed again, so no case exists without its trail.
   */
  async insertWithEvent(record: CaseRecord, event: CaseEvent): Promise<{ inserted: boolean }> {
    try {
      checked(await this.cases.add(record))
    } catch (error) {
      if (isDuplicateKey(error)) return { inserted: false }
      throw error
    }
    try {
      checked(await this.events.add(event))
    } catch (error) {
      await this.cases.doc(record._id).remove()
      throw error
    }
    return { inserted: true }
  }

  /**
   * Applies a status change decided by the domain: one conditional write guarded by the status and
   * `updatedAt` the decision was made on, so of several concurrent actors exactly one wins. The event
   * is appended after the win; should that fail, the case is put back as it was.
   */
  async applyChange(
    before: CaseRecord,
    patch: Partial<CaseRecord>,
    event: CaseEvent,
  ): Promise<{ applied: true; record: CaseRecord } | { applied: false }> {
    const guard = { _id: before._id, status: before.status, updatedAt: before.updatedAt }
    const result = await this.cases.where(guard).update(patch)
    if (updatedCount(result) !== 1) return { applied: false }
    try {
      checked(await this.events.add(event))
    } catch (error) {
      const restore: Partial<CaseRecord> = {}
      for (const key of Object.keys(patch) as (keyof CaseRecord)[]) {
        Object.assign(restore, { [key]: before[key] })
      }
      await this.cases.where({ _id: before._id, updatedAt: patch.updatedAt }).update(restore)
      throw error
    }
    return { applied: true, record: { ...before, ...patch } }
  }

  async trail(caseId: string): Promise<CaseEvent[]> {
    const result = await this.events.where({ caseId }).orderBy('seq', 'asc').limit(1000).get()
    return listOf<CaseEvent>(result)
  }

  async lastEventSeq(caseId: string): Promise<number> {
    const last = firstOf<CaseEvent>(await this.events.where({ caseId }).orderBy('seq', 'desc').limit(1).get())
    return last?.seq ?? -1
  }

  async listByReporter(reporterId: string, page: number, pageSize: number): Promise<Page<CaseRecord>> {
    return this.page({ reporterId }, page, pageSize)
  }

  async listForBoard(query: Record<string, unknown>, page: number, pageSize: number): Promise<Page<CaseRecord>> {
    return this.page(query, page, pageSize)
  }

  private async page(query: Record<string, unknown>, page: number, pageSize: number): Promise<Page<CaseRecord>> {
    const [rows, count] = await Promise.all([
      this.cases
        .where(query)
        .orderBy('createdAt', 'desc')
        .skip((page - 1) * pageSize)
        .limit(pageSize)
        .get(),
      this.cases.where(query).count(),
    ])
    return { items: listOf<CaseRecord>(rows).map(asRecord), total: totalOf(count) }
  }
}
