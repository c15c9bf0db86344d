import {
  applyEntry,
  postDraft,
  tallyChanges,
  type PointsAccount,
  type TallyChange,
} from '../../../src/domain/rewards/account'
import {
  ruleVersion,
  rulesAt,
  tallyIdOf,
  type PointsDraft,
  type PointsEntry,
  type PointsRuleBook,
  type PointsRuleTable,
} from '../../../src/domain/rewards/points'
import type { User } from '../../../src/domain/people/roles'
import { isDuplicateKey } from '../db/results'
import { LostRace, retry } from '../db/retry'
import type { UserStore } from '../people/store'
import { accountOf, type RewardsStore, type TallyRecord, type TallyStep } from './store'

/*
 * How a payment is written, without a transaction and without a document two people share.
 *
 *   1. The entry is inserted with its idempotency key as `_id` and the person's next entry number, unique
 *      per person: that insert is the commit point. A second payment of the same key fails on the `_id`
 *      (nothing is paid twice); a concurrent payment to the same person that read the same account fails
 *      on the number and starts again from the account as it is now, so caps are never overrun.
 *   2. The person's month, quarter and year tallies count it: one update of the existing ones (guarded by
 *      the number of the last entry each counts) and inserts of the new ones.
 *   3. The account on the user document (balance, entry count, standings, days used by the caps) moves to
 *      the entry's number, guarded by the number it stood at.
 *
 * Every step can be repeated without counting anything twice, so a payment stopped between steps is
 * finished by whoever next meets it: a retried request, a re-run job, or the person's next payment, which
 * finds the number taken. An account at number n means entries 1…n are counted everywhere; an entry above
 * it counts in neither the balance, the ledger view nor the standings until finished (only a tally may
 * count it a moment early).
 *
 * A batch (the points job) pays many people at once: one insert for all their entries, one for all new
 * tallies, and per person one tally update and one account update. Anything unexpected (a number taken,
 * a write that found its document moved on) sends that person through `settle`, which finishes their
 * entries one by one, reading what it writes.
 */

export interface ApplyResult {
  /** False when the key was already in the ledger (a retry or a re-run): nothing was paid again. */
  applied: boolean
  entry: PointsEntry
}

/** A person's user document as read, and their account as the batch has moved it. */
interface Holder {
  user: User
  account: PointsAccount
}

/** One person's part of a batch: the account before it and the entries posted on it, in number order. */
interface Run {
  holder: Holder
  before: PointsAccount
  entries: PointsEntry[]
}

/** Rounds of settling a person's account: each lets one of the payments racing for it through. */
const settleAttempts = 12

function tallyOf(
  openid: string,
  nickname: string,
  change: TallyChange,
  seq: number,
  at: string,
): TallyRecord {
  return {
    _id: tallyIdOf(change.period, openid),
    period: change.period,
    kind: change.kind,
    openid,
    nickname,
    ...change.standing,
    seq,
    updatedAt: at,
  }
}

function touchedPeriods(entries: readonly PointsEntry[]): string[] {
  return [
    ...new Set(entries.flatMap((entry) => [entry.periods.month, entry.periods.quarter, entry.periods.year])),
  ]
}

/**
 * The points ledger (collection `points_entry`): append-only, one document per idempotency key, and each
 * person's account and tallies derived from it (see the comment above for how a payment is written).
 */
export class PointsLedger {
  constructor(
    readonly store: RewardsStore,
    private readonly users: UserStore,
    private readonly book: () => PointsRuleBook,
  ) {}

  /** The table an entry is decided by: its own version, else the one in force at its time. */
  rulesFor(draft: PointsDraft): PointsRuleTable | undefined {
    return ruleVersion(this.book(), draft.ruleVersion) ?? rulesAt(this.book(), draft.at)
  }

  /** Pays one draft; `user` is the person's user document as already read (it is read here otherwise). */
  async apply(draft: PointsDraft, user?: User): Promise<ApplyResult> {
    const person = user ?? (await this.users.get(draft.openid))
    if (!person) throw new Error(`points: no user ${draft.openid} to pay`)
    const batch = await this.batch([person])
    batch.post(draft)
    const result = (await batch.commit()).get(draft._id)
    if (!result) throw new Error(`points: ${draft._id} was not paid`)
    return result
  }

