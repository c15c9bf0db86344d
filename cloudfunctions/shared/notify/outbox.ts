import type { Db } from '@cloudbase/database'
import type { Audience } from '../../../src/domain/case/decide'
import { notifySchema } from './collections'
import { checked, insertOnce, listOf, type Tx, queryPage, type PageRead, updatedCount } from '../db/results'

const { collections } = notifySchema

/**
 * A notification waiting to be sent. Its `_id` is its idempotency key (the event it comes from plus the
 * audience), so a retried request or a re-run job never queues the same message twice. Locally the outbox
 * is shown by the emulator; in the cloud a sender turns entries into subscription messages.
 */
export interface OutboxEntry {
  _id: string
  kind: string
  audience: Audience
  caseId: string
  caseNo: string
  title: string
  body: string
  /**
   * Where a subscription message opens. Its keywords are filled at send time from the kind's template
   * (settings.subscriptions), so a district's template change applies to what is still queued.
   */
  message: { page: string }
  createdAt: string
  sentAt: string | null
  delivery: Delivery
  /**
   * The grids its subject lies in, root first (a case's lineage, an award's district), so the district's
   * operator finds the messages of their district. Absent on entries queued before it was kept.
   */
  gridPath?: string[]
}

/**
 * The sender's progress on an entry. `pending` entries are sent once `nextAttemptAt` is reached; `sending`
 * is held from the claim to the answer, and an entry left in it by a killed run is never sent again
 * (at-most-once: a user who misses one message is better served than one who gets it twice, and nothing
 * says whether WeChat delivered it). The rest are final.
 */
export type DeliveryState =
  | 'pending'
  | 'sending'
  | 'sent'
  /** 43101, or no accepted send left in our count: the user's choice, not a fault. */
  | 'no-sends-left'
  | 'failed'
  /** Addressed to a role, or a kind with no template: shown in the app only. */
  | 'in-app'

export interface Delivery {
  state: DeliveryState
  attempts: number
  nextAttemptAt: string
  claimedAt?: string
  /** The run that holds a `sending` entry: only that run settles or releases it. */
  claimToken?: string
  /** WeChat's errcode of the last failed attempt (or -1 for a call that threw). */
  errCode?: number
  errMsg?: string
  /** When the district's operator last queued a failed entry again. */
  resentAt?: string
}

/** A new entry's delivery: personal messages wait for the sender; messages to a role stay in the app. */
export function newDelivery(audience: Audience, createdAt: string): Delivery {
  return { state: 'openid' in audience ? 'pending' : 'in-app', attempts: 0, nextAttemptAt: createdAt }
}

/**
 * Queues entries inside the transaction that makes the change they announce, so neither exists without the
 * other. Each is written by its key (`set`), so queuing the same entry again changes nothing.
 */
export async function queueInTransaction(tx: Tx, entries: OutboxEntry[]): Promise<void> {
  for (const { _id, ...entry } of entries)
    checked(await tx.collection(collections.outbox).doc(_id).set(entry))
}

export class Outbox {
  constructor(private readonly db: Db) {}

  /** Queues entries copied out of the documents that announced them; an entry queued before stays as it is. */
  async queueOnce(entries: OutboxEntry[]): Promise<void> {
    await insertOnce(this.db.collection(collections.outbox), this.db.command, entries)
  }

  /** What a person should see: messages to them, and to the grids they work in for their role. */
  async forActor(
    actor: { openid: string; role: string; gridIds: string[] },
    page: number,
    pageSize: number,
  ): Promise<PageRead<OutboxEntry>> {
    const _ = this.db.command
    const mine: Record<string, unknown>[] = [{ 'audience.openid': actor.openid }]
    if (actor.gridIds.length > 0)
      mine.push({ 'audience.gridId': _.in(actor.gridIds), 'audience.roles': actor.role })
    const query = _.or(mine) as unknown as Record<string, unknown>
    // Messages queued in the same instant are told apart by id.
    return queryPage<OutboxEntry>(
      this.db.collection(collections.outbox),
      query,
      [
        ['createdAt', 'desc'],
        ['_id', 'desc'],
      ],
      page,
      pageSize,
    )
  }

