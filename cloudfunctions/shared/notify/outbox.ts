import type { Db } from '@cloudbase/database'
import type { Audience } from '../../../src/domain/case/decide'
import { notifySchema } from './collections'
import { checked, insertOnce, type Tx, queryPage, type PageRead } from '../db/results'

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
  /** Subscription-message payload: WeChat templates take short `thingN`/`timeN` style values. */
  message: { page: string; data: Record<string, { value: string }> }
  createdAt: string
  sentAt: string | null
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
}
