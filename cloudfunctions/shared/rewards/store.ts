import type { Db } from '@cloudbase/database'
import {
  rankScopesOf,
  type PeriodKind,
  type PointsEntry,
  type RankList,
} from '../../../src/domain/rewards/points'
import {
  emptyAccount,
  type DayUse,
  type PeriodStanding,
  type PointsAccount,
  type RecentEntry,
} from '../../../src/domain/rewards/account'
import type { User } from '../../../src/domain/people/roles'
import { rewardsSchema } from './collections'
import { peopleSchema } from '../people/collections'
import { checked, firstOf, isDuplicateKey, listOf, totalOf, updatedCount } from '../db/results'

// Each person's account lives on their user document: me.get shows the balance without another read.
const collections = { ...rewardsSchema.collections, ...peopleSchema.collections }

/** CloudBase returns at most 1000 documents per read. */
const maxPerRead = 1000
/** Documents per insert request; a long batch is split. */
const maxPerInsert = 100

/**
 * A person's standing in one period as the rankings read it (collection `points_tally`, `_id` =
 * `<period>:<openid>`): a copy of the account's standing, with the nickname for the leaderboard and the
 * number of the last entry it counts (so that writing it twice never counts an entry twice).
 */
export interface TallyRecord extends PeriodStanding {
  _id: string
  period: string
  kind: PeriodKind
  openid: string
  /** The person's nickname when the tally was last written (a leaderboard needs no second read). */
  nickname: string
  seq: number
  updatedAt: string
}

/** The points fields of a user document (see PointsAccount). */
interface AccountFields {
  points: number
  pointsSeq?: number
  pointsStandings?: Record<string, PeriodStanding>
  pointsDays?: Record<string, DayUse>
  pointsRecent?: RecentEntry[]
}

export function accountOf(user: User): PointsAccount {
  const fields = user as User & AccountFields
  return {
    balance: fields.points ?? 0,
    seq: fields.pointsSeq ?? emptyAccount.seq,
    standings: fields.pointsStandings ?? {},
    days: fields.pointsDays ?? {},
    recent: fields.pointsRecent ?? [],
  }
}

/** What one guarded write adds to each tally it names. */
export interface TallyStep {
  points: number
  acceptedReports: number
  /** Kept when earlier than the tally's own. */
  firstAt: string
  nickname: string
  /** The number of the last entry the step counts. */
  seq: number
  updatedAt: string
}

export interface RankQuery {
  period: string
  list: RankList
  /** 'all', 'district:<id>' or 'street:<id>'. */
  scope: string
}

export interface Ranking {
  /**
   * People ranked in the period, list and scope, when the top holds them all; null when more are ranked
   * than shown (a count over the whole board would be one more request on every call).
   */
  total: number | null
  top: TallyRecord[]
  me: { rank: number; points: number; acceptedReports: number } | null
}

/** Whose place a ranking also gives, with their standing in the period (it comes with their account). */
export interface RankSubject {
  openid: string
  standing: PeriodStanding | null
}

function plainEntry(doc: Record<string, unknown>): PointsEntry {
  const { _openid: _ignored, ...entry } = doc as unknown as PointsEntry & { _openid?: string }
  return entry
}

function scopeFilter(scope: string): Record<string, string> {
  if (scope.startsWith('district:')) return { districtId: scope.slice('district:'.length) }
  if (scope.startsWith('street:')) return { streetId: scope.slice('street:'.length) }
  return {}
}

/**
 * The only code that touches the rewards collections (`points_entry`, `points_tally`, `points_cursor`) and
 * the points fields of `user`. Every write here is either an insert with an explicit `_id` (a second one fails)
 * or guarded by an entry number, so that repeating any of them after a crash changes nothing.
 */
export class RewardsStore {
  constructor(private readonly db: Db) {}

  private get entries() {
    return this.db.collection(collections.pointsEntry)
  }

  private get tallies() {
    return this.db.collection(collections.pointsTally)
  }

  // ---- the ledger -------------------------------------------------------------------------------

  async entry(key: string): Promise<PointsEntry | undefined> {
    const doc = firstOf<Record<string, unknown>>(await this.entries.doc(key).get())
    return doc ? plainEntry(doc) : undefined
  }

