import type { Db } from '@cloudbase/database'
import type { CaseEvent, CaseRecord } from '../../../src/domain/case/record'
import type { CaseScopeFacts } from '../../../src/domain/case/visibility'
import { openStatuses, type CaseStatus } from '../../../src/domain/case/status'
import type { SupervisionFilter } from '../../../src/domain/supervision/contract'
import type { ExportSelection } from '../../../src/domain/exports/selection'
import { placeCellsCovering } from '../../../src/domain/shared/geo'
import { caseSchema } from './collections'
import type { OutboxEntry } from '../notify/outbox'
import {
  checked,
  firstOf,
  isDuplicateKey,
  listOf,
  totalOf,
  updatedCount,
  insertOnce,
  queryPage,
  type PageRead,
} from '../db/results'

const { collections } = caseSchema

/** One case's decided change: the case as it was decided on, what changes, and the event that records it. */
export interface CaseChange {
  before: CaseRecord
  patch: Partial<CaseRecord>
  event: CaseEvent
}

/** A case with its trail, as one read of its document gives them. */
export interface CaseWithTrail {
  record: CaseRecord
  trail: CaseEvent[]
}

/**
 * A case document as the relay reads it: the record, its trail, and what is still to be copied out (the
 * events from `relayedCount` on, and the notifications they queued).
 */
export interface RelayItem extends CaseWithTrail {
  relayedCount: number
  notices: OutboxEntry[]
}

/** An event as the projections read it from `case_event`: stamped with when the relay copied it there. */
export type FeedEvent = CaseEvent & { feedAt: string }

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

export type Page<T> = PageRead<T>

/**
 * What the case document holds besides the record. The trail lives on the case, so an act is one
 * conditional write of the case with its new event and notifications; the relay job later copies events to
 * `case_event` and notifications to the outbox (both keyed, so copying twice changes nothing).
 */
interface StorageFields {
  trail: CaseEvent[]
  /** Notifications of events the relay has not copied out yet. */
  notices: OutboxEntry[]
  /** Events with `seq` below this are in `case_event`, with their notifications in the outbox. */
  relayedCount: number
  /** `relayedCount < eventCount`, as a field the relay's index can find. */
  relayPending: boolean
}
type StoredCase = CaseRecord & StorageFields & { _openid?: string }

/** Large fields a list never shows, left out of list reads. */
const listExclusions = ['trail', 'notices', 'figureMarks'] as const
const listFields = Object.fromEntries(listExclusions.map((name) => [name, false]))
/** Newest open cases read for a nearby search; its cells cover more than its box, so some fall outside. */
const nearbyCandidateLimit = 100

/** What a nearby search reads of each candidate: its place, and what decides whether the caller may see it. */
export type NearbyCandidate = Pick<CaseRecord, '_id' | 'location'> & CaseScopeFacts
const nearbyCandidateFields: Record<keyof NearbyCandidate, true> = {
  _id: true,
  location: true,
  reporterId: true,
  followers: true,
  claim: true,
  jointHandlers: true,
  gridId: true,
  originGridId: true,
  anonymous: true,
  screening: true,
}

/** The record alone: the database's and the storage's own fields stripped, so records compare cleanly. */
function asRecord(doc: Partial<StoredCase>): CaseRecord {
  const {
    _openid: _owner,
    trail: _trail,
    notices: _notices,
    relayedCount: _relayed,
    relayPending: _pending,
    ...record
  } = doc
  return record as CaseRecord
}

/**
 * The document a case with its whole trail is stored as, everything already copied out: for loaders that
 * write a generated history straight into the database.
 */
export function relayedCaseDocument(record: CaseRecord, trail: CaseEvent[]): CaseRecord & StorageFields {
  return { ...record, trail, notices: [], relayedCount: trail.length, relayPending: false }
}

function withTrail(doc: StoredCase): CaseWithTrail {
  return { record: asRecord(doc), trail: [...(doc.trail ?? [])].sort((a, b) => a.seq - b.seq) }
}

/** What a map marker needs of a case. */
export type MapMarkerRow = Pick<
  CaseRecord,
  '_id' | 'caseNo' | 'status' | 'categoryId' | 'location' | 'deadlineAt' | 'createdAt'
