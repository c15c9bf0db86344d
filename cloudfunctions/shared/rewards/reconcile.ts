import { periodKinds } from '../../../src/domain/rewards/points'
import type { PeriodStanding } from '../../../src/domain/rewards/account'
import { rewardsSchema } from './collections'
import { peopleSchema } from '../people/collections'
import type { TallyRecord } from './store'
import { listOf } from '../db/results'
import type { Runtime } from '../runtime/runtime'

const collections = { ...rewardsSchema.collections, ...peopleSchema.collections }

export interface ReconcileReport {
  ok: boolean
  entries: number
  people: number
  tallies: number
  /** Each disagreement in words, e.g. `balance of demo-resident: user.points 12, ledger 10`. */
  problems: string[]
}

/** Aggregations return every group here; CloudBase pages them (20 by default) unless a limit is given. */
const everything = 10_000_000

interface StoredAccount {
  _id: string
  points?: number
  pointsSeq?: number
  pointsStandings?: Record<string, PeriodStanding>
}

/**
 * The check behind "balances are derived": sums the ledger with the database's aggregation (never in the
 * function) and compares it with every account (balance `user.points`, entry count `user.pointsSeq`, the
 * standings kept for each period) and every month, quarter and year tally (points and accepted reports).
 * An entry written but not yet applied (a payment stopped half-way, not yet finished) shows up as a
 * difference. An operator's and the tests' check, not a request path: it reads the whole ledger once.
 */
export async function reconcilePoints(runtime: Runtime): Promise<ReconcileReport> {
  const db = runtime.db
  const $ = db.command.aggregate
  const problems: string[] = []
  const entries = db.collection(collections.pointsEntry)
  const accepted = $.cond({
    if: $.eq(['$reason', 'report-accepted']),
    then: 1,
    else: $.cond({ if: $.eq(['$reversedReason', 'report-accepted']), then: -1, else: 0 }),
  })

  // Accounts: balance and entry count.
  const byPerson = listOf<{ _id: string; points: number; count: number; lastSeq: number }>(
    await entries
      .aggregate()
      .group({ _id: '$openid', points: $.sum('$points'), count: $.sum(1), lastSeq: $.max('$seq') })
      .limit(everything)
      .end(),
  )
  const ledgerOf = new Map(byPerson.map((row) => [row._id, row]))
  const users = listOf<StoredAccount>(
    await db
      .collection(collections.user)
      .aggregate()
      .project({ points: 1, pointsSeq: 1, pointsStandings: 1 })
      .limit(everything)
      .end(),
  )
  const accounts = new Map(users.map((user) => [user._id, user]))
  for (const openid of new Set([...ledgerOf.keys(), ...users.filter((u) => u.points).map((u) => u._id)])) {
    const stored = accounts.get(openid)
    const derived = ledgerOf.get(openid)
    if ((stored?.points ?? 0) !== (derived?.points ?? 0))
      problems.push(
        `balance of ${openid}: user.points ${stored?.points ?? 0}, ledger ${derived?.points ?? 0}`,
      )
    const count = derived?.count ?? 0
    if ((stored?.pointsSeq ?? 0) !== count || (derived && derived.lastSeq !== count))
      problems.push(
        `entries of ${openid}: user.pointsSeq ${stored?.pointsSeq ?? 0}, ledger ${count} numbered up to ${derived?.lastSeq ?? 0}`,
      )
  }

  // Tallies and standings, per kind of period.
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
      const standing = accounts.get(row._id.openid)?.pointsStandings?.[row._id.period]
      if (!standing || standing.points !== row.points || standing.acceptedReports !== row.accepted) {
        problems.push(
          `standing ${id}: ${standing ? `${standing.points} points / ${standing.acceptedReports} accepted` : 'missing'}, ledger ${row.points} / ${row.accepted}`,
        )
      }
    }
  }
  for (const tally of tallies)
    if (!derivedTallyIds.has(tally._id)) problems.push(`tally ${tally._id} has no ledger entries`)

  return {
    ok: problems.length === 0,
    entries: byPerson.reduce((sum, row) => sum + row.count, 0),
    people: byPerson.length,
    tallies: tallies.length,
    problems,
  }
}
