import {
  applyCaps,
  periodKinds,
  tallyDelta,
  type CapsUsed,
  type PeriodKind,
  type PointsDraft,
  type PointsEntry,
  type PointsRuleTable,
  type RankList,
} from './points'

/**
 * A person's points account, pure: what the ledger keeps on their user document (balance, how many entries
 * were applied, their standing in every period, and what the daily caps have used) and how one entry
 * changes it. One person's account is written only by payments to that person, so no payment ever waits on
 * someone else's.
 */

/** A person's standing in one period (month, quarter or year): what the ranking orders. */
export interface PeriodStanding {
  /** The list and place of the person's first entry in the period; they stay for the period. */
  list: RankList
  districtId: string
  streetId: string
  points: number
  acceptedReports: number
  /** When the person first earned an entry in the period: the last tie-break. */
  firstAt: string
  /** Positive points earned in the period (the monthly cap counts them; reversals give nothing back). */
  earned: number
}

/** Positive points and paid check-ins of one Beijing day, for the daily caps. */
export interface DayUse {
  earned: number
  patrols: number
}

export interface PointsAccount {
  balance: number
  /** Entries applied so far: entry number `seq + 1` is the next one, and no two entries share a number. */
  seq: number
  /** Every period the person has a tally in, by period key (`2026-11`, `2026-Q4`, `2026`). */
  standings: Record<string, PeriodStanding>
  /** The most recent days with entries (see daysKept), by day key (`2026-11-23`). */
  days: Record<string, DayUse>
  /** The latest entries, newest number first (see recentEntriesKept). */
  recent: RecentEntry[]
}

/** Days kept for the daily caps: an entry arrives at most minutes late, a week is ample. */
export const daysKept = 7

export const emptyAccount: PointsAccount = { balance: 0, seq: 0, standings: {}, days: {}, recent: [] }

/** What the caps have used on the draft's day and in its month. */
export function capsUsedFor(account: PointsAccount, draft: Pick<PointsDraft, 'periods'>): CapsUsed {
  const day = account.days[draft.periods.day]
  return {
    day: day?.earned ?? 0,
    month: account.standings[draft.periods.month]?.earned ?? 0,
    patrolsToday: day?.patrols ?? 0,
  }
}

/**
 * Decides a draft against the account: the caps, the entry's number, and the account after it. Without a
 * rule table (a version no longer configured) the draft is paid as drafted.
 */
export function postDraft(
  account: PointsAccount,
  draft: PointsDraft,
  rules: PointsRuleTable | undefined,
): { entry: PointsEntry; account: PointsAccount } {
  const decided = rules
    ? applyCaps(draft, rules, capsUsedFor(account, draft)).entry
    : { ...draft, points: draft.basePoints, capped: false }
  const entry: PointsEntry = { ...decided, seq: account.seq + 1 }
  return { entry, account: applyEntry(account, entry) }
}

/** The account after one decided entry (the next in number): also how a half-written payment is finished. */
export function applyEntry(account: PointsAccount, entry: PointsEntry): PointsAccount {
  const delta = tallyDelta(entry)
  const earned = Math.max(0, entry.points)
  const standings = { ...account.standings }
  for (const kind of periodKinds) {
    const period = entry.periods[kind]
    const before = standings[period]
    standings[period] = before
      ? {
          ...before,
          points: before.points + delta.points,
          acceptedReports: before.acceptedReports + delta.acceptedReports,
          firstAt: entry.at < before.firstAt ? entry.at : before.firstAt,
          earned: before.earned + earned,
        }
      : {
          list: entry.list,
          districtId: entry.districtId,
          streetId: entry.streetId,
          points: delta.points,
          acceptedReports: delta.acceptedReports,
          firstAt: entry.at,
          earned,
        }
  }
  const day = account.days[entry.periods.day] ?? { earned: 0, patrols: 0 }
  const paidPatrol = entry.reason === 'patrol-check-in' && entry.points > 0 ? 1 : 0
  const days = {
    ...account.days,
    [entry.periods.day]: { earned: day.earned + earned, patrols: day.patrols + paidPatrol },
  }
  return {
    balance: account.balance + entry.points,
    seq: entry.seq,
    standings,
    days: recentDays(days),
    recent: recentAfter(account.recent, [entry]),
  }
}

function recentDays(days: Record<string, DayUse>): Record<string, DayUse> {
  const keys = Object.keys(days).sort()
  if (keys.length <= daysKept) return days
  return Object.fromEntries(keys.slice(-daysKept).map((key) => [key, days[key]!]))
}

/** How a run of entries changes one period tally of the person. */
export interface TallyChange {
  period: string
  kind: PeriodKind
  /** No tally existed for the period before these entries: it is created with `standing`. */
  fresh: boolean
  points: number
  acceptedReports: number
  /** The earliest entry time among the entries (the tally keeps the earlier of it and its own). */
  firstAt: string
  /** The standing after the entries. */
  standing: PeriodStanding
}

/** The tallies a run of one person's entries touches (each once), and how: from the accounts before and after. */
export function tallyChanges(
  before: PointsAccount,
  after: PointsAccount,
  entries: readonly PointsEntry[],
): TallyChange[] {
  const changes = new Map<string, TallyChange>()
  for (const entry of entries) {
    for (const kind of periodKinds) {
      const period = entry.periods[kind]
      const known = changes.get(period)
      if (known) {
        if (entry.at < known.firstAt) known.firstAt = entry.at
        continue
      }
      const old = before.standings[period]
      const now = after.standings[period]!
      changes.set(period, {
        period,
        kind,
        fresh: !old,
        points: now.points - (old?.points ?? 0),
        acceptedReports: now.acceptedReports - (old?.acceptedReports ?? 0),
        firstAt: entry.at,
        standing: now,
      })
    }
  }
  return [...changes.values()]
}

/** A ledger entry as the person's own first page shows it, kept on the account (see recentAfter). */
export type RecentEntry = Pick<
  PointsEntry,
  '_id' | 'seq' | 'points' | 'reason' | 'note' | 'caseId' | 'patrolId' | 'at' | 'ruleVersion' | 'capped'
>

/** Entries kept with the account: the ledger's first page is then read with the account itself. */
export const recentEntriesKept = 20

/**
 * The account's recent entries after `entries` were applied: newest number first, at most
 * `recentEntriesKept`. Numbers are unique per person, so an entry seen twice is kept once.
 */
export function recentAfter(recent: readonly RecentEntry[], entries: readonly PointsEntry[]): RecentEntry[] {
  const bySeq = new Map<number, RecentEntry>(recent.map((entry) => [entry.seq, entry]))
  for (const entry of entries) {
    const { _id, seq, points, reason, note, caseId, patrolId, at, ruleVersion, capped } = entry
    bySeq.set(seq, { _id, seq, points, reason, note, caseId, patrolId, at, ruleVersion, capped })
  }
  return [...bySeq.values()].sort((a, b) => b.seq - a.seq).slice(0, recentEntriesKept)
}

/**
 * The entries numbered `from` down to `to` (inclusive) out of the recent ones, or undefined when any of them
 * is missing there (an account written before entries were kept with it): the caller reads the ledger then.
 */
export function recentRange(
  recent: readonly RecentEntry[],
  from: number,
  to: number,
): RecentEntry[] | undefined {
  const wanted: RecentEntry[] = []
  for (let seq = from; seq >= to; seq--) {
    const entry = recent.find((candidate) => candidate.seq === seq)
    if (!entry) return undefined
    wanted.push(entry)
  }
  return wanted
}