  /**
   * A batch over these people's accounts. `known` are ledger entries already read (the job reads those of
   * its cases): a person with one numbered beyond their account has a payment to finish, done first.
   */
  async batch(users: readonly User[], known: readonly PointsEntry[] = []): Promise<PaymentBatch> {
    const holders = new Map(users.map((user) => [user.openid, { user, account: accountOf(user) }]))
    const unfinished = new Set(
      known
        .filter((entry) => entry.seq > (holders.get(entry.openid)?.account.seq ?? Infinity))
        .map((entry) => entry.openid),
    )
    for (const openid of unfinished) {
      const settled = await this.settle(openid)
      if (settled) holders.set(openid, settled)
    }
    return new PaymentBatch(this, holders)
  }

  /** Writes a batch's posted entries (see the comment at the top). */
  async commit(runs: Run[]): Promise<Map<string, ApplyResult>> {
    const results = new Map<string, ApplyResult>()
    const entries = runs.flatMap((run) => run.entries)
    if (entries.length === 0) return results
    try {
      await this.store.insertEntries(entries)
    } catch (error) {
      if (!isDuplicateKey(error)) throw error
      // A key paid before, or a number taken meanwhile: each person's drafts again, one at a time.
      for (const run of runs) {
        for (const result of await this.payOneByOne(run)) results.set(result.entry._id, result)
      }
      return results
    }
    for (const entry of entries) results.set(entry._id, { applied: true, entry })

    const astray = new Set<string>()
    const creations: TallyRecord[] = []
    const updates: Array<Promise<void>> = []
    for (const run of runs) {
      const openid = run.holder.user.openid
      const first = run.entries[0]!
      const last = run.entries[run.entries.length - 1]!
      const changes = tallyChanges(run.before, run.holder.account, run.entries)
      const step = (change: TallyChange): TallyStep => ({
        points: change.points,
        acceptedReports: change.acceptedReports,
        firstAt: change.firstAt,
        nickname: run.holder.user.nickname,
        seq: last.seq,
        updatedAt: last.at,
      })
      for (const change of changes.filter((change) => change.fresh))
        creations.push(tallyOf(openid, run.holder.user.nickname, change, last.seq, last.at))
      // Tallies that change alike (the month, quarter and year of the same entries) in one request.
      const alike = new Map<string, TallyChange[]>()
      for (const change of changes.filter((change) => !change.fresh)) {
        const key = `${change.points}|${change.acceptedReports}|${change.firstAt}`
        alike.set(key, [...(alike.get(key) ?? []), change])
      }
      for (const group of alike.values()) {
        const ids = group.map((change) => tallyIdOf(change.period, openid))
        updates.push(
          this.store.advanceTallies(ids, first.seq, step(group[0]!)).then((updated) => {
            if (updated !== ids.length) astray.add(openid)
          }),
        )
      }
    }
    await Promise.all([...updates, this.createAll(creations, astray)])
    await Promise.all(
      runs
        .filter((run) => !astray.has(run.holder.user.openid))
        .map(async (run) => {
          const moved = await this.store.advanceAccount(
            run.holder.user.openid,
            run.before.seq,
            run.holder.account,
            touchedPeriods(run.entries),
          )
          if (!moved) astray.add(run.holder.user.openid)
        }),
    )
    for (const openid of astray) await this.settle(openid)
    return results
  }

  /** New tallies in as few requests as possible; a person one of whose tallies exists already goes astray. */
  private async createAll(tallies: TallyRecord[], astray: Set<string>): Promise<void> {
    if (tallies.length === 0) return
    try {
      await this.store.createTallies(tallies)
    } catch (error) {
      if (!isDuplicateKey(error)) throw error
      for (const tally of tallies) if (!(await this.store.createTally(tally))) astray.add(tally.openid)
    }
  }

