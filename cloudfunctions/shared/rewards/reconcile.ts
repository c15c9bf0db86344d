import {
  periodKinds,
  rankBucketIdOf,
  rankScopesOf,
  tallyRankKey,
  type RankList,
} from '../../../src/domain/rewards/points'
import { rewardsSchema } from './collections'
import { peopleSchema } from '../people/collections'
import type { RankBucket, TallyRecord } from './store'
import { listOf } from '../db/results'
import type { Runtime } from '../runtime/runtime'

const collections = { ...rewardsSchema.collections, ...peopleSchema.collections }

export interface ReconcileReport {
  ok: boolean
  entries: number
  people: number
  tallies: number
  buckets: number
  /** Each disagreement in words, e.g. `balance of demo-resident: user.points 12, ledger 10`. */
  problems: string[]
}

/** Aggregations return every group here; CloudBase pages them (20 by default) unless a limit is given. */
const everything = 10_000_000

/**
 * The check behind "balances are derived": sums the ledger with the database's aggregation (never in the
 * function) and compares it with every balance (`user.points`), every month, quarter and year tally (points
 * and accepted reports) and every bucket of the ranking index. An operator's and the tests' check, not a
 * request path: it reads the whole ledger once.
 */
export async function reconcilePoints(runtime: Runtime): Promise<ReconcileReport> {
  const db = runtime.db
  const $ = db.command.aggregate
  const _ = db.command
  const problems: string[] = []
  const entries = db.collection(collections.pointsEntry)
  const accepted = $.cond({
    if: $.eq(['$reason', 'report-accepted']),
    then: 1,
    else: $.cond({ if: $.eq(['$reversedReason', 'report-accepted']), then: -1, else: 0 }),
  })

  // Balances.
  const byPerson = listOf<{ _id: string; points: number; count: number }>(
    await entries
      .aggregate()
      .group({ _id: '$openid', points: $.sum('$points'), count: $.sum(1) })
      .limit(everything)
      .end(),
  )
  const ledgerBalance = new Map(byPerson.map((row) => [row._id, row.points]))
  const users = listOf<{ _id: string; points: number }>(
    await db.collection(collections.user).aggregate().project({ points: 1 }).limit(everything).end(),
  )
  const userBalance = new Map(users.filter((user) => user.points).map((user) => [user._id, user.points]))
  for (const openid of new Set([...ledgerBalance.keys(), ...userBalance.keys()])) {
    const stored = userBalance.get(openid) ?? 0
    const derived = ledgerBalance.get(openid) ?? 0
    if (stored !== derived) problems.push(`balance of ${openid}: user.points ${stored}, ledger ${derived}`)
  }

  // Tallies, per kind of period.
  const tallies = listOf<TallyRecord>(
    await db.collection(collections.pointsTally).aggregate().match({}).limit(everything).end(),
  )
  const tallyById = new Map(tallies.map((tally) => [tally._id, tally]))
  const derivedTallyIds = new Set<string>()
  for (const kind of periodKinds) {
    const rows = listOf<{ _id: { period: string; openid: string }; points: number; accepted: number }>(
      await entries
        .aggregate()
        .group({
          _id: { period: `$periods.${kind}`, openid: '$openid' },
          points: $.sum('$points'),
          accepted: $.sum(accepted),
        })
        .limit(everything)
        .end(),
    )
    for (const row of rows) {
      const id = `${row._id.period}:${row._id.openid}`
      derivedTallyIds.add(id)
      const tally = tallyById.get(id)
      if (!tally) problems.push(`tally ${id} missing (ledger ${row.points} points)`)
      else if (tally.points !== row.points || tally.acceptedReports !== row.accepted) {
        problems.push(
          `tally ${id}: ${tally.points} points / ${tally.acceptedReports} accepted, ledger ${row.points} / ${row.accepted}`,
        )
      }
    }
  }
  for (const tally of tallies) {
    if (!derivedTallyIds.has(tally._id)) problems.push(`tally ${tally._id} has no ledger entries`)
    if (tally.rankKey !== tallyRankKey(tally.period, tally.list as RankList, tally.points))
      problems.push(`tally ${tally._id}: stale rankKey ${tally.rankKey}`)
  }

  // The ranking index: every tally counted once in its points bucket, per scope.
  const expected = new Map<string, number>()
  for (const tally of tallies) {
    for (const scope of rankScopesOf(tally)) {
      const id = rankBucketIdOf(tally.period, tally.list as RankList, scope, tally.points)
      expected.set(id, (expected.get(id) ?? 0) + 1)
    }
  }
  const buckets = listOf<RankBucket>(
    await db.collection(collections.pointsRank).aggregate().limit(everything).end(),
  )
  const stored = new Map(
    buckets.filter((bucket) => bucket.count !== 0).map((bucket) => [bucket._id, bucket.count]),
  )
  for (const id of new Set([...expected.keys(), ...stored.keys()])) {
    if ((expected.get(id) ?? 0) !== (stored.get(id) ?? 0)) {
      problems.push(`rank bucket ${id}: ${stored.get(id) ?? 0} counted, ${expected.get(id) ?? 0} tallies`)
    }
  }

  return {
    ok: problems.length === 0,
    entries: byPerson.reduce((sum, row) => sum + row.count, 0),
    people: byPerson.length,
    tallies: tallies.length,
    buckets: buckets.length,
    problems,
  }
}
