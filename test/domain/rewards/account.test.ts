import {
  applyEntry,
  daysKept,
  emptyAccount,
  postDraft,
  recentEntriesKept,
  recentRange,
  tallyChanges,
  type PointsAccount,
} from '../../../src/domain/rewards/account'
import { periodKeysOf, type PointsDraft } from '../../../src/domain/rewards/points'
import { shippedSettings } from '../../../src/domain/settings'

const rules = shippedSettings.pointsRules.versions[0]!

function draft(
  at: string,
  overrides: Partial<PointsDraft> = {},
  id = `report-accepted:${at}:resident-1`,
): PointsDraft {
  return {
    _id: id,
    openid: 'resident-1',
    reason: 'report-accepted',
    note: '举报的问题已被受理',
    basePoints: rules.points.reportAccepted,
    caseId: 'case-1',
    patrolId: null,
    reverses: null,
    reversedReason: null,
    ruleVersion: rules.version,
    at,
    periods: periodKeysOf(at),
    list: 'public',
    districtId: 'district-a',
    streetId: 'street-a',
    ...overrides,
  }
}

/** Posts drafts one after another on an account, as the ledger does. */
function postAll(drafts: PointsDraft[], account: PointsAccount = emptyAccount) {
  const entries = []
  for (const item of drafts) {
    const posted = postDraft(account, item, rules)
    entries.push(posted.entry)
    account = posted.account
  }
  return { entries, account }
}

describe('a person’s points account', () => {
  it('numbers entries one after another and keeps the balance and each period’s standing', () => {
    const { entries, account } = postAll([
      draft('2026-11-23T02:00:00.000Z'),
      draft('2026-11-24T02:00:00.000Z'),
    ])
    expect(entries.map((entry) => [entry.seq, entry.points])).toEqual([
      [1, 10],
      [2, 10],
    ])
    expect(account).toMatchObject({ balance: 20, seq: 2 })
    for (const period of ['2026-11', '2026-Q4', '2026'])
      expect(account.standings[period]).toEqual({
        list: 'public',
        districtId: 'district-a',
        streetId: 'street-a',
        points: 20,
        acceptedReports: 2,
        firstAt: '2026-11-23T02:00:00.000Z',
        earned: 20,
      })
  })

  it('decides caps from the account: the daily cap by the entry’s day, the monthly by its month', () => {
    const day = Array.from({ length: 5 }, (_, i) => draft(`2026-11-23T0${i}:00:00.000Z`))
    const { entries, account } = postAll(day)
    expect(entries.map((entry) => entry.points)).toEqual([10, 10, 10, 10, 0])
    expect(entries[4]!.capped).toBe(true)
    // The next Beijing day starts again; the month keeps counting what was earned.
    const next = postDraft(account, draft('2026-11-24T02:00:00.000Z'), rules)
    expect(next.entry.points).toBe(10)
    expect(next.account.standings['2026-11']!.earned).toBe(50)
  })

  it('books a reversal in the periods of what it cancels, takes an accepted report back, and gives no cap room back', () => {
    const { entries, account } = postAll([draft('2026-11-30T10:00:00.000Z')])
    const original = entries[0]!
    const reversal = postDraft(
      account,
      draft('2026-12-02T02:00:00.000Z', {
        _id: `reversal:${original._id}`,
        reason: 'reversal',
        basePoints: -original.points,
        reverses: original._id,
        reversedReason: 'report-accepted',
        periods: original.periods,
      }),
      rules,
    )
    expect(reversal.entry).toMatchObject({ points: -10, seq: 2 })
    expect(reversal.account.balance).toBe(0)
    expect(reversal.account.standings['2026-11']).toMatchObject({ points: 0, acceptedReports: 0, earned: 10 })
    expect(reversal.account.standings['2026-12']).toBeUndefined()
  })

  it('keeps the earliest entry of a period as its first, whatever order entries arrive in', () => {
    const { account } = postAll([draft('2026-11-23T05:00:00.000Z'), draft('2026-11-23T01:00:00.000Z')])
    expect(account.standings['2026-11']!.firstAt).toBe('2026-11-23T01:00:00.000Z')
  })

  it(`keeps the caps of the last ${daysKept} days only`, () => {
    const days = Array.from({ length: 10 }, (_, i) => draft(`2026-11-${String(10 + i)}T02:00:00.000Z`))
    const { account } = postAll(days)
    expect(Object.keys(account.days).sort()).toEqual(
      Array.from({ length: daysKept }, (_, i) => `2026-11-${String(10 + 10 - daysKept + i)}`),
    )
  })

  it('applies an entry already decided exactly as it was posted (how a stopped payment is finished)', () => {
    const posted = postDraft(emptyAccount, draft('2026-11-23T02:00:00.000Z'), rules)
    expect(applyEntry(emptyAccount, posted.entry)).toEqual(posted.account)
  })

  it('says which tallies a run of entries creates and which it moves, and by how much', () => {
    const first = postAll([draft('2026-11-30T10:00:00.000Z')])
    const run = postAll(
      [
        draft('2026-12-01T02:00:00.000Z'),
        draft('2026-12-01T01:00:00.000Z', {}, 'report-accepted:x:resident-1'),
      ],
      first.account,
    )
    expect(tallyChanges(first.account, run.account, run.entries)).toEqual([
      expect.objectContaining({
        period: '2026-12',
        kind: 'month',
        fresh: true,
        points: 20,
        acceptedReports: 2,
      }),
      expect.objectContaining({
        period: '2026-Q4',
        kind: 'quarter',
        fresh: false,
        points: 20,
        acceptedReports: 2,
        firstAt: '2026-12-01T01:00:00.000Z',
      }),
      expect.objectContaining({ period: '2026', kind: 'year', fresh: false, points: 20 }),
    ])
  })
})

describe('the recent entries kept with an account (the ledger’s first page)', () => {
  const days = Array.from({ length: recentEntriesKept + 5 }, (_, i) =>
    new Date(Date.UTC(2026, 10, 1 + (i % 28), 2, i)).toISOString(),
  )
  const posted = postAll(days.map((at, i) => draft(at, {}, `entry-${i}`)))

  it('keeps the latest entries, newest number first, and no more than it keeps', () => {
    expect(posted.account.recent).toHaveLength(recentEntriesKept)
    expect(posted.account.recent[0]).toMatchObject({ _id: `entry-${days.length - 1}`, seq: days.length })
    expect(posted.account.recent.map((entry) => entry.seq)).toEqual(
      Array.from({ length: recentEntriesKept }, (_, i) => days.length - i),
    )
  })

  it('keeps an entry applied twice (a finished payment met again) once', () => {
    const last = posted.entries[posted.entries.length - 1]!
    expect(applyEntry({ ...posted.account, seq: last.seq - 1 }, last).recent).toEqual(posted.account.recent)
  })

  it('answers a range of numbers only when it holds every one of them', () => {
    const top = days.length
    expect(recentRange(posted.account.recent, top, top - 2)?.map((entry) => entry.seq)).toEqual([
      top,
      top - 1,
      top - 2,
    ])
    // Older than what is kept: the ledger must be read.
    expect(recentRange(posted.account.recent, 5, 1)).toBeUndefined()
    expect(recentRange([], 1, 1)).toBeUndefined()
  })
})
