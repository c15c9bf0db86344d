import type { CaseEvent, CaseRecord } from '../../../src/domain/case/record'
import { draftsFor, type PersonFacts, type PointsEntry } from '../../../src/domain/rewards/points'
import type { User } from '../../../src/domain/people/roles'
import { storesFor } from '../runtime/context'
import { readCursor, writeCursor } from './store'
import type { SweepReport } from '../jobs/job'
import { personFacts, rewardsFor } from './rewards'
import type { Runtime } from '../runtime/runtime'

const cursorId = 'case-events'
/** Events are re-read this far behind the cursor, so one copied late (its `feedAt` is its relay batch's start) is not missed. */
const settleMillis = 5 * 60_000
const batchSize = 200
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

/**
 * The points job: reads the case events written since its stored cursor (in time order, by the index on
 * `at`), lets the pure rules decide what each pays, and writes the entries through the ledger. It is decoupled
 * from the case lifecycle (which knows nothing of points) and safe to re-run: every entry has its key.
 */
export async function runPointsJob(
  runtime: Runtime,
  options: { maxEvents?: number } = {},
): Promise<SweepReport> {
  const maxEvents = options.maxEvents ?? 5000
  const db = runtime.db
  const events = storesFor(runtime).cases
  const now = runtime.now()
  const cursor = await readCursor(db, cursorId)
  let lower = cursor ? new Date(Date.parse(cursor.at) - settleMillis).toISOString() : ''
  let lowerId = ''
  let last: { at: string; id: string } | undefined = cursor
    ? { at: cursor.at, id: cursor.eventId }
    : undefined
  let seen = 0
  let paid = 0
  const handler = new EventHandler(runtime)

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
    for (const event of fresh) {
      paid += await handler.handle(event)
      seen += 1
      lower = event.feedAt
      lowerId = event._id
      if (!last || event.feedAt > last.at || (event.feedAt === last.at && event._id > last.id))
        last = { at: event.feedAt, id: event._id }
      if (seen >= maxEvents) break
    }
    if (page.length < batchSize) break
  }
  if (last && (!cursor || last.at !== cursor.at || last.id !== cursor.eventId)) {
    await writeCursor(db, { _id: cursorId, at: last.at, eventId: last.id, updatedAt: now.toISOString() })
  }
  return { job: 'points', acted: paid }
}

/** Turns one event into facts for the rules (caching cases and people for the run) and applies the drafts. */
class EventHandler {
  private readonly cases = new Map<string, CaseRecord | null>()
  private readonly users = new Map<string, User | null>()

  constructor(private readonly runtime: Runtime) {}

  async handle(event: CaseEvent): Promise<number> {
    if (!relevantTypes.has(event.type)) return 0
    const { ledger, book } = rewardsFor(this.runtime)
    const record = await this.caseOf(event.caseId)
    if (!record) return 0
    const { tree } = await storesFor(this.runtime).grids.index()
    const person = async (openid: string): Promise<PersonFacts | undefined> => {
      const user = await this.userOf(openid)
      return user ? personFacts(user, tree, record.originGridId) : undefined
    }
    const reversing = event.type === 'reject' || event.type === 'merge'
    const existing: PointsEntry[] = reversing ? await ledger.forCase(record._id) : []
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
        },
        reporter: await person(record.reporterId),
        actor: event.type === 'join' ? await person(event.actorId) : undefined,
        existing,
      },
      book,
    )
    const known = await ledger.existingKeys(drafts.map((draft) => draft._id))
    let applied = 0
    for (const draft of drafts) {
      if (known.has(draft._id)) continue
      if ((await ledger.apply(draft)).applied) applied += 1
    }
    return applied
  }

  private async caseOf(caseId: string): Promise<CaseRecord | undefined> {
    if (!this.cases.has(caseId))
      this.cases.set(caseId, (await storesFor(this.runtime).cases.get(caseId)) ?? null)
    return this.cases.get(caseId) ?? undefined
  }

  private async userOf(openid: string): Promise<User | undefined> {
    if (!this.users.has(openid))
      this.users.set(openid, (await storesFor(this.runtime).users.get(openid)) ?? null)
    return this.users.get(openid) ?? undefined
  }
}