  /** A district's entries in one delivery state, oldest due first (the operator's view). */
  async inDistricts(
    districtIds: string[],
    state: DeliveryState,
    page: number,
    pageSize: number,
  ): Promise<PageRead<OutboxEntry>> {
    const _ = this.db.command
    return queryPage<OutboxEntry>(
      this.db.collection(collections.outbox),
      { gridPath: districtIds.length === 1 ? districtIds[0] : _.in(districtIds), 'delivery.state': state },
      [
        ['delivery.nextAttemptAt', 'asc'],
        ['_id', 'asc'],
      ],
      page,
      pageSize,
    )
  }

  /**
   * Queues a failed entry of one of these districts for one more attempt, now, in one conditional write;
   * the entry as it then is, or null when it is not (or no longer) a failed entry there.
   */
  async retryFailed(id: string, districtIds: string[], now: Date): Promise<OutboxEntry | null> {
    const _ = this.db.command
    const outbox = this.db.collection(collections.outbox)
    const result = await outbox
      .where({
        _id: id,
        gridPath: districtIds.length === 1 ? districtIds[0] : _.in(districtIds),
        'delivery.state': 'failed',
      })
      .update({
        'delivery.state': 'pending',
        'delivery.nextAttemptAt': now.toISOString(),
        'delivery.resentAt': now.toISOString(),
      })
    if (updatedCount(checked(result)) === 0) return null
    const [entry] = listOf<OutboxEntry>(await outbox.where({ _id: id }).limit(1).get())
    return entry ?? null
  }

  /** Entries due for a send (oldest due first), at most `limit`. */
  async due(now: Date, limit: number): Promise<OutboxEntry[]> {
    const _ = this.db.command
    return listOf<OutboxEntry>(
      await this.db
        .collection(collections.outbox)
        .where({ 'delivery.state': 'pending', 'delivery.nextAttemptAt': _.lte(now.toISOString()) })
        .orderBy('delivery.nextAttemptAt', 'asc')
        .orderBy('_id', 'asc')
        .limit(limit)
        .get(),
    )
  }

  /**
   * Takes a batch of entries for one attempt each, in one conditional write: only those still `pending` and
   * due, so of two runs that read the same entries each entry goes to one of them. Answers the entries this
   * run holds; the read back is needed only when another run took some of them first.
   */
  async claim(entries: OutboxEntry[], now: Date, token: string): Promise<OutboxEntry[]> {
    if (entries.length === 0) return []
    const _ = this.db.command
    const ids = entries.map((entry) => entry._id)
    const result = await this.db
      .collection(collections.outbox)
      .where({
        _id: _.in(ids),
        'delivery.state': 'pending',
        'delivery.nextAttemptAt': _.lte(now.toISOString()),
      })
      .update({
        'delivery.state': 'sending',
        'delivery.claimedAt': now.toISOString(),
        'delivery.claimToken': token,
      })
    const claimed = updatedCount(checked(result))
    if (claimed === entries.length) return entries
    if (claimed === 0) return []
    const held = listOf<OutboxEntry>(
      await this.db
        .collection(collections.outbox)
        .where({ _id: _.in(ids) })
        .limit(ids.length)
        .get(),
    )
    const mine = new Set(
      held
        .filter((entry) => entry.delivery.state === 'sending' && entry.delivery.claimToken === token)
        .map((entry) => entry._id),
    )
    return entries.filter((entry) => mine.has(entry._id))
  }

  /**
   * Records one outcome for entries this run holds, in one write. `attempted` counts the attempt on each
   * (a call was made); an entry settled without a call keeps its count.
   */
  async settle(
    ids: string[],
    token: string,
    outcome: Partial<Omit<Delivery, 'attempts'>> & { state: DeliveryState; attempted?: boolean },
    sentAt: string | null = null,
  ): Promise<void> {
    if (ids.length === 0) return
    const _ = this.db.command
    const fields: Record<string, unknown> = { 'delivery.state': outcome.state }
    for (const key of ['nextAttemptAt', 'errCode', 'errMsg'] as const)
      if (outcome[key] !== undefined) fields[`delivery.${key}`] = outcome[key]
    if (outcome.attempted) fields['delivery.attempts'] = _.inc(1)
    if (sentAt) fields.sentAt = sentAt
    checked(
      await this.db
        .collection(collections.outbox)
        .where({
          _id: ids.length === 1 ? ids[0] : _.in(ids),
          'delivery.state': 'sending',
          'delivery.claimToken': token,
        })
        .update(fields),
    )
  }

  /** Hands entries this run holds but did not attempt back to the queue, as they were. */
  async release(ids: string[], token: string): Promise<void> {
    await this.settle(ids, token, { state: 'pending' })
  }
}
