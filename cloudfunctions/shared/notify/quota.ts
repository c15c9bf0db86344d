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
}

const quotaId = (openid: string, templateId: string) => `${openid}:${templateId}`

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

  /** Takes one send, only if one is left (a conditional write, so two senders cannot both take the last). */
  async take(openid: string, templateId: string): Promise<boolean> {
    const _ = this.db.command
    const result = await this.db
      .collection(collections.subscriptionQuota)
      .where({ _id: quotaId(openid, templateId), remaining: _.gt(0) })
      .update({ remaining: _.inc(-1) })
    return updatedCount(checked(result)) === 1
  }

  /** Gives back a send that was taken for a message WeChat did not deliver. */
  async giveBack(openid: string, templateId: string): Promise<void> {
    checked(await this.doc(openid, templateId).update({ remaining: this.db.command.inc(1) }))
  }

  /** WeChat says nothing is left (43101): the user refused or our count was ahead of theirs. */
  async exhaust(openid: string, templateId: string, now: Date): Promise<void> {
    checked(await this.doc(openid, templateId).update({ remaining: 0, updatedAt: now.toISOString() }))
  }
}
