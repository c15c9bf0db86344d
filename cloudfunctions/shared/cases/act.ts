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
import { newDelivery, type OutboxEntry } from '../notify/outbox'
import type { Settings } from '../../../src/domain/settings'
import type { Runtime } from '../runtime/runtime'
import { sealEvent } from './trail'
import { LostRace, isLostRace, retry } from '../db/retry'
import type { CaseWithTrail } from './store'

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
 * Runs one act on a case: load, let the domain decide, then write the case with its new event and
 * notifications in one conditional write, valid only if the case is still at the event count the decision
 * was made on. When another change landed first the act is decided again on the fresh case (so a claim
 * that lost says who won); a refusal becomes an AppError with the domain's reason.
 */
export async function actOnCase(
  runtime: Runtime,
  stores: Stores,
  caseId: string,
  act: CaseAct,
  actor: CaseActor,
  now: Date,
  annotation: Record<string, unknown> = {},
): Promise<ActOutcome> {
  const { tree } = await stores.grids.index()
  const ctx = decideContext(runtime.settings, tree, now)
  return retry(async () => {
    const record = await stores.cases.get(caseId)
    if (!record) throw new AppError('not-found', '没有找到这个问题')
    return applyDecided(stores, record, decideOrRefuse(record, act, actor, ctx, runtime.trailKey, annotation))
  })
}

async function applyDecided(stores: Stores, record: CaseRecord, decided: DecidedChange): Promise<ActOutcome> {
  const notifications = outboxEntries({ ...record, ...decided.patch }, decided.event, decided.notify)
  const outcome = await stores.cases.applyChange(
    { before: record, patch: decided.patch, event: decided.event },
    notifications,
  )
  if (!outcome.applied) throw new LostRace()
  return { record: outcome.record, event: decided.event }
}

/**
 * Merges a duplicate into another open case. Both are read together and both acts decided on that reading;
 * the duplicate is closed as merged (the commit point: if it moved on meanwhile, both are decided again),
 * then the survivor takes in its reporter and followers. Should the second write be lost to a crash, the
 * relay finishes it from the merge event it copies out, so a merge never stays half done. Each side's
 * event sits on its own trail.
 */
export async function mergeCases(
  runtime: Runtime,
  stores: Stores,
  ids: { duplicateId: string; survivorId: string; reason: string },
  actor: CaseActor,
  now: Date,
): Promise<{ duplicate: ActOutcome; survivor: ActOutcome | null }> {
  const { tree } = await stores.grids.index()
  const ctx = decideContext(runtime.settings, tree, now)
  return retry(async () => {
    const found = await stores.cases.getManyWithTrail([ids.duplicateId, ids.survivorId])
    const duplicate = found.get(ids.duplicateId)?.record
    const survivor = found.get(ids.survivorId)
    if (!duplicate || !survivor) throw new AppError('not-found', '没有找到这个问题')
    const { _id: id, caseNo, status, categoryId, gridId, location } = survivor.record
    const into = { id, caseNo, status, categoryId, gridId, location }
    const merge = decideOrRefuse(
      duplicate,
      { type: 'merge', into, reason: ids.reason },
      actor,
      ctx,
      runtime.trailKey,
    )
    // Decided now so that a refusal of the absorbing side stops the merge before anything is written.
    decideOrRefuse(survivor.record, absorbAct({ ...duplicate, ...merge.patch }), actor, ctx, runtime.trailKey)
    const merged = await applyDecided(stores, duplicate, merge)
    // The merge stands from here: whatever stops the survivor's write (a survivor contested past its
    // retries, a dropped connection) is left to the relay, which finishes it from the merge event.
    const absorbed = await absorbDuplicate(runtime, stores, merged.record, actor, now, survivor).catch(
      (error: unknown) => {
        if (!isLostRace(error)) console.error('merge: the surviving case is left to the relay', error)
        return null
      },
    )
    return { duplicate: merged, survivor: absorbed }
  })
}

function absorbAct(merged: CaseRecord): CaseAct {
  return {
    type: 'absorb',
    duplicate: {
      id: merged._id,
      caseNo: merged.caseNo,
      mergedInto: merged.resolution?.mergedInto ?? null,
      people: [merged.reporterId, ...merged.followers],
    },
  }
}

/**
 * The surviving side of a merge: the survivor takes in the merged case's people, once. Idempotent by the
 * survivor's own trail (an `absorb` event naming the duplicate), so the merge handler and the relay can
 * both call it; a survivor that moved on is read again. Null when the survivor had already taken it in.
 */
export async function absorbDuplicate(
  runtime: Runtime,
  stores: Stores,
  merged: CaseRecord,
  actor: CaseActor,
  now: Date,
  known?: CaseWithTrail,
): Promise<ActOutcome | null> {
  const survivorId = merged.resolution?.mergedInto
  if (merged.status !== 'merged' || !survivorId) return null
  const { tree } = await stores.grids.index()
  const ctx = decideContext(runtime.settings, tree, now)
  let survivor = known
  return retry(async () => {
    survivor ??= await stores.cases.getWithTrail(survivorId)
    const current = survivor
    survivor = undefined
    if (!current) throw new AppError('not-found', '没有找到这个问题')
    const taken = current.trail.some(
      (event) => event.type === 'absorb' && event.details.duplicateId === merged._id,
    )
    if (taken) return null
    return applyDecided(
      stores,
      current.record,
      decideOrRefuse(current.record, absorbAct(merged), actor, ctx, runtime.trailKey),
    )
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
  trailKey: string,
  annotation: Record<string, unknown> = {},
): DecidedChange {
  const decision = decide(record, act, actor, ctx)
  if (!decision.ok)
    throw new AppError(decision.code, decision.message, decision.details ? { details: decision.details } : {})
  // What the server learnt about the act besides the decision (a text held for review) rides on its event.
  const details = { ...decision.details, ...annotation }
  const event = sealEvent(
    draftEvent(record, { ...decision, details }, actor, ctx.now.toISOString()),
    { ...record, ...decision.patch },
    trailKey,
  )
  return { patch: decision.patch, event, notify: decision.notify }
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
    message: { page: `pages/case-detail/index?id=${encodeURIComponent(record._id)}` },
    createdAt: event.at,
    sentAt: null,
    delivery: newDelivery(intent.audience, event.at),
    gridPath: record.gridPath,
  }))
}

/** Metres from a point to a grid's polygon (0 inside); infinite for a grid without a surveyed boundary. */
export function distanceToGrid(tree: GridTree, gridId: string, point: { lng: number; lat: number }): number {
  const polygon = tree.get(gridId)?.polygon
  return polygon ? distanceToPolygonMeters(point, polygon) : Number.POSITIVE_INFINITY
}
