import type { Db } from '@cloudbase/database'
import { notifySchema } from './collections'
import { checked, isDuplicateKey, listOf, updatedCount } from '../db/results'

const { collections } = notifySchema

interface QuotaRecord {
  _id: string
  openid: string
  templateId: string
  remaining: number
  updatedAt: string
  /** The run whose take came last. */
  takenBy?: string
}

export const quotaId = (openid: string, templateId: string): string => `${openid}:${templateId}`

/**
 * The sends each user allowed, per template. WeChat allows one message per accepted tap and reports nothing
 * of what is left, so the count is ours: `wx.requestSubscribeMessage` adds, each send takes one first.
 */
export class SubscriptionQuota {
  constructor(private readonly db: Db) {}

  private doc(openid: string, templateId: string) {
    return this.db.collection(collections.subscriptionQuota).doc(quotaId(openid, templateId))
  }

  /** One more send allowed for each template; answers what is left of each. */
  async accept(openid: string, templateIds: string[], now: Date): Promise<Record<string, number>> {
    const _ = this.db.command
    const updatedAt = now.toISOString()
    for (const templateId of templateIds) {
      // Update first (the common case after the first tap), create when there is nothing to update; a
      // concurrent create wins the insert and this one adds to it.
      for (let attempt = 0; ; attempt += 1) {
        const result = await this.doc(openid, templateId).update({ remaining: _.inc(1), updatedAt })
        if (updatedCount(checked(result)) === 1) break
        try {
          checked(
            await this.db
              .collection(collections.subscriptionQuota)
              .add({ _id: quotaId(openid, templateId), openid, templateId, remaining: 1, updatedAt }),
          )
          break
        } catch (error) {
          if (!isDuplicateKey(error) || attempt >= 2) throw error
        }
      }
    }
    const records = listOf<QuotaRecord>(
      await this.db
        .collection(collections.subscriptionQuota)
        .where({ _id: _.in(templateIds.map((templateId) => quotaId(openid, templateId))) })
        .limit(templateIds.length)
        .get(),
    )
    return Object.fromEntries(records.map((record) => [record.templateId, record.remaining]))
  }

  /**
   * Takes sends from several users' counts: as many as each needs, or what it has left. One read, then one
   * conditional write per distinct amount (`remaining >= amount`), so two senders cannot both take the last
   * one. `takenBy` marks a take as this run's: when a count changed between the read and the write, the read
   * back tells which writes held. A concurrent take from another run can overwrite the mark between the two,
   * and then this run counts that user as having none: a missed message, never one beyond what they allowed.
   * Answers the sends taken per count id.
   */
  async take(needs: Map<string, number>, token: string): Promise<Map<string, number>> {
    const taken = new Map<string, number>()
    if (needs.size === 0) return taken
    const _ = this.db.command
    const records = await this.read([...needs.keys()])
    const byAmount = new Map<number, string[]>()
    for (const record of records) {
      const amount = Math.min(needs.get(record._id) ?? 0, record.remaining)
      if (amount > 0) byAmount.set(amount, [...(byAmount.get(amount) ?? []), record._id])
    }
    for (const [amount, ids] of byAmount) {
      const result = await this.db
        .collection(collections.subscriptionQuota)
        .where({ _id: _.in(ids), remaining: _.gte(amount) })
        .update({ remaining: _.inc(-amount), takenBy: token })
      const held =
        updatedCount(checked(result)) === ids.length
          ? ids
          : (await this.read(ids)).filter((record) => record.takenBy === token).map((record) => record._id)
      for (const id of held) taken.set(id, amount)
    }
    return taken
  }

  /** Gives back sends taken for messages WeChat did not deliver or the run never tried, per count id. */
  async giveBack(counts: Map<string, number>): Promise<void> {
    const _ = this.db.command
    const byAmount = new Map<number, string[]>()
    for (const [id, amount] of counts)
      if (amount > 0) byAmount.set(amount, [...(byAmount.get(amount) ?? []), id])
    for (const [amount, ids] of byAmount)
      checked(
        await this.db
          .collection(collections.subscriptionQuota)
          .where({ _id: ids.length === 1 ? ids[0] : _.in(ids) })
          .update({ remaining: _.inc(amount) }),
      )
  }

  private async read(ids: string[]): Promise<QuotaRecord[]> {
    return listOf<QuotaRecord>(
      await this.db
        .collection(collections.subscriptionQuota)
        .where({ _id: this.db.command.in(ids) })
        .limit(ids.length)
        .get(),
    )
  }

  /** WeChat says nothing is left (43101): the user refused or our count was ahead of theirs. */
  async exhaust(id: string, now: Date): Promise<void> {
    checked(
      await this.db
        .collection(collections.subscriptionQuota)
        .doc(id)
        .update({ remaining: 0, updatedAt: now.toISOString() }),
    )
  }
}
