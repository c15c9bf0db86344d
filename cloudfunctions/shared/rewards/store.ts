import type { Db } from '@cloudbase/database'
import {
  applyCaps,
  noCapsUsed,
  periodKinds,
  rankBucketIdOf,
  rankScopesOf,
  ruleVersion,
  rulesAt,
  tallyDelta,
  tallyIdOf,
  tallyRankKey,
  type CapsUsed,
  type PeriodKind,
  type PointsDraft,
  type PointsEntry,
  type PointsRuleBook,
  type RankList,
} from '../../../src/domain/rewards/points'
import { rewardsSchema } from './collections'
import { peopleSchema } from '../people/collections'
import {
  checked,
  firstOf,
  listOf,
  totalOf,
  type TransactionalDb,
  type Tx,
  queryPage,
  type PageRead,
} from '../db/results'
import { retry } from '../db/retry'

// The ledger keeps each person's balance on their user document, in the same transaction as the entry.
const collections = { ...rewardsSchema.collections, ...peopleSchema.collections }

/** A person's standing in one period (collection `points_tally`, `_id` = `<period>:<openid>`). */
export interface TallyRecord {
  _id: string
  period: string
  kind: PeriodKind
  openid: string
  list: RankList
  points: number
  /** Period, list and points in one sortable field: the top of a list and a tie group are ranges of it (see tallyRankKey). */
  rankKey: string
  acceptedReports: number
  /** When the person first earned an entry in the period: the last tie-break. */
  firstAt: string
  districtId: string
  streetId: string
  /** Positive points earned in the period (what the monthly cap counts; reversals give nothing back). */
  earned: number
  /** Month tallies only: positive points and paid check-ins per Beijing day, for the daily caps. */
  days?: Record<string, { earned: number; patrols: number }>
  updatedAt: string
}

/**
 * One bucket of the ranking index (collection `points_rank`): how many tallies of a period, list and scope
 * have exactly `points`. Kept in the same transaction as the tallies, it answers "how many are ahead of me"
 * and "where does the top N start" from a few hundred small documents instead of every tally.
 */
export interface RankBucket {
  _id: string
  period: string
  list: RankList
  scope: string
  points: number
  count: number
}

export interface ApplyResult {
  /** False when the key was already in the ledger (a retry or a re-run): nothing was paid again. */
  applied: boolean
  entry: PointsEntry
}

/** Transactions per payment: every concurrent payment to one person must get through, one per round. */
const paymentAttempts = 12

function plainEntry(doc: Record<string, unknown>): PointsEntry {
  const { _openid: _ignored, ...entry } = doc as unknown as PointsEntry & { _openid?: string }
  return entry
}

/**
 * The points ledger (collection `points_entry`): append-only, one document per idempotency key. Writing an
 * entry, the person's balance (`user.points`), their month, quarter and year tallies and the ranking index
 * happen in one transaction, and only when the key was not there yet: a retried request, a re-run job or a
 * reopened case finds the key and pays nothing. A reversal is a new negative entry with a key of its own.
 */
export class PointsLedger {
  constructor(
    private readonly db: Db,
    private readonly book: () => PointsRuleBook,
  ) {}

  private get entries() {
    return this.db.collection(collections.pointsEntry)
  }

  /** The top of a period's ranking and, when asked, one person's place in it (see rankPeriod). */
  rank(query: RankQuery, limit: number, meOpenid?: string): Promise<Ranking> {
    return rankPeriod(this.db, query, limit, meOpenid)
  }

  /** Which of these keys are in the ledger already (one indexed query, to skip work on re-runs). */
  async existingKeys(keys: string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set()
    const _ = this.db.command
    const rows = listOf<{ _id: string }>(
      await this.entries
        .where({ _id: _.in(keys) })
        .field({ _id: true })
        .limit(1000)
        .get(),
    )
    return new Set(rows.map((row) => row._id))
  }

  async get(key: string): Promise<PointsEntry | undefined> {
    const doc = firstOf<Record<string, unknown>>(await this.entries.doc(key).get())
    return doc ? plainEntry(doc) : undefined
  }

