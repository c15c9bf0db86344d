import { periodBounds, periodKeyOf, previousPeriod } from '../../../src/domain/shared/time'
import { checked, firstOf, insertOnce, listOf } from '../db/results'
import { storesFor } from '../runtime/context'
import type { Runtime } from '../runtime/runtime'
import { noTimeLimit, type JobControl, type SweepReport } from '../jobs/job'
import { caseSchema } from './collections'
import { signStatement, type CheckpointStatement } from './trail'

const collections = caseSchema.collections
const jobName = 'trail-checkpoint'
/** Events read per request (CloudBase's most). */
const pageSize = 1000
/** Statements inserted per request. */
const insertSize = 100
/** A day is checkpointed once the relay has had this long to copy its last acts out. */
const settleMillis = 10 * 60_000

/** A signed statement as `trail_checkpoint` keeps it (`_id` `<day>:<case>:<seq>`). */
export interface CheckpointRecord extends CheckpointStatement {
  _id: string
  signature: string
  signedAt: string
}

/** Where the job stands: the last day fully checkpointed, and how far into the next it got. */
interface CheckpointCursor {
  day: string | null
  progress: { day: string; feedAt: string; afterId: string } | null
}

/**
 * The daily checkpoint: once a Beijing day is over (and the relay has copied its acts out), every case
 * whose chain changed that day gets a signed statement of its head — the last event of that day it has,
 * by number and hash — in `trail_checkpoint`, a collection only this job writes. A chain later cut short
 * or rebuilt no longer shows that event, which the key alone cannot reveal (see trail.ts). The progress is
 * saved after every page of events, and each statement is keyed, so a run stopped anywhere is finished by
 * the next without a statement written twice. The first run starts with the day before it: days before
 * the job existed have no checkpoints.
 */
export async function runTrailCheckpoints(
  runtime: Runtime,
  control: JobControl = noTimeLimit,
): Promise<SweepReport> {
  const stores = storesFor(runtime)
  const now = runtime.now()
  const lastOver = periodKeyOf('day', new Date(now.getTime() - settleMillis))
  const dueDay = previousPeriod(lastOver)
  const cursor: CheckpointCursor = (await stores.jobs.cursor<CheckpointCursor>(jobName)) ?? {
    day: previousPeriod(dueDay),
    progress: null,
  }
  let signed = 0
  let day = cursor.progress?.day ?? (cursor.day ? nextDay(cursor.day) : dueDay)
  while (day <= dueDay) {
    const { start, end } = periodBounds(day)
    let position =
      cursor.progress?.day === day ? cursor.progress : { day, feedAt: start.toISOString(), afterId: '' }
    for (;;) {
      const page = await readPage(stores, position.feedAt, position.afterId)
      const ofDay = page.filter((event) => event.feedAt < end.toISOString())
      signed += await signHeads(runtime, day, ofDay, now)
      const last = ofDay[ofDay.length - 1]
      if (!last || ofDay.length < page.length || page.length < pageSize) break
      position = { day, feedAt: last.feedAt, afterId: last._id }
      cursor.progress = position
      await stores.jobs.saveCursor(jobName, cursor, now)
      if (control.timeUp()) return { job: jobName, acted: signed, leftOver: true }
    }
    cursor.day = day
    cursor.progress = null
    await stores.jobs.saveCursor(jobName, cursor, now)
    day = nextDay(day)
    if (day <= dueDay && control.timeUp()) return { job: jobName, acted: signed, leftOver: true }
  }
  return { job: jobName, acted: signed }
}

function nextDay(day: string): string {
  return periodKeyOf('day', periodBounds(day).end)
}

type FeedEvent = { _id: string; caseId: string; seq: number; hash: string; feedAt: string }

/** The events after a position in the relay's order: one instant paged by id, then what follows it. */
async function readPage(
  stores: ReturnType<typeof storesFor>,
  feedAt: string,
  afterId: string,
): Promise<FeedEvent[]> {
  if (!afterId) return (await stores.cases.eventsFrom(feedAt, pageSize)) as FeedEvent[]
  const sameInstant = (await stores.cases.eventsFrom(feedAt, pageSize, afterId)) as FeedEvent[]
  if (sameInstant.length === pageSize) return sameInstant
  const after = (await stores.cases.eventsFrom(
    new Date(Date.parse(feedAt) + 1).toISOString(),
    pageSize,
  )) as FeedEvent[]
  return [...sameInstant, ...after].slice(0, pageSize)
}

/** One statement per case of the page: its highest-numbered event there. */
async function signHeads(runtime: Runtime, day: string, events: FeedEvent[], now: Date): Promise<number> {
  const heads = new Map<string, FeedEvent>()
  for (const event of events) {
    const known = heads.get(event.caseId)
    if (!known || event.seq > known.seq) heads.set(event.caseId, event)
  }
  const records: CheckpointRecord[] = [...heads.values()].map((event) => {
    const statement: CheckpointStatement = { caseId: event.caseId, seq: event.seq, hash: event.hash, day }
    return {
      _id: `${day}:${event.caseId}:${event.seq}`,
      ...statement,
      signature: signStatement(statement, runtime.trailKey),
      signedAt: now.toISOString(),
    }
  })
  const checkpoints = runtime.db.collection(collections.trailCheckpoint)
  for (let start = 0; start < records.length; start += insertSize)
    await insertOnce(checkpoints, runtime.db.command, records.slice(start, start + insertSize))
  return records.length
}

/** The latest signed statement about a case, if any (one indexed read). */
export async function latestCheckpoint(
  runtime: Runtime,
  caseId: string,
): Promise<CheckpointRecord | undefined> {
  return firstOf<CheckpointRecord>(
    await runtime.db
      .collection(collections.trailCheckpoint)
      .where({ caseId })
      .orderBy('seq', 'desc')
      .limit(1)
      .get(),
  )
}

/** A page of a day's statements, for a district to keep outside the database. */
export async function checkpointsOfDay(
  runtime: Runtime,
  day: string,
  page: number,
  size: number,
): Promise<{ items: CheckpointRecord[]; hasMore: boolean }> {
  const rows = listOf<CheckpointRecord>(
    checked(
      await runtime.db
        .collection(collections.trailCheckpoint)
        .where({ day })
        .orderBy('_id', 'asc')
        .skip((page - 1) * size)
        .limit(size + 1)
        .get(),
    ),
  )
  return { items: rows.slice(0, size), hasMore: rows.length > size }
}
