import type { CaseEvent, CaseRecord } from '../../../src/domain/case/record'
import { computeDeadline } from '../../../src/domain/case/deadlines'
import { AppError } from '../../../src/domain/shared/errors'
import { distanceToPolygonMeters, type GridTree } from '../../../src/domain/grid/tree'
import {
  decide,
  draftEvent,
  type CaseAct,
  type CaseActor,
  type DecideContext,
  type NotificationIntent,
} from '../../../src/domain/case/decide'
import type { Stores } from '../runtime/context'
import type { OutboxEntry } from '../notify/outbox'
import type { Settings } from '../../../src/domain/settings'
import type { Runtime } from '../runtime/runtime'
import { hashEvent } from './trail'
import { LostRace, retry } from '../db/retry'

export interface ActOutcome {
  record: CaseRecord
  event: CaseEvent
}

/** The domain's view of the world for one decision: tree, clock, settings' tables, deadlines, distances. */
export function decideContext(settings: Settings, tree: GridTree, now: Date): DecideContext {
  return {
    tree,
    now,
    policy: settings.policy,
    categories: settings.categories,
    deadlineFor: (record, level) =>
      computeDeadline(
        { categoryId: record.categoryId, level, major: record.major, from: now },
        settings.deadlines,
        settings.holidays,
      ).toISOString(),
    distanceToGrid: (record, gridId) => distanceToGrid(tree, gridId, record.location),
  }
}

/**
 * Runs one act on a case: load, let the domain decide, then write the case, its event and its notifications
 * in one transaction, valid only if the case is still at the event count the decision was made on. When
 * another change landed first the act is decided again on the fresh case (so a claim that lost says who
 * won); a refusal becomes an AppError with the domain's reason.
 */
export async function actOnCase(
  runtime: Runtime,
  stores: Stores,
  caseId: string,
  act: CaseAct,
  actor: CaseActor,
  now: Date,
): Promise<ActOutcome> {
  const { tree } = await stores.grids.index()
  const ctx = decideContext(runtime.settings, tree, now)
  return retry(async () => {
    const record = await stores.cases.get(caseId)
    if (!record) throw new AppError('not-found', '没有找到这个问题')
    const decided = decideOrRefuse(record, act, actor, ctx)
    const notifications = outboxEntries({ ...record, ...decided.patch }, decided.event, decided.notify)
    const outcome = await stores.cases.applyChangesTogether(
      [{ before: record, patch: decided.patch, event: decided.event }],
      notifications,
    )
    if (!outcome.applied) throw new LostRace()
    return { record: outcome.records[0]!, event: decided.event }
  })
}

/**
 * Merges a duplicate into another open case in one transaction: the duplicate is closed as merged and the
 * surviving case takes in its reporter and followers, each with its own event on its own trail, and both
 * sets of notifications are queued, all or nothing. Both acts are decided on the same reading of the two
 * cases; if either moved on meanwhile, both are decided again.
 */
export async function mergeCases(
  runtime: Runtime,
  stores: Stores,
  ids: { duplicateId: string; survivorId: string },
  actor: CaseActor,
  now: Date,
): Promise<{ duplicate: ActOutcome; survivor: ActOutcome }> {
  const { tree } = await stores.grids.index()
  const ctx = decideContext(runtime.settings, tree, now)
  return retry(async () => {
    const [duplicate, survivor] = await Promise.all([
      stores.cases.get(ids.duplicateId),
      stores.cases.get(ids.survivorId),
    ])
    if (!duplicate || !survivor) throw new AppError('not-found', '没有找到这个问题')
    const into = { id: survivor._id, caseNo: survivor.caseNo, status: survivor.status }
    const merge = decideOrRefuse(duplicate, { type: 'merge', into }, actor, ctx)
    const merged = { ...duplicate, ...merge.patch }
    const people = [duplicate.reporterId, ...duplicate.followers]
    const absorbed = {
      id: duplicate._id,
      caseNo: duplicate.caseNo,
      mergedInto: merged.resolution?.mergedInto ?? null,
      people,
    }
    const absorb = decideOrRefuse(survivor, { type: 'absorb', duplicate: absorbed }, actor, ctx)
    const notifications = [
      ...outboxEntries(merged, merge.event, merge.notify),
      ...outboxEntries({ ...survivor, ...absorb.patch }, absorb.event, absorb.notify),
    ]
    const outcome = await stores.cases.applyChangesTogether(
      [
        { before: duplicate, patch: merge.patch, event: merge.event },
        { before: survivor, patch: absorb.patch, event: absorb.event },
      ],
      notifications,
    )
    if (!outcome.applied) throw new LostRace()
    const [duplicateAfter, survivorAfter] = outcome.records as [CaseRecord, CaseRecord]
    return {
      duplicate: { record: duplicateAfter, event: merge.event },
      survivor: { record: survivorAfter, event: absorb.event },
    }
  })
}

interface DecidedChange {
  patch: Partial<CaseRecord>
  event: CaseEvent
  notify: NotificationIntent[]
}

/** Lets the domain decide an act on a case as it stands; a refusal becomes an AppError, a change gets its sealed event. */
function decideOrRefuse(
  record: CaseRecord,
  act: CaseAct,
  actor: CaseActor,
  ctx: DecideContext,
): DecidedChange {
  const decision = decide(record, act, actor, ctx)
  if (!decision.ok)
    throw new AppError(decision.code, decision.message, decision.details ? { details: decision.details } : {})
  const event = sealEvent(draftEvent(record, decision, actor, ctx.now.toISOString()))
  return { patch: decision.patch, event, notify: decision.notify }
}

export function sealEvent(event: Omit<CaseEvent, 'hash'>): CaseEvent {
  return { ...event, hash: hashEvent(event) }
}

/** One outbox entry per audience, keyed by the event so that no retry queues it twice. */
export function outboxEntries(
  record: CaseRecord,
  event: CaseEvent,
  notify: NotificationIntent[],
): OutboxEntry[] {
  return notify.map((intent, index) => ({
    _id: `${event._id}:${index}`,
    kind: intent.kind,
    audience: intent.audience,
    caseId: record._id,
    caseNo: record.caseNo,
    title: intent.title,
    body: intent.body,
    message: {
      page: `pages/case-detail/index?id=${encodeURIComponent(record._id)}`,
      data: {
        character_string1: { value: record.caseNo },
        thing2: { value: intent.title.slice(0, 20) },
        thing3: { value: (intent.body || intent.title).slice(0, 20) },
        time4: { value: event.at },
      },
    },
    createdAt: event.at,
    sentAt: null,
  }))
}

/** Metres from a point to a grid's polygon (0 inside); infinite for a grid without a surveyed boundary. */
export function distanceToGrid(tree: GridTree, gridId: string, point: { lng: number; lat: number }): number {
  const polygon = tree.get(gridId)?.polygon
  return polygon ? distanceToPolygonMeters(point, polygon) : Number.POSITIVE_INFINITY
}
