import type { CaseEvent } from '../../../src/domain/case/record'
import { systemActor, type CaseActor } from '../../../src/domain/case/decide'
import { AppError } from '../../../src/domain/shared/errors'
import { storesFor } from '../runtime/context'
import type { Runtime } from '../runtime/runtime'
import type { SweepReport } from '../jobs/job'
import { absorbDuplicate } from './act'
import type { RelayItem } from './store'

const batchSize = 100

/** What the relay reports: events copied to the feed, notifications queued, merges it had to finish. */
export interface RelayReport extends SweepReport {
  queued: number
  mergesFinished: number
}

/** The events of a case not yet copied out. */
function unrelayed(item: RelayItem): CaseEvent[] {
  return item.trail.filter((event) => event.seq >= item.relayedCount)
}

/** The person who merged, as the act that finishes their merge runs: the absorb is theirs, not the system's. */
function actorOf(event: CaseEvent): CaseActor {
  if (event.actorRole === 'system') return systemActor
  return {
    openid: event.actorId,
    userId: event.actorId,
    role: event.actorRole,
    gridIds: [],
    nickname: event.actorNickname,
  }
}

/**
 * Copies what acts left on case documents out to where others read it: events to `case_event` (the feed
 * the projections follow, in the order copied) and notifications to the outbox, a batch of cases at a time
 * in three or four requests. Both copies are keyed, so a run that stops half-way is simply repeated. It
 * also finishes any merge whose surviving side was never written, before that merge counts as copied out.
 */
export async function runRelay(runtime: Runtime, control?: { timeUp(): boolean }): Promise<RelayReport> {
  const stores = storesFor(runtime)
  const report: RelayReport = { job: 'relay', acted: 0, queued: 0, mergesFinished: 0 }
  let afterId: string | undefined
  // A batch first, then the question: every run gets somewhere, however little time it was given.
  for (;;) {
    const items = await stores.cases.relayBacklog(batchSize, afterId)
    if (items.length === 0) break
    afterId = items[items.length - 1]!.record._id
    const settled = await finishMerges(runtime, items, report)
    const events = settled.flatMap(unrelayed)
    const notices = settled.flatMap((item) => item.notices)
    const feedAt = runtime.now().toISOString()
    await stores.cases.appendToFeed(events, feedAt)
    await stores.outbox.queueOnce(notices)
    await stores.cases.markRelayed(
      settled.map((item) => ({ caseId: item.record._id, eventCount: item.record.eventCount })),
    )
    report.acted += events.length
    report.queued += notices.length
    if (items.length < batchSize || control?.timeUp()) break
  }
  return report
}

/**
 * Writes the surviving side of every merge in the batch that lacks it; returns the items that may be
 * copied out now. A merge the domain refuses to finish is still copied out (it will never succeed); one
 * that failed for any other reason stays in the backlog for the next run.
 */
async function finishMerges(runtime: Runtime, items: RelayItem[], report: RelayReport): Promise<RelayItem[]> {
  const stores = storesFor(runtime)
  const merges = items
    .map((item) => ({ item, event: unrelayed(item).find((event) => event.type === 'merge') }))
    .filter((entry): entry is { item: RelayItem; event: CaseEvent } => entry.event !== undefined)
  if (merges.length === 0) return items
  const survivors = await stores.cases.getManyWithTrail(
    merges.map(({ item }) => item.record.resolution?.mergedInto ?? ''),
  )
  const stuck = new Set<string>()
  for (const { item, event } of merges) {
    const survivor = survivors.get(item.record.resolution?.mergedInto ?? '')
    try {
      const absorbed = await absorbDuplicate(
        runtime,
        stores,
        item.record,
        actorOf(event),
        runtime.now(),
        survivor,
      )
      if (absorbed) report.mergesFinished += 1
    } catch (error) {
      if (!(error instanceof AppError) || error.code === 'conflict') stuck.add(item.record._id)
    }
  }
  return items.filter((item) => !stuck.has(item.record._id))
}