>
const mapMarkerFields = {
  _id: true,
  caseNo: true,
  status: true,
  categoryId: true,
  location: true,
  deadlineAt: true,
  createdAt: true,
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
    return (await this.getWithTrail(caseId))?.record
  }

  /** The case and its whole trail in one read. */
  async getWithTrail(caseId: string): Promise<CaseWithTrail | undefined> {
    const doc = firstOf<StoredCase>(await this.cases.doc(caseId).get())
    return doc ? withTrail(doc) : undefined
  }

  /** The case, its trail, and the copies of its events in `case_event`, for checking the two agree. */
  async withCopies(
    caseId: string,
  ): Promise<(CaseWithTrail & { copies: FeedEvent[]; relayedCount: number }) | undefined> {
    const doc = firstOf<StoredCase>(await this.cases.doc(caseId).get())
    if (!doc) return undefined
    const copies = listOf<FeedEvent>(
      await this.events.where({ caseId }).orderBy('seq', 'asc').limit(1000).get(),
    )
    return { ...withTrail(doc), copies, relayedCount: doc.relayedCount ?? 0 }
  }

  /** Several cases with their trails in one read by `_id` (a thousand per request). */
  async getManyWithTrail(caseIds: readonly string[]): Promise<Map<string, CaseWithTrail>> {
    const docs = await this.readByIds(caseIds)
    return new Map(docs.map((doc) => [doc._id, withTrail(doc)]))
  }

  /** Several cases in one read by `_id` (a thousand per request), for projections that batch their events. */
  async getMany(caseIds: readonly string[]): Promise<Map<string, CaseRecord>> {
    const docs = await this.readByIds(caseIds, listFields)
    return new Map(docs.map((doc) => [doc._id, asRecord(doc)]))
  }

  private async readByIds(
    caseIds: readonly string[],
    fields?: Record<string, boolean>,
  ): Promise<StoredCase[]> {
    const unique = [...new Set(caseIds)]
    const docs: StoredCase[] = []
    for (let start = 0; start < unique.length; start += 1000) {
      const ids = unique.slice(start, start + 1000)
      const query = this.cases.where({ _id: this.db.command.in(ids) })
      docs.push(...listOf<StoredCase>(await (fields ? query.field(fields) : query).limit(ids.length).get()))
    }
    return docs
  }

  /**
   * Stores a new case with its first event and its notifications: one insert by `_id`. The case id is
   * derived from the caller's request id, so a retried submit collides with the first instead of creating
   * a second case; `inserted: false` then says so and nothing is written.
   */
  async insertNew(
    record: CaseRecord,
    event: CaseEvent,
    notices: OutboxEntry[],
  ): Promise<{ inserted: boolean }> {
    const doc: StoredCase = { ...record, trail: [event], notices, relayedCount: 0, relayPending: true }
    try {
      checked(await this.cases.add(doc))
      return { inserted: true }
    } catch (error) {
      if (isDuplicateKey(error)) return { inserted: false }
      throw error
    }
  }

  /**
   * Applies one change decided by the domain, with its event and notifications, in one conditional write:
   * valid only while the case is still at the event count the change was decided on. Of several concurrent
   * actors exactly one matches; the others get `applied: false` and decide again on the fresh case.
   */
  async applyChange(
    { before, patch, event }: CaseChange,
    notices: OutboxEntry[],
  ): Promise<{ applied: true; record: CaseRecord } | { applied: false }> {
    const _ = this.db.command
    const data: Record<string, unknown> = {}
    const after: Record<string, unknown> = { ...before }
    for (const [field, value] of Object.entries(patch)) {
      // `set`, not a plain value: the SDK would merge a plain object into the stored one field by field.
      data[field] = value === undefined ? _.remove() : _.set(value)
      if (value === undefined) delete after[field]
      else after[field] = value
    }
    const guarded = { eventCount: before.eventCount + 1, lastHash: event.hash }
    Object.assign(data, guarded, { relayPending: true, trail: _.push({ each: [event] }) })
    if (notices.length > 0) data.notices = _.push({ each: notices })
    const result = await this.cases.where({ _id: before._id, eventCount: before.eventCount }).update(data)
    if (updatedCount(result) !== 1) return { applied: false }
    return { applied: true, record: { ...(after as CaseRecord), ...guarded } }
  }

  /** Cases whose latest events or notifications are still to be copied out, by id, after `afterId`. */
  async relayBacklog(limit: number, afterId?: string): Promise<RelayItem[]> {
    const _ = this.db.command
    const query = afterId === undefined ? { relayPending: true } : { relayPending: true, _id: _.gt(afterId) }
    const docs = listOf<StoredCase>(await this.cases.where(query).orderBy('_id', 'asc').limit(limit).get())
    return docs.map((doc) => ({ ...withTrail(doc), relayedCount: doc.relayedCount, notices: doc.notices }))
  }

  /**
   * Marks cases as copied out up to the event count the relay read, one request per distinct count. A case
   * that took another act meanwhile does not match and stays in the backlog, with its newer notifications.
   */
  async markRelayed(items: Array<{ caseId: string; eventCount: number }>): Promise<void> {
    const _ = this.db.command
    const byCount = new Map<number, string[]>()
    for (const { caseId, eventCount } of items)
      byCount.set(eventCount, [...(byCount.get(eventCount) ?? []), caseId])
    for (const [eventCount, ids] of byCount) {
      checked(
        await this.cases
          .where({ _id: _.in(ids), eventCount })
          .update({ relayedCount: eventCount, relayPending: false, notices: _.set([]) }),
      )
    }
  }

  /**
   * Copies events to `case_event`, stamped with `feedAt`, in one batch insert; events copied before (a run
   * that stopped before marking its cases) are left as they are.
   */
  async appendToFeed(events: CaseEvent[], feedAt: string): Promise<void> {
    await insertOnce(
      this.events,
      this.db.command,
      events.map((event) => ({ ...event, feedAt })),
    )
  }

  async trail(caseId: string): Promise<CaseEvent[]> {
    return (await this.getWithTrail(caseId))?.trail ?? []
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

  /** The cases naming a registered photo (usually one, none before its report is sent), for its verdict. */
  async namingPhoto(fileID: string): Promise<CaseRecord[]> {
    const result = await this.cases
      .where({ photos: fileID })
      .orderBy('_id', 'asc')
      .field(listFields)
      .limit(20)
      .get()
    return listOf<CaseRecord>(result).map(asRecord)
  }

  /** Cases still waiting for a photo's verdict, oldest first (the screening sweep's candidates). */
  async awaitingScreening(limit: number): Promise<CaseRecord[]> {
    const result = await this.cases
      .where({ 'screening.state': 'checking' })
      .orderBy('createdAt', 'asc')
      .orderBy('_id', 'asc')
      .field(listFields)
      .limit(limit)
      .get()
    return listOf<CaseRecord>(result).map(asRecord)
  }

  /**
   * Open cases of a category inside a bounding box (GCJ-02), for the nearby-duplicates check: read by the
   * place cells the box touches, newest first, then cut to the box itself. Only the fields that choose the
   * nearest visible ones are read (a tenth of a list's), so the few shown are read in full afterwards.
   */
  async listOpenInBox(
    categoryId: string,
    statuses: readonly string[],
    box: { minLng: number; maxLng: number; minLat: number; maxLat: number },
  ): Promise<NearbyCandidate[]> {
    const _ = this.db.command
    const result = await this.cases
      .where({
        categoryId,
        status: _.in([...statuses]),
        placeCell: _.in(placeCellsCovering(box)),
      })
      .orderBy('createdAt', 'desc')
      .orderBy('_id', 'desc')
      .field(nearbyCandidateFields)
      .limit(nearbyCandidateLimit)
      .get()
    return listOf<NearbyCandidate>(result).filter(
      ({ location }) =>
        location.lng >= box.minLng &&
        location.lng <= box.maxLng &&
        location.lat >= box.minLat &&
        location.lat <= box.maxLat,
    )
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

  /**
   * The 督查室's lists under a grid: open cases past their deadline or red-carded, longest overdue first,
   * or flagged (挂牌督办), the latest flag first.
   */
  async listForSupervision(
    spec: { gridId: string; filter: SupervisionFilter; now: string },
    page: number,
    pageSize: number,
  ): Promise<Page<CaseRecord>> {
    const _ = this.db.command
    const open = _.in([...openStatuses])
    const byDeadline: Array<[string, 'asc' | 'desc']> = [
      ['deadlineAt', 'asc'],
      ['_id', 'asc'],
    ]
    if (spec.filter === 'overdue')
      return this.page(
        { gridPath: spec.gridId, status: open, deadlineAt: _.lt(spec.now) },
        page,
        pageSize,
        byDeadline,
      )
    if (spec.filter === 'red')
      return this.page({ gridPath: spec.gridId, card: 'red', status: open }, page, pageSize, byDeadline)
    return this.page({ gridPath: spec.gridId, status: open, 'supervision.at': _.gt('') }, page, pageSize, [
      ['supervision.at', 'desc'],
      ['_id', 'desc'],
    ])
  }

  /** Open cases under a grid flagged in [from, to), the whole day's at once (at most 1000). */
  async flaggedBetween(gridId: string, from: string, to: string): Promise<CaseRecord[]> {
    const _ = this.db.command
    const result = await this.cases
      .where({
        gridPath: gridId,
        status: _.in([...openStatuses]),
        'supervision.at': _.gte(from).and(_.lt(to)),
      })
      .orderBy('supervision.at', 'asc')
      .orderBy('_id', 'asc')
      .field(listFields)
      .limit(1000)
      .get()
    return listOf<CaseRecord>(result).map(asRecord)
  }

  /**
   * The cases holding any of these desk marks, newest first: the cases behind one figure of a node and
   * period (each holds at most one of a figure's marks, one per day).
   */
  async listByMarks(marks: readonly string[], page: number, pageSize: number): Promise<Page<CaseRecord>> {
    return this.page({ figureMarks: this.db.command.in([...marks]) }, page, pageSize)
  }

  /**
   * A batch of the cases received in [from, to] under any of these grids (the tree's roots: every case),
   * newest first, optionally of these statuses only; `skip` pages on. Served by `gridPath, createdAt, _id`,
   * or with statuses by `gridPath, status, createdAt, _id` (Open311's public list).
   */
  async receivedBetween(
    spec: { gridIds: readonly string[]; statuses: readonly CaseStatus[]; from: string; to: string },
    skip: number,
    limit: number,
  ): Promise<CaseRecord[]> {
    const _ = this.db.command
    const query: Record<string, unknown> = {
      gridPath: spec.gridIds.length === 1 ? spec.gridIds[0] : _.in([...spec.gridIds]),
      ...(spec.statuses.length > 0 ? { status: _.in([...spec.statuses]) } : {}),
      createdAt: _.gte(spec.from).and(_.lte(spec.to)),
    }
    return this.batchOf(query, skip, limit)
  }

  /**
   * A batch of the cases holding any of these desk marks and received in [from, to], newest first (a
   * category's cases, by its received marks of each day: `figureMarks, createdAt, _id`).
   */
  async markedBetween(
    marks: readonly string[],
    window: { from: string; to: string },
    skip: number,
    limit: number,
  ): Promise<CaseRecord[]> {
    const _ = this.db.command
    const query = {
      figureMarks: _.in([...marks]),
      createdAt: _.gte(window.from).and(_.lte(window.to)),
    }
    return this.batchOf(query, skip, limit)
  }

  private async batchOf(query: Record<string, unknown>, skip: number, limit: number): Promise<CaseRecord[]> {
    const result = await this.cases
      .where(query)
      .orderBy('createdAt', 'desc')
      .orderBy('_id', 'desc')
      .field(listFields)
      .skip(skip)
      .limit(limit)
      .get()
    return listOf<CaseRecord>(result).map(asRecord)
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
      .field(listFields)
      .limit(limit)
      .get()
    return listOf<CaseRecord>(result).map(asRecord)
  }

  /** Cards counted against these grids: the yellow and red card events given to them from `since` on. */
  async countCards(gridIds: string[], since: string): Promise<{ yellow: number; red: number }> {
    const _ = this.db.command
    const cardsOf = (type: string) =>
      this.events.where({ type, gridId: _.in(gridIds), at: _.gte(since) }).count()
    const [yellow, red] = await Promise.all([cardsOf('yellow-card'), cardsOf('red-card')])
    return { yellow: totalOf(yellow), red: totalOf(red) }
  }

  /**
   * The cases an export reads (see `ExportSelection`): how many, by the same index as the pages that follow.
   */
  async countForExport(selection: ExportSelection): Promise<number> {
    return totalOf(await this.cases.where(this.exportQuery(selection, null)).count())
  }

  /**
   * An export's next cases, oldest first, strictly after the last one it read (by report time, then id):
   * a keyset page on the board's indexes, so a page read again after an interruption holds the same cases
   * and none comes twice.
   */
  async listForExport(
    selection: ExportSelection,
    after: { createdAt: string; id: string } | null,
    limit: number,
  ): Promise<CaseRecord[]> {
    const result = await this.cases
      .where(this.exportQuery(selection, after))
      .orderBy('createdAt', 'asc')
      .orderBy('_id', 'asc')
      .field(listFields)
      .limit(limit)
      .get()
    return listOf<CaseRecord>(result).map(asRecord)
  }

  private exportQuery(
    selection: ExportSelection,
    after: { createdAt: string; id: string } | null,
  ): Record<string, unknown> {
    const _ = this.db.command
    const base: Record<string, unknown> = { gridPath: selection.gridId }
    if (selection.statuses)
      base.status = selection.statuses.length === 1 ? selection.statuses[0] : _.in(selection.statuses)
    if (!after)
      return {
        ...base,
        createdAt: selection.from ? _.gte(selection.from).and(_.lt(selection.to)) : _.lt(selection.to),
      }
    return _.or([
      { ...base, createdAt: _.gt(after.createdAt).and(_.lt(selection.to)) },
      { ...base, createdAt: after.createdAt, _id: _.gt(after.id) },
    ]) as unknown as Record<string, unknown>
  }

  /**
   * Open cases in a grid or below it for the desk's map, only the fields a marker shows: newest first in
   * some statuses, or longest overdue first when `overdueAt` is given (past their deadline by then). Served
   * by the boards' indexes on `gridPath` and `status`, so the map needs none of its own.
   */
  async mapMarkers(
    gridId: string,
    statuses: readonly CaseStatus[],
    limit: number,
    overdueAt?: string,
  ): Promise<MapMarkerRow[]> {
    const _ = this.db.command
    const query: Record<string, unknown> = { gridPath: gridId, status: _.in([...statuses]) }
    if (overdueAt) query.deadlineAt = _.lt(overdueAt)
    const order: Array<[string, 'asc' | 'desc']> = overdueAt
      ? [
          ['deadlineAt', 'asc'],
          ['_id', 'asc'],
        ]
      : [
          ['createdAt', 'desc'],
          ['_id', 'desc'],
        ]
    let request = this.cases.where(query)
    for (const [field, direction] of order) request = request.orderBy(field, direction)
    const result = await request.field(mapMarkerFields).limit(limit).get()
    return listOf<MapMarkerRow>(result)
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
   * Case events in the order the relay copied them, from `feedAt` on (inclusive), for projections that
   * follow every case's events with a cursor. `afterId` pages through more events than a batch that share
   * one instant (a relay batch shares its stamp).
   */
  async eventsFrom(feedAt: string, limit: number, afterId?: string): Promise<FeedEvent[]> {
    const _ = this.db.command
    const result =
      afterId === undefined
        ? await this.events
            .where({ feedAt: _.gte(feedAt) })
            .orderBy('feedAt', 'asc')
            .orderBy('_id', 'asc')
            .limit(limit)
            .get()
        : await this.events
            .where({ feedAt, _id: _.gt(afterId) })
            .orderBy('_id', 'asc')
            .limit(limit)
            .get()
    return listOf<FeedEvent>(result)
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
    const read = await queryPage<CaseRecord>(this.cases, query, order, page, pageSize, listExclusions)
    return { ...read, items: read.items.map(asRecord) }
  }
}
