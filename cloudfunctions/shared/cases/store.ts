import type { Db } from '@cloudbase/database'
import type { CaseEvent, CaseRecord } from '../../../src/domain/case/record'
import { openStatuses } from '../../../src/domain/case/status'
import { caseSchema } from './collections'
import { queueInTransaction, type OutboxEntry } from '../notify/outbox'
import {
  checked,
  firstOf,
  isDuplicateKey,
  isTransactionConflict,
  listOf,
  totalOf,
  type TransactionalDb,
  queryPage,
} from '../db/results'

const { collections } = caseSchema

/** One case's decided change: the case as it was decided on, what changes, and the event that records it. */
export interface CaseChange {
  before: CaseRecord
  patch: Partial<CaseRecord>
  event: CaseEvent
}

export interface BoardQuery {
  gridId: string
  filter: 'all' | 'unclaimed' | 'mine' | 'overdue' | 'escalated'
  /** The caller, for "mine". */
  openid: string
  /** Now as an ISO instant, for "overdue". */
  now: string
}

export type SweepName = 'unclaimed-alert' | 'red-card' | 'yellow-card' | 'unclaimed-escalate' | 'auto-confirm'

/** The instants a sweep compares against, computed by the job from the clock and the policy. */
export interface SweepCut {
  now: string
  alertBefore: string
  escalateBefore: string
  confirmBefore: string
}

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

  /** Several cases in one read by `_id` (a thousand per request), for projections that batch their events. */
  async getMany(caseIds: readonly string[]): Promise<Map<string, CaseRecord>> {
    const unique = [...new Set(caseIds)]
    const found = new Map<string, CaseRecord>()
    for (let start = 0; start < unique.length; start += 1000) {
      const ids = unique.slice(start, start + 1000)
      const rows = listOf<CaseRecord>(
        await this.cases
          .where({ _id: this.db.command.in(ids) })
          .limit(ids.length)
          .get(),
      )
      for (const row of rows) found.set(row._id, asRecord(row))
    }
    return found
  }

  /**
   * Stores a new case, its first event and its notifications in one transaction. The case id is derived
   * from the caller's request id, so a retried submit finds the case there (or collides with it at commit)
   * instead of creating a second one; `inserted: false` then says so and nothing is written.
   */
  async insertWithEvent(
    record: CaseRecord,
    event: CaseEvent,
    notifications: OutboxEntry[],
  ): Promise<{ inserted: boolean }> {
    const db = this.db as unknown as TransactionalDb
    const { _id: caseId, ...fields } = record
    try {
      return await db.runTransaction(async (tx) => {
        if ((await tx.collection(collections.case).doc(caseId).get()).data) return { inserted: false }
        checked(await tx.collection(collections.case).doc(caseId).set(fields))
        checked(await tx.collection(collections.caseEvent).add({ ...event }))
        await queueInTransaction(tx, notifications)
        return { inserted: true }
      }, 0)
    } catch (error) {
      // A concurrent attempt of the same request committed first: it is that request's case.
      if ((isTransactionConflict(error) || isDuplicateKey(error)) && (await this.get(caseId)))
        return { inserted: false }
      throw error
    }
  }

  /**
   * Applies changes decided by the domain (one case, or both sides of a merge), their events and their
   * notifications in one transaction: all land or none. Each case must still be at the event count its
   * change was decided on, so of several concurrent actors exactly one wins and changes to a case
   * serialise; if one has moved on (read here, or a concurrent write detected at commit) nothing is written
   * and `applied: false` asks the caller to decide again on fresh cases.
   */
  async applyChangesTogether(
    changes: CaseChange[],
    notifications: OutboxEntry[],
  ): Promise<{ applied: true; records: CaseRecord[] } | { applied: false }> {
    const db = this.db as unknown as TransactionalDb
    try {
      return await db.runTransaction(async (tx) => {
        const stored: Record<string, unknown>[] = []
        for (const { before } of changes) {
          const doc = (await tx.collection(collections.case).doc(before._id).get()).data
          if (!doc || doc.eventCount !== before.eventCount) return { applied: false as const }
          stored.push(doc)
        }
        const records: CaseRecord[] = []
        for (const [index, { before, patch, event }] of changes.entries()) {
          const guarded = { ...patch, eventCount: before.eventCount + 1, lastHash: event.hash }
          const { _id: _ignored, ...rest } = { ...stored[index], ...guarded }
          // `checked`: the SDK answers some failures with a result carrying a code instead of throwing.
          checked(await tx.collection(collections.case).doc(before._id).set(rest))
          checked(await tx.collection(collections.caseEvent).add({ ...event }))
          records.push({ ...before, ...guarded })
        }
        await queueInTransaction(tx, notifications)
        return { applied: true as const, records }
      }, 0)
    } catch (error) {
      // An event id `<case>#<seq>` already taken means another change to that case committed after this
      // transaction read it: the same lost race as a conflict at commit, whichever the database reports.
      if (isTransactionConflict(error) || isDuplicateKey(error)) return { applied: false }
      throw error
    }
  }

  async trail(caseId: string): Promise<CaseEvent[]> {
    const result = await this.events.where({ caseId }).orderBy('seq', 'asc').limit(1000).get()
    return listOf<CaseEvent>(result)
  }

  /** Cases the person reported or joined, newest first. */
  async listByReporter(reporterId: string, page: number, pageSize: number): Promise<Page<CaseRecord>> {
    const _ = this.db.command
    return this.page(
      _.or([{ reporterId }, { followers: reporterId }]) as unknown as Record<string, unknown>,
      page,
      pageSize,
    )
  }

  /** Open cases of a category inside a bounding box (GCJ-02), for the nearby-duplicates check. */
  async listOpenInBox(
    categoryId: string,
    statuses: readonly string[],
    box: { minLng: number; maxLng: number; minLat: number; maxLat: number },
  ): Promise<CaseRecord[]> {
    const _ = this.db.command
    const result = await this.cases
      .where({
        categoryId,
        status: _.in([...statuses]),
        'location.lng': _.gte(box.minLng).and(_.lte(box.maxLng)),
        'location.lat': _.gte(box.minLat).and(_.lte(box.maxLat)),
      })
      .orderBy('createdAt', 'desc')
      .limit(50)
      .get()
    return listOf<CaseRecord>(result).map(asRecord)
  }

  /** A grid's board, newest first: every case in the grid or below it, narrowed by the board's filter. */
  async listForBoard(spec: BoardQuery, page: number, pageSize: number): Promise<Page<CaseRecord>> {
    const _ = this.db.command
    const { gridId, filter } = spec
    const query: Record<string, unknown> = { gridPath: gridId }
    if (filter === 'unclaimed') query.status = 'pending'
    if (filter === 'mine') query['claim.userId'] = spec.openid
    if (filter === 'overdue') {
      query.status = _.in([...openStatuses])
      query.deadlineAt = _.lt(spec.now)
      // Longest overdue first: the order the index on the deadline gives.
      return this.page(query, page, pageSize, [
        ['deadlineAt', 'asc'],
        ['_id', 'asc'],
      ])
    }
    if (filter === 'escalated') {
      // Escalated to this grid: it sits here, away from the grid it was first routed to (one below).
      return this.page({ gridId, awayFromOrigin: true }, page, pageSize)
    }
    return this.page(query, page, pageSize)
  }

  /** The oldest-touched cases a timer sweep may act on now; the act itself re-checks each one. */
  async sweepCandidates(sweep: SweepName, cut: SweepCut, limit: number): Promise<CaseRecord[]> {
    const _ = this.db.command
    const open = _.in([...openStatuses])
    // Each sweep reads its most urgent cases first, in the order of the field its range is on.
    const queries: Record<SweepName, [Record<string, unknown>, string]> = {
      'unclaimed-alert': [
        { status: 'pending', unclaimedAlertAt: null, waitingSince: _.lt(cut.alertBefore) },
        'waitingSince',
      ],
      'red-card': [
        { status: open, card: _.in(['none', 'yellow']), deadlineAt: _.lte(cut.now) },
        'deadlineAt',
      ],
      'yellow-card': [{ status: open, card: 'none', deadlineAt: _.gt(cut.now) }, 'deadlineAt'],
      'unclaimed-escalate': [{ status: 'pending', waitingSince: _.lt(cut.escalateBefore) }, 'waitingSince'],
      'auto-confirm': [{ status: 'verified', verifiedAt: _.lte(cut.confirmBefore) }, 'verifiedAt'],
    }
    const [query, field] = queries[sweep]
    const result = await this.cases
      .where(query)
      .orderBy(field, 'asc')
      .orderBy('_id', 'asc')
      .limit(limit)
      .get()
    return listOf<CaseRecord>(result).map(asRecord)
  }

  /** Cards counted against these grids: the yellow and red card events ever given to them. */
  async countCards(gridIds: string[]): Promise<{ yellow: number; red: number }> {
    const _ = this.db.command
    const [yellow, red] = await Promise.all([
      this.events.where({ type: 'yellow-card', gridId: _.in(gridIds) }).count(),
      this.events.where({ type: 'red-card', gridId: _.in(gridIds) }).count(),
    ])
    return { yellow: totalOf(yellow), red: totalOf(red) }
  }

  /** Open cases in a grid or below it whose deadline has passed. */
  async countOpenOverdue(gridId: string, now: string): Promise<number> {
    const _ = this.db.command
    const result = await this.cases
      .where({ gridPath: gridId, status: _.in([...openStatuses]), deadlineAt: _.lt(now) })
      .count()
    return totalOf(result)
  }

  /**
   * Case events in time order from `at` on (inclusive), for projections that follow the trail with a cursor.
   * `afterId` pages through more events than a batch that share one instant.
   */
  async eventsFrom(at: string, limit: number, afterId?: string): Promise<CaseEvent[]> {
    const _ = this.db.command
    const result =
      afterId === undefined
        ? await this.events
            .where({ at: _.gte(at) })
            .orderBy('at', 'asc')
            .orderBy('_id', 'asc')
            .limit(limit)
            .get()
        : await this.events
            .where({ at, _id: _.gt(afterId) })
            .orderBy('_id', 'asc')
            .limit(limit)
            .get()
    return listOf<CaseEvent>(result)
  }

  private async page(
    query: Record<string, unknown>,
    page: number,
    pageSize: number,
    // Newest first; cases created in the same instant are told apart by id.
    order: Array<[string, 'asc' | 'desc']> = [
      ['createdAt', 'desc'],
      ['_id', 'desc'],
    ],
  ): Promise<Page<CaseRecord>> {
    const { items, total } = await queryPage<CaseRecord>(this.cases, query, order, page, pageSize)
    return { items: items.map(asRecord), total }
  }
}
