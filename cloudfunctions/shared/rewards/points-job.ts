import type { CaseEvent } from '../../../src/domain/case/record'
import { draftsFor, type PointsEntry } from '../../../src/domain/rewards/points'
import { storesFor } from '../runtime/context'
import type { SweepReport } from '../jobs/job'
import { personFacts, rewardsFor } from './rewards'
import type { Runtime } from '../runtime/runtime'

const cursorId = 'case-events'
/** Events are re-read this far behind the cursor, so one copied late (its `feedAt` is its relay batch's start) is not missed. */
const settleMillis = 5 * 60_000
const defaultBatchSize = 200
/** Settle-window events the cursor remembers as projected (about five minutes at a city's peak). */
const maxRemembered = 5000
/** Case acts that can pay or reverse points; every other event is passed over without loading its case. */
const relevantTypes = new Set([
  'claim',
  'request-city',
  'sign-off',
  'rectify',
  'verify',
  'join',
  'reject',
  'merge',
])
const reversingTypes = new Set(['reject', 'merge'])

/** Lets whoever runs the job stop it between batches (a function's time running out). */
export interface JobControl {
  timeUp(): boolean
}

export interface PointsJobOptions {
  /** Events per batch (one read of events, cases, entries and people, one write of entries…). */
  batchSize?: number
  /** Events in one run at most; the next run goes on from the cursor. */
  maxEvents?: number
}

/**
 * The points job: reads the case events written since its stored cursor (in time order, by the index on
 * `at`), lets the pure rules decide what each pays, and writes the entries through the ledger, a batch at a
 * time: the batch's cases, ledger entries and people are read together and its payments written together
 * (see ledger.ts). The cursor is saved after every batch, so a run stopped at any point keeps what it did;
 * whatever it left half-written is finished by the next run, and every entry has its key, so nothing is paid
 * twice. It is decoupled from the case lifecycle, which knows nothing of points.
 */
export async function runPointsJob(
  runtime: Runtime,
  control?: JobControl,
  options: PointsJobOptions = {},
): Promise<SweepReport> {
  const batchSize = options.batchSize ?? defaultBatchSize
  const maxEvents = options.maxEvents ?? 5000
  const { store } = rewardsFor(runtime)
  const events = storesFor(runtime).cases
  const cursor = await store.readCursor(cursorId)
  let lower = cursor ? new Date(Date.parse(cursor.at) - settleMillis).toISOString() : ''
  let lowerId = ''
  const saved: { at: string; id: string } | undefined = cursor
    ? { at: cursor.at, id: cursor.eventId }
    : undefined
  let last = saved
  // Events of the settle window already projected, by id, with their stamps: re-read, not projected again.
  const projected = new Map<string, string>(cursor?.recent ?? [])
  let seen = 0
  let paid = 0

  while (seen < maxEvents) {
    // One-sided on purpose: `feedAt >= lower` is a single range of the feed's index. Normally that is the few
    // events since the last tick; a first run over a long history pages through it a batch at a time.
    const page = await events.eventsFrom(lower, batchSize)
    let fresh = page.filter(
      (event) => event.feedAt > lower || (event.feedAt === lower && event._id > lowerId),
    )
    if (page.length === batchSize && fresh.length === 0) {
      // More than a page of events at one instant: page through that instant by id, then step past it.
      fresh = await events.eventsFrom(lower, batchSize, lowerId)
      if (fresh.length === 0) {
        lower = new Date(Date.parse(lower) + 1).toISOString()
        lowerId = ''
        continue
      }
    }
    const batch = fresh.slice(0, maxEvents - seen)
    const news = batch.filter((event) => !projected.has(event._id))
    paid += await projectBatch(runtime, news)
    seen += batch.length
    for (const event of batch) {
      lower = event.feedAt
      lowerId = event._id
      projected.set(event._id, event.feedAt)
      if (!last || event.feedAt > last.at || (event.feedAt === last.at && event._id > last.id))
        last = { at: event.feedAt, id: event._id }
    }
    if (last && news.length > 0) {
      const since = new Date(Date.parse(last.at) - settleMillis).toISOString()
      for (const [id, feedAt] of projected) if (feedAt < since) projected.delete(id)
      await store.writeCursor({
        _id: cursorId,
        at: last.at,
        eventId: last.id,
        recent: [...projected].slice(-maxRemembered),
        updatedAt: runtime.now().toISOString(),
      })
    }
    if (page.length < batchSize || control?.timeUp()) break
  }
  return { job: 'points', acted: paid }
}

/**
 * One batch of events: their cases in one read, the ledger entries of those cases in one (what was paid
 * already, and what a rejection reverses), the people concerned in one; then the rules decide event by
 * event on the people's accounts in memory, and the ledger writes the payments together.
 */
async function projectBatch(runtime: Runtime, events: readonly CaseEvent[]): Promise<number> {
  const relevant = events.filter((event) => relevantTypes.has(event.type))
  if (relevant.length === 0) return 0
  const { ledger, book, store } = rewardsFor(runtime)
  const stores = storesFor(runtime)
  const cases = await stores.cases.getMany(relevant.map((event) => event.caseId))
  const [known, { tree }] = await Promise.all([store.entriesOfCases([...cases.keys()]), stores.grids.index()])

  const reversed = new Set(relevant.filter((event) => reversingTypes.has(event.type)).map((e) => e.caseId))
  const people = new Set<string>()
  for (const event of relevant) {
    const record = cases.get(event.caseId)
    if (!record) continue
    people.add(record.reporterId)
    if (event.type === 'join') people.add(event.actorId)
  }
  for (const entry of known) if (entry.caseId && reversed.has(entry.caseId)) people.add(entry.openid)
  const users = await stores.users.getMany([...people])
  const usersById = new Map(users.map((user) => [user.openid, user]))
  const batch = await ledger.batch(users, known)

  const byCase = new Map<string, PointsEntry[]>()
  for (const entry of known)
    if (entry.caseId) byCase.set(entry.caseId, [...(byCase.get(entry.caseId) ?? []), entry])
  const paidKeys = new Set(known.map((entry) => entry._id))
  for (const event of relevant) {
    const record = cases.get(event.caseId)
    if (!record) continue
    const person = (openid: string) => {
      const user = usersById.get(openid)
      return user ? personFacts(user, tree, record.originGridId) : undefined
    }
    const drafts = draftsFor(
      {
        kind: 'case-event',
        event: {
          type: event.type,
          caseId: event.caseId,
          actorId: event.actorId,
          at: event.at,
          seq: event.seq,
          details: event.details,
        },
        case: {
          caseId: record._id,
          caseNo: record.caseNo,
          reporterId: record.reporterId,
          anonymous: record.anonymous,
          status: record.status,
          handledByReporter:
            record.claim?.userId === record.reporterId ||
            record.jointHandlers.some((handler) => handler.openid === record.reporterId) ||
            record.cityResolvedBy === record.reporterId,
        },
        reporter: person(record.reporterId),
        actor: event.type === 'join' ? person(event.actorId) : undefined,
        existing: byCase.get(record._id) ?? [],
      },
      book,
    )
    for (const draft of drafts) {
      if (paidKeys.has(draft._id)) continue
      const entry = batch.post(draft)
      if (!entry) continue
      paidKeys.add(entry._id)
      byCase.set(record._id, [...(byCase.get(record._id) ?? []), entry])
    }
  }
  const results = await batch.commit()
  return [...results.values()].filter((result) => result.applied).length
}