  /** Every entry of these cases, oldest first (one indexed read per thousand). */
  async entriesOfCases(caseIds: string[]): Promise<PointsEntry[]> {
    const unique = [...new Set(caseIds)]
    if (unique.length === 0) return []
    const _ = this.db.command
    const found: PointsEntry[] = []
    for (let skip = 0; ; skip += maxPerRead) {
      const rows = listOf<Record<string, unknown>>(
        await this.entries
          .where({ caseId: unique.length === 1 ? unique[0] : _.in(unique) })
          .orderBy('_id', 'asc')
          .skip(skip)
          .limit(maxPerRead)
          .get(),
      )
      found.push(...rows.map(plainEntry))
      if (rows.length < maxPerRead) break
    }
    return found.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a._id < b._id ? -1 : 1))
  }

  /** A person's entries numbered after `seq`, in number order: written, maybe not yet applied. */
  async entriesAfter(openid: string, seq: number): Promise<PointsEntry[]> {
    const rows = listOf<Record<string, unknown>>(
      await this.entries
        .where({ openid, seq: this.db.command.gt(seq) })
        .orderBy('seq', 'asc')
        .limit(maxPerRead)
        .get(),
    )
    return rows.map(plainEntry)
  }

  /**
   * A page of a person's ledger, newest number first, among the entries their account counts (numbers
   * 1…`counted`): a range of numbers, so a deep page skips nothing.
   */
  async ledgerPage(openid: string, counted: number, page: number, pageSize: number): Promise<PointsEntry[]> {
    const newest = counted - (page - 1) * pageSize
    if (newest < 1) return []
    const _ = this.db.command
    const rows = listOf<Record<string, unknown>>(
      await this.entries
        .where({ openid, seq: _.lte(newest).and(_.gt(newest - pageSize)) })
        .orderBy('seq', 'desc')
        .limit(pageSize)
        .get(),
    )
    return rows.map(plainEntry)
  }

  /** Inserts entries, a hundred per request; fails with a duplicate-key error when a key or number is taken. */
  async insertEntries(entries: readonly PointsEntry[]): Promise<void> {
    await this.insertChunked(collections.pointsEntry, entries)
  }

  /** Inserts one entry; false when its key or its number is taken. */
  async insertEntry(entry: PointsEntry): Promise<boolean> {
    return this.insertOne(collections.pointsEntry, { ...entry })
  }

  // ---- tallies ----------------------------------------------------------------------------------

  async talliesById(ids: string[]): Promise<Map<string, TallyRecord>> {
    if (ids.length === 0) return new Map()
    const rows = listOf<TallyRecord>(
      await this.tallies
        .where({ _id: this.db.command.in(ids) })
        .limit(ids.length)
        .get(),
    )
    return new Map(rows.map((row) => [row._id, row]))
  }

  /** Creates tallies, a hundred per request; fails with a duplicate-key error when one exists. */
  async createTallies(tallies: readonly TallyRecord[]): Promise<void> {
    await this.insertChunked(collections.pointsTally, tallies)
  }

  /** Creates one tally; false when it exists. */
  async createTally(tally: TallyRecord): Promise<boolean> {
    return this.insertOne(collections.pointsTally, { ...tally })
  }

  /**
   * Adds a step to the named tallies that do not count entry `fromSeq` yet (those numbered below it), in one
   * request; returns how many it changed. A tally that counts it already is left as it is.
   */
  async advanceTallies(ids: string[], fromSeq: number, step: TallyStep): Promise<number> {
    if (ids.length === 0) return 0
    const _ = this.db.command
    const result = await this.tallies.where({ _id: _.in(ids), seq: _.lt(fromSeq) }).update({
      points: _.inc(step.points),
      acceptedReports: _.inc(step.acceptedReports),
      firstAt: _.min(step.firstAt),
      nickname: step.nickname,
      seq: step.seq,
      updatedAt: step.updatedAt,
    })
    return updatedCount(result)
  }

  // ---- accounts ---------------------------------------------------------------------------------

  /**
   * Moves a person's account from entry number `fromSeq` to `after`, only if it still stands at `fromSeq`
   * (false otherwise: someone else applied those entries). Writes the standings of `periods` only.
   */
  async advanceAccount(
    openid: string,
    fromSeq: number,
    after: PointsAccount,
    periods: readonly string[],
  ): Promise<boolean> {
    const _ = this.db.command
    // An account that never had an entry has no number yet.
    const at = fromSeq === 0 ? _.in([0, null]) : fromSeq
    const standings = Object.fromEntries(
      periods.map((period) => [`pointsStandings.${period}`, _.set({ ...after.standings[period]! })]),
    )
    const result = await this.db
      .collection(collections.user)
      .where({ _id: openid, pointsSeq: at })
      .update({
        points: after.balance,
        pointsSeq: after.seq,
        pointsDays: _.set({ ...after.days }),
        // An array is replaced whole by an update, never merged.
        pointsRecent: after.recent.map((entry) => ({ ...entry })),
        ...standings,
      })
    return updatedCount(result) === 1
  }

  // ---- rankings ---------------------------------------------------------------------------------

  /**
   * The top of a period's ranking from the tallies' index in the ranking order, and one person's place:
   * found in the top, or one count of those ahead (more points; as many and more accepted reports; …; the
   * tie levels in one `or`). At most two requests; how many are ranked is known only when the top is not full.
   */
  async rank(query: RankQuery, limit: number, subject?: RankSubject): Promise<Ranking> {
    const board = { period: query.period, list: query.list, ...scopeFilter(query.scope) }
    const top =
      limit > 0
        ? listOf<TallyRecord>(
            await this.tallies
              .where(board)
              .orderBy('points', 'desc')
              .orderBy('acceptedReports', 'desc')
              .orderBy('firstAt', 'asc')
              .orderBy('openid', 'asc')
              .limit(limit)
              .get(),
          )
        : []
    const everyoneShown = limit > 0 && top.length < limit

    const index = subject ? top.findIndex((tally) => tally.openid === subject.openid) : -1
    const shown = top[index]
    const mine = subject?.standing
    // Not in the top: ranked here only if my standing is in this list and scope; then those ahead are counted.
    const counted =
      !shown && subject && mine && mine.list === query.list && rankScopesOf(mine).includes(query.scope)
        ? { openid: subject.openid, standing: mine }
        : undefined
    const ahead = counted ? await this.countAhead(board, counted.openid, counted.standing) : 0
    const total = everyoneShown ? top.length : null
    const me: Ranking['me'] = shown
      ? { rank: index + 1, points: shown.points, acceptedReports: shown.acceptedReports }
      : counted
        ? {
            rank: ahead + 1,
            points: counted.standing.points,
            acceptedReports: counted.standing.acceptedReports,
          }
        : null
    return { total, top, me }
  }

  /** Those ranked ahead of a standing on a board, by the stated order's levels, in one count. */
  private async countAhead(
    board: Record<string, string>,
    openid: string,
    mine: PeriodStanding,
  ): Promise<number> {
    const _ = this.db.command
    const level = { ...board, points: mine.points }
    const result = await this.tallies
      .where(
        _.or([
          { ...board, points: _.gt(mine.points) },
          { ...level, acceptedReports: _.gt(mine.acceptedReports) },
          { ...level, acceptedReports: mine.acceptedReports, firstAt: _.lt(mine.firstAt) },
          { ...level, acceptedReports: mine.acceptedReports, firstAt: mine.firstAt, openid: _.lt(openid) },
        ]),
      )
      .count()
    return totalOf(result)
  }

  // ---- the points job's cursor ------------------------------------------------------------------

  async readCursor(id: string): Promise<PointsCursor | undefined> {
    return firstOf<PointsCursor>(await this.db.collection(collections.pointsCursor).doc(id).get())
  }

  async writeCursor(cursor: PointsCursor): Promise<void> {
    const { _id, ...fields } = cursor
    checked(await this.db.collection(collections.pointsCursor).doc(_id).set(fields))
  }

  /** Inserts documents a hundred per request; a duplicate key fails the call. */
  private async insertChunked(collection: string, docs: readonly object[]): Promise<void> {
    for (let start = 0; start < docs.length; start += maxPerInsert)
      checked(
        await this.db
          .collection(collection)
          .add(docs.slice(start, start + maxPerInsert).map((doc) => ({ ...doc }))),
      )
  }

  private async insertOne(collection: string, doc: object): Promise<boolean> {
    try {
      checked(await this.db.collection(collection).add(doc))
      return true
    } catch (error) {
      if (isDuplicateKey(error)) return false
      throw error
    }
  }
}

/** The cursor of the points job over `case_event` (collection `points_cursor`). */
export interface PointsCursor {
  _id: string
  at: string
  eventId: string
  /** Events of the settle window behind `at` already projected: `[id, feedAt]`, so a re-read skips them. */
  recent?: Array<[string, string]>
  updatedAt: string
}