  async forCase(caseId: string): Promise<PointsEntry[]> {
    const rows = listOf<Record<string, unknown>>(await this.entries.where({ caseId }).limit(1000).get())
    return rows.map(plainEntry).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a._id < b._id ? -1 : 1))
  }

  /** A person's ledger, newest first. */
  async page(openid: string, page: number, pageSize: number): Promise<PageRead<PointsEntry>> {
    const { items, total, hasMore } = await queryPage<Record<string, unknown>>(
      this.entries,
      { openid },
      [
        ['at', 'desc'],
        ['_id', 'desc'],
      ],
      page,
      pageSize,
    )
    return { items: items.map(plainEntry), total, hasMore }
  }

  async tally(period: string, openid: string): Promise<TallyRecord | undefined> {
    return firstOf<TallyRecord>(
      await this.db.collection(collections.pointsTally).doc(tallyIdOf(period, openid)).get(),
    )
  }

  /**
   * Writes one drafted entry with its caps applied, and everything derived from it, in one transaction.
   * Caps are read from the person's month tally inside the transaction, so two concurrent payments to one
   * person cannot both use the last room under a cap (the second conflicts and is retried).
   */
  async apply(draft: PointsDraft): Promise<ApplyResult> {
    const db = this.db as unknown as TransactionalDb
    return retry(() => db.runTransaction((tx) => this.applyIn(tx, draft), 0), { attempts: paymentAttempts })
  }

  private async applyIn(tx: Tx, draft: PointsDraft): Promise<ApplyResult> {
    const _ = this.db.command
    const earlier = (await tx.collection(collections.pointsEntry).doc(draft._id).get()).data
    if (earlier) return { applied: false, entry: plainEntry(earlier) }

    const tallyIds = Object.fromEntries(
      periodKinds.map((kind) => [kind, tallyIdOf(draft.periods[kind], draft.openid)]),
    ) as Record<PeriodKind, string>
    const before = {} as Record<PeriodKind, TallyRecord | null>
    for (const kind of periodKinds) {
      before[kind] = (await tx.collection(collections.pointsTally).doc(tallyIds[kind]).get())
        .data as TallyRecord | null
    }
    const month = before.month
    const today = month?.days?.[draft.periods.day]
    const used: CapsUsed = month
      ? { day: today?.earned ?? 0, month: month.earned, patrolsToday: today?.patrols ?? 0 }
      : noCapsUsed
    const rules = ruleVersion(this.book(), draft.ruleVersion) ?? rulesAt(this.book(), draft.at)
    const entry: PointsEntry = rules
      ? applyCaps(draft, rules, used).entry
      : { ...draft, points: draft.basePoints, capped: false }

    // `checked` throughout: the SDK answers some failures with a result carrying a code instead of throwing.
    checked(await tx.collection(collections.pointsEntry).add({ ...entry }))
    if (entry.points !== 0)
      checked(
        await tx
          .collection(collections.user)
          .doc(entry.openid)
          .update({ points: _.inc(entry.points) }),
      )

    const delta = tallyDelta(entry)
    const earned = Math.max(0, entry.points)
    const paidPatrol = entry.reason === 'patrol-check-in' && entry.points > 0 ? 1 : 0
    for (const kind of periodKinds) {
      const id = tallyIds[kind]
      const period = draft.periods[kind]
      const old = before[kind]
      const ref = tx.collection(collections.pointsTally).doc(id)
      if (!old) {
        const fresh: Omit<TallyRecord, '_id'> = {
          period,
          kind,
          openid: entry.openid,
          list: entry.list,
          points: delta.points,
          rankKey: tallyRankKey(period, entry.list, delta.points),
          acceptedReports: delta.acceptedReports,
          firstAt: entry.at,
          districtId: entry.districtId,
          streetId: entry.streetId,
          earned,
          ...(kind === 'month' ? { days: { [draft.periods.day]: { earned, patrols: paidPatrol } } } : {}),
          updatedAt: entry.at,
        }
        checked(await ref.set(fresh))
      } else {
        const updated = await ref.update({
          points: _.inc(delta.points),
          rankKey: tallyRankKey(period, old.list, old.points + delta.points),
          acceptedReports: _.inc(delta.acceptedReports),
          earned: _.inc(earned),
          ...(entry.at < old.firstAt ? { firstAt: entry.at } : {}),
          ...(kind === 'month'
            ? { days: { [draft.periods.day]: { earned: _.inc(earned), patrols: _.inc(paidPatrol) } } }
            : {}),
          updatedAt: entry.at,
        })
        checked(updated)
      }
      // The ranking index follows the tally: out of the old points bucket, into the new one.
      const oldPoints = old ? old.points : null
      const newPoints = (old?.points ?? 0) + delta.points
      if (oldPoints === newPoints) continue
      const list = old?.list ?? entry.list
      for (const scope of rankScopesOf(old ?? entry)) {
        if (oldPoints !== null) await this.bump(tx, { period, list, scope, points: oldPoints }, -1)
        await this.bump(tx, { period, list, scope, points: newPoints }, 1)
      }
    }
    return { applied: true, entry }
  }

  private async bump(tx: Tx, bucket: Omit<RankBucket, '_id' | 'count'>, by: number): Promise<void> {
    const ref = tx
      .collection(collections.pointsRank)
      .doc(rankBucketIdOf(bucket.period, bucket.list, bucket.scope, bucket.points))
    const existing = (await ref.get()).data
    if (existing) checked(await ref.update({ count: this.db.command.inc(by) }))
    else checked(await ref.set({ ...bucket, count: by }))
  }
}

