import type { Db } from '@cloudbase/database'
import {
  awardStatuses,
  periodKinds,
  type AwardStatus,
  type PeriodKind,
  type RankList,
} from '../../../src/domain/rewards/points'
import { rewardsSchema } from './collections'
import { queueInTransaction, type OutboxEntry } from '../notify/outbox'
import {
  checked,
  firstOf,
  isDuplicateKey,
  isTransactionConflict,
  updatedCount,
  type TransactionalDb,
  queryPage,
  type PageRead,
} from '../db/results'

const { collections } = rewardsSchema

export interface AwardWinner {
  rank: number
  openid: string
  nickname: string
  points: number
  acceptedReports: number
  firstAt: string
}

/**
 * One award of one period, list and district (collection `award`, `_id` = `<kind>:<period>:<list>:<district>`).
 * A draft is what the district office reviews; publishing freezes it, and a published award is history.
 */
export interface AwardRecord {
  _id: string
  kind: PeriodKind
  period: string
  /** When the period ends (exclusive, UTC): the order of the history and whether it can be published. */
  periodEnd: string
  list: RankList
  districtId: string
  title: string
  status: AwardStatus
  winners: AwardWinner[]
  /** People the office left out when reviewing. */
  excluded: string[]
  note: string
  ruleVersion: number
  draftedAt: string
  draftedBy: string
  draftedByName: string
  publishedAt: string | null
  publishedBy: string | null
  publishedByName: string | null
  /** Every earlier draft of this award, oldest first, as it stood when it was redrafted (absent before any). */
  history?: AwardDraftVersion[]
}

/** One superseded draft: who made it and when, whom it named, whom it left out and why. */
export type AwardDraftVersion = Pick<
  AwardRecord,
  'draftedAt' | 'draftedBy' | 'draftedByName' | 'winners' | 'excluded' | 'note' | 'ruleVersion'
>

export class AwardStore {
  constructor(private readonly db: Db) {}

  private get awards() {
    return this.db.collection(collections.award)
  }

  async get(id: string): Promise<AwardRecord | undefined> {
    return firstOf<AwardRecord>(await this.awards.doc(id).get())
  }

  /**
   * Creates a draft, with any notices about it in the same transaction; false when an award with this key
   * exists already (then nothing is written).
   */
  async create(record: AwardRecord, notices: OutboxEntry[] = []): Promise<boolean> {
    const db = this.db as unknown as TransactionalDb
    const { _id: awardId, ...fields } = record
    try {
      return await db.runTransaction(async (tx) => {
        if ((await tx.collection(collections.award).doc(awardId).get()).data) return false
        checked(await tx.collection(collections.award).doc(awardId).set(fields))
        await queueInTransaction(tx, notices)
        return true
      }, 0)
    } catch (error) {
      // A concurrent creation of the same key committed first.
      if (isTransactionConflict(error) || isDuplicateKey(error)) return false
      throw error
    }
  }

  /** Replaces a draft's content, only while it is still the draft that was read (never a published award). */
  async redraft(before: AwardRecord, patch: Partial<AwardRecord>): Promise<boolean> {
    const result = await this.awards
      .where({ _id: before._id, status: 'draft', draftedAt: before.draftedAt })
      .update(patch)
    return updatedCount(result) === 1
  }

  /**
   * Publishes exactly the reviewed draft and queues the winners' notifications in one transaction, so a
   * published award always has its notices; of two concurrent publishers one wins (the other gets false).
   */
  async publish(
    before: AwardRecord,
    fields: Pick<AwardRecord, 'publishedAt' | 'publishedBy' | 'publishedByName'>,
    notices: OutboxEntry[],
  ): Promise<boolean> {
    const db = this.db as unknown as TransactionalDb
    try {
      return await db.runTransaction(async (tx) => {
        const stored = (await tx.collection(collections.award).doc(before._id).get()).data
        if (!stored || stored.status !== 'draft' || stored.draftedAt !== before.draftedAt) return false
        checked(
          await tx
            .collection(collections.award)
            .doc(before._id)
            .update({ ...fields, status: 'published' }),
        )
        await queueInTransaction(tx, notices)
        return true
      }, 0)
    } catch (error) {
      if (isTransactionConflict(error)) return false
      throw error
    }
  }

  /**
   * The honour roll, newest period first: published awards for everyone, or the drafts (or both) of the
   * districts given.
   */
  async page(
    spec: { status: 'published' | 'draft' | 'all'; kind?: PeriodKind; districtIds: string[] },
    page: number,
    pageSize: number,
  ): Promise<PageRead<AwardRecord>> {
    const _ = this.db.command
    // Every shape names its kinds and statuses, so two declared indexes serve them all.
    const query: Record<string, unknown> = { kind: spec.kind ?? _.in([...periodKinds]) }
    if (spec.status === 'published') {
      query.status = 'published'
    } else {
      query.districtId = _.in(spec.districtIds)
      query.status = spec.status === 'draft' ? 'draft' : _.in([...awardStatuses])
    }
    return queryPage<AwardRecord>(
      this.awards,
      query,
      [
        ['periodEnd', 'desc'],
        ['_id', 'asc'],
      ],
      page,
      pageSize,
    )
  }
}