  /**
   * Finishes a person's entries that were written but not applied (a payment stopped half-way, or one still
   * running elsewhere), one by one, and returns their user document and account as they then stand.
   */
  async settle(openid: string): Promise<Holder | undefined> {
    return retry(
      async () => {
        const user = await this.users.get(openid)
        if (!user) return undefined
        const holder: Holder = { user, account: accountOf(user) }
        for (const entry of await this.store.entriesAfter(openid, holder.account.seq)) {
          // Numbers are taken one after another; anything else is not this account's to finish.
          if (entry.seq !== holder.account.seq + 1) break
          if (!(await this.finish(holder, entry))) throw new LostRace()
        }
        return holder
      },
      { attempts: settleAttempts },
    )
  }

  /**
   * Applies one written entry (the next in number) to the tallies and the account, reading the tallies
   * first: each counts it once whoever else is finishing it too. False when the account moved meanwhile.
   */
  private async finish(holder: Holder, entry: PointsEntry): Promise<boolean> {
    const openid = holder.user.openid
    const after = applyEntry(holder.account, entry)
    const changes = tallyChanges(holder.account, after, [entry])
    const stored = await this.store.talliesById(changes.map((change) => tallyIdOf(change.period, openid)))
    const behind: string[] = []
    for (const change of changes) {
      const id = tallyIdOf(change.period, openid)
      let tally = stored.get(id)
      if (!tally) {
        if (await this.store.createTally(tallyOf(openid, holder.user.nickname, change, entry.seq, entry.at)))
          continue
        tally = (await this.store.talliesById([id])).get(id)
      }
      if (!tally || tally.seq < entry.seq) behind.push(id)
    }
    // One entry changes its month, quarter and year alike.
    const change = changes[0]!
    await this.store.advanceTallies(behind, entry.seq, {
      points: change.points,
      acceptedReports: change.acceptedReports,
      firstAt: entry.at,
      nickname: holder.user.nickname,
      seq: entry.seq,
      updatedAt: entry.at,
    })
    if (!(await this.store.advanceAccount(openid, holder.account.seq, after, touchedPeriods([entry]))))
      return false
    holder.account = after
    return true
  }

  /**
   * One person's drafts when the batch insert failed: settle the account, then each draft as its own
   * payment. A key already in the ledger is answered with its entry; a number taken restarts the round.
   */
  private async payOneByOne(run: Run): Promise<ApplyResult[]> {
    const openid = run.holder.user.openid
    const drafts = run.entries.map(({ points: _points, capped: _capped, seq: _seq, ...draft }) => draft)
    const inserted = new Set<string>()
    return retry(
      async () => {
        const holder = await this.settle(openid)
        if (!holder) throw new Error(`points: no user ${openid} to pay`)
        const results: ApplyResult[] = []
        for (const draft of drafts) {
          const { entry } = postDraft(holder.account, draft, this.rulesFor(draft))
          if (await this.store.insertEntry(entry)) {
            inserted.add(entry._id)
            if (!(await this.finish(holder, entry))) throw new LostRace()
            results.push({ applied: true, entry })
            continue
          }
          const existing = await this.store.entry(draft._id)
          // The number was taken by another payment, or this key is still being paid elsewhere.
          if (!existing || existing.seq > holder.account.seq) throw new LostRace()
          results.push({ applied: inserted.has(existing._id), entry: existing })
        }
        return results
      },
      { attempts: settleAttempts },
    )
  }
}

/** Drafts decided on their people's accounts in memory, written together by `commit`. */
export class PaymentBatch {
  private readonly runs = new Map<string, Run>()

  constructor(
    private readonly ledger: PointsLedger,
    private readonly holders: Map<string, Holder>,
  ) {}

  /** Decides a draft on its person's account (caps, number); undefined for someone the batch has no account of. */
  post(draft: PointsDraft): PointsEntry | undefined {
    const holder = this.holders.get(draft.openid)
    if (!holder) return undefined
    const { entry, account } = postDraft(holder.account, draft, this.ledger.rulesFor(draft))
    let run = this.runs.get(draft.openid)
    if (!run) this.runs.set(draft.openid, (run = { holder, before: holder.account, entries: [] }))
    run.entries.push(entry)
    holder.account = account
    return entry
  }

  /** Writes everything posted; the result of each key. */
  commit(): Promise<Map<string, ApplyResult>> {
    return this.ledger.commit([...this.runs.values()])
  }
}