export interface RankQuery {
  period: string
  list: RankList
  /** 'all', 'district:<id>' or 'street:<id>'. */
  scope: string
}

export interface Ranking {
  /** People ranked in the period, list and scope. */
  total: number
  top: TallyRecord[]
  me: { rank: number; tally: TallyRecord } | null
}

const bucketPage = 1000

function scopeFilter(scope: string): Record<string, string> {
  if (scope.startsWith('district:')) return { districtId: scope.slice('district:'.length) }
  if (scope.startsWith('street:')) return { streetId: scope.slice('street:'.length) }
  return {}
}

/**
 * Ranks a period without reading every tally: the buckets of the ranking index give the total, the points
 * where the top N begins, and how many people have more points than me; tallies are read only from that
 * threshold up (the rank keys of the points values the top spans, one IN lookup on the `rankKey` index), and
 * ties at my own points are counted with indexed count queries on the same index. Order: points desc, accepted reports desc, first entry of the period asc, openid.
 */
export async function rankPeriod(
  db: Db,
  query: RankQuery,
  limit: number,
  meOpenid?: string,
): Promise<Ranking> {
  const _ = db.command
  const buckets: RankBucket[] = []
  for (let skip = 0; ; skip += bucketPage) {
    const rows = listOf<RankBucket>(
      await db
        .collection(collections.pointsRank)
        .where({ period: query.period, list: query.list, scope: query.scope, count: _.gt(0) })
        .orderBy('points', 'desc')
        .skip(skip)
        .limit(bucketPage)
        .get(),
    )
    buckets.push(...rows)
    if (rows.length < bucketPage) break
  }
  const total = buckets.reduce((sum, bucket) => sum + bucket.count, 0)

  let top: TallyRecord[] = []
  if (total > 0 && limit > 0) {
    // The points values the top N spans (down to the one where the count reaches N, ties included): the
    // tallies are exactly those rank keys, one indexed IN lookup, whatever the list's size.
    const values: number[] = []
    let seen = 0
    for (const bucket of buckets) {
      values.push(bucket.points)
      seen += bucket.count
      if (seen >= limit) break
    }
    top = listOf<TallyRecord>(
      await db
        .collection(collections.pointsTally)
        .where({
          rankKey: _.in(values.map((points) => tallyRankKey(query.period, query.list, points))),
          ...scopeFilter(query.scope),
        })
        // rankKey ends in the zero-padded points, so it orders as points do within a list.
        .orderBy('rankKey', 'desc')
        .orderBy('acceptedReports', 'desc')
        .orderBy('firstAt', 'asc')
        .orderBy('openid', 'asc')
        .limit(limit)
        .get(),
    )
  }

  let me: Ranking['me'] = null
  if (meOpenid) {
    const mine = firstOf<TallyRecord>(
      await db.collection(collections.pointsTally).doc(tallyIdOf(query.period, meOpenid)).get(),
    )
    const inScope = mine && mine.list === query.list && rankScopesOf(mine).includes(query.scope)
    if (mine && inScope) {
      const ahead = buckets
        .filter((bucket) => bucket.points > mine.points)
        .reduce((sum, bucket) => sum + bucket.count, 0)
      const tied = {
        rankKey: tallyRankKey(query.period, query.list, mine.points),
        ...scopeFilter(query.scope),
      }
      const tallies = db.collection(collections.pointsTally)
      const counts = await Promise.all([
        tallies.where({ ...tied, acceptedReports: _.gt(mine.acceptedReports) }).count(),
        tallies
          .where({ ...tied, acceptedReports: mine.acceptedReports, firstAt: _.lt(mine.firstAt) })
          .count(),
        tallies
          .where({
            ...tied,
            acceptedReports: mine.acceptedReports,
            firstAt: mine.firstAt,
            openid: _.lt(mine.openid),
          })
          .count(),
      ])
      me = { rank: ahead + counts.reduce((sum, count) => sum + totalOf(count), 0) + 1, tally: mine }
    }
  }
  return { total, top, me }
}

/** The cursor of the points job over `case_event` (collection `points_cursor`). */
export interface PointsCursor {
  _id: string
  at: string
  eventId: string
  updatedAt: string
}

export async function readCursor(db: Db, id: string): Promise<PointsCursor | undefined> {
  return firstOf<PointsCursor>(await db.collection(collections.pointsCursor).doc(id).get())
}

export async function writeCursor(db: Db, cursor: PointsCursor): Promise<void> {
  const { _id, ...fields } = cursor
  checked(await db.collection(collections.pointsCursor).doc(_id).set(fields))
}
