import { collections, handleApiEvent } from '../../../cloudfunctions/shared/app'
import { rewardsFor } from '../../../cloudfunctions/shared/rewards/rewards'
import type { Runtime } from '../../../cloudfunctions/shared/runtime/runtime'
import { countRequests } from '../../../emulator/database'
import { demoPoints } from '../../../emulator/demo/grids'
import { periodKeysOf, type PointsDraft } from '../../../src/domain/rewards/points'
import { dyingAfter } from '../../factories/faults'
import { documentsWhere } from '../../factories/inspect'
import { addPeople, payDirect, photo, rewardsWorld } from './helpers'

type Helpers = Awaited<ReturnType<typeof rewardsWorld>>

const november = (day: number, time = '10:00') =>
  new Date(`2026-11-${String(day).padStart(2, '0')}T${time}:00+08:00`).toISOString()

let draftCounter = 0
/** A report-accepted draft of 10 points for a person (as the points job drafts them). */
function acceptedDraft(openid: string, at: string): PointsDraft {
  draftCounter += 1
  return {
    _id: `report-accepted:ledger-case-${draftCounter}:${openid}`,
    openid,
    reason: 'report-accepted',
    note: '举报的问题已被受理',
    basePoints: 10,
    caseId: `ledger-case-${draftCounter}`,
    patrolId: null,
    reverses: null,
    reversedReason: null,
    ruleVersion: 1,
    at,
    periods: periodKeysOf(at),
    list: 'public',
    districtId: 'd',
    streetId: 's',
  }
}

/** Every document of every collection, as JSON by `<collection>/<_id>`. */
async function snapshot(r: Helpers): Promise<Map<string, string>> {
  const all = new Map<string, string>()
  for (const name of Object.values(collections)) {
    for (const doc of await documentsWhere<{ _id: string }>(r.world.db, name, {}))
      all.set(`${name}/${doc._id}`, JSON.stringify(doc))
  }
  return all
}

/** The documents an act created, changed or removed. */
async function written(r: Helpers, act: () => Promise<unknown>): Promise<string[]> {
  const before = await snapshot(r)
  await act()
  const after = await snapshot(r)
  return [...new Set([...before.keys(), ...after.keys()])].filter((key) => before.get(key) !== after.get(key))
}

describe('the points ledger: one payment', () => {
  let r: Helpers
  beforeEach(async () => {
    r = await rewardsWorld('2026-11-28T02:00:00.000Z')
    await addPeople(r.world, ['a', 'b'])
  })
  afterEach(() => r.world.close())

  it('costs at most five database requests: the account read, the entry, the tallies (created or moved) and the account', async () => {
    const { ledger } = rewardsFor(r.world.runtime)
    const cost = async (draft: PointsDraft) => (await countRequests(() => ledger.apply(draft))).counts
    // The first of all: three new tallies in one insert.
    expect(await cost(acceptedDraft('a', november(3)))).toEqual({
      requests: 4,
      byKind: { getDocument: 1, insertDocument: 2, modifyDocument: 1 },
    })
    // Another in the same month: the three tallies moved in one update.
    expect(await cost(acceptedDraft('a', november(4)))).toEqual({
      requests: 4,
      byKind: { getDocument: 1, insertDocument: 1, modifyDocument: 2 },
    })
    // The first of a new month: the month's tally created, the quarter's and year's moved.
    expect((await cost(acceptedDraft('a', '2026-12-01T02:00:00.000Z'))).requests).toBe(5)
    // With the account already read (a request's own user document), one fewer.
    const user = await r.world.runtime.db.collection(collections.user).doc('a').get()
    const { counts } = await countRequests(() =>
      ledger.apply(acceptedDraft('a', '2026-12-01T03:00:00.000Z'), user.data[0]),
    )
    expect(counts.requests).toBe(3)
    expect(await r.balance('a')).toBe(40)
    await r.expectReconciled()
  })

  it('writes no document that an unrelated person’s payment writes too (no shared counters or buckets)', async () => {
    // Same period, list, district and points: the people most likely to share a ranking document.
    const byA = await written(r, () => payDirect(r.world, 'a', { points: 10, at: november(3) }))
    const byB = await written(r, () => payDirect(r.world, 'b', { points: 10, at: november(3) }))
    const shared = byA.filter((key) => byB.includes(key))
    expect(shared).toEqual([])
    // Each wrote its entry, its month, quarter and year tallies and its own user document, nothing else.
    expect(byA.map((key) => key.split('/')[0]).sort()).toEqual([
      'points_entry',
      'points_tally',
      'points_tally',
      'points_tally',
      'user',
    ])
    expect(byA).toContain('user/a')
    expect(byB).toContain('user/b')
  })

  it('lets concurrent payments to one person through one at a time, so the daily cap is never overrun', async () => {
    const { ledger } = rewardsFor(r.world.runtime)
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => ledger.apply(acceptedDraft('a', november(5, `10:0${i}`)))),
    )
    expect(results.every((result) => result.applied)).toBe(true)
    expect(results.map((result) => result.entry.seq).sort()).toEqual([1, 2, 3, 4, 5, 6])
    expect(results.reduce((sum, result) => sum + result.entry.points, 0)).toBe(40)
    expect(await r.balance('a')).toBe(40)
    await r.expectReconciled()
  })

  it('pays the same key once however many times and however concurrently it is paid', async () => {
    const { ledger } = rewardsFor(r.world.runtime)
    const draft = acceptedDraft('a', november(6))
    const results = await Promise.all([1, 2, 3, 4].map(() => ledger.apply(draft)))
    expect(results.filter((result) => result.applied)).toHaveLength(1)
    expect(new Set(results.map((result) => result.entry._id))).toEqual(new Set([draft._id]))
    expect(await r.balance('a')).toBe(10)
    await r.expectReconciled()
  })

  it('pays many people at once without one payment waiting on another', async () => {
    const crowd = Array.from({ length: 12 }, (_, i) => `c${i}`)
    await addPeople(r.world, crowd)
    const { ledger } = rewardsFor(r.world.runtime)
    const { counts } = await countRequests(() =>
      Promise.all(crowd.map((openid) => ledger.apply(acceptedDraft(openid, november(7))))),
    )
    // Four requests each, none repeated after a lost race.
    expect(counts.requests).toBe(crowd.length * 4)
    for (const openid of crowd) expect(await r.balance(openid)).toBe(10)
    await r.expectReconciled()
  })
})

describe('the points ledger: a payment stopped half-way', () => {
  const checkIn = (requestId: string) => ({
    requestId,
    location: demoPoints.yingyueRoadGrid1,
    photos: [photo],
    note: '巡查',
  })

  /** What the volunteer sees: balance (me.get) and the ledger (points.mine) must agree. */
  async function seen(r: Helpers) {
    const me = await r.world.ok('demo-volunteer', 'me.get', {})
    const mine = await r.world.ok('demo-volunteer', 'points.mine', {})
    return {
      balance: me.points,
      ledger: mine.ledger.items.reduce((sum, item) => sum + item.points, 0),
      month: mine.month.points,
    }
  }

  it('after being killed at any request, shows either nothing or all of it, and the retry completes it once', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => {})
    for (let kill = 0; kill <= 6; kill += 1) {
      const r = await rewardsWorld()
      await r.world.ok('demo-volunteer', 'me.get', {})
      const payload = await r.world.withPhotos('demo-volunteer', checkIn('half-way-0001'))
      const dying = dyingAfter(r.world.engine, kill)
      const killed: Runtime = { ...r.world.runtime, db: dying.db }
      await handleApiEvent(
        killed,
        { action: 'patrol.checkIn', payload },
        {
          openid: 'demo-volunteer',
        },
      )
      const view = await seen(r)
      expect([view.balance, view.ledger, view.month]).toEqual(view.balance === 0 ? [0, 0, 0] : [3, 3, 3])

      const retried = await r.world.ok('demo-volunteer', 'patrol.checkIn', checkIn('half-way-0001'))
      expect(retried.points).toBe(3)
      expect(await seen(r)).toEqual({ balance: 3, ledger: 3, month: 3 })
      expect(await r.entries('demo-volunteer')).toHaveLength(1)
      await r.expectReconciled()
      await r.world.close()
    }
  })

  it('is finished by the person’s next payment when the request is never retried', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => {})
    const r = await rewardsWorld()
    await r.world.ok('demo-volunteer', 'me.get', {})
    const payload = await r.world.withPhotos('demo-volunteer', checkIn('never-retried'))
    // Killed right after its entry was written (user, grid tree of a cold instance, patrol, entry).
    const killed: Runtime = { ...r.world.runtime, db: dyingAfter(r.world.engine, 4).db }
    const answer = await handleApiEvent(
      killed,
      { action: 'patrol.checkIn', payload },
      {
        openid: 'demo-volunteer',
      },
    )
    expect(answer.ok).toBe(false)
    expect(await r.entries('demo-volunteer')).toHaveLength(1)
    expect(await r.balance('demo-volunteer')).toBe(0)

    await r.world.ok('demo-volunteer', 'patrol.checkIn', checkIn('the-next-one'))
    expect(await r.balance('demo-volunteer')).toBe(6)
    expect((await r.entries('demo-volunteer')).map((entry) => entry.seq).sort()).toEqual([1, 2])
    await r.expectReconciled()
    await r.world.close()
  })
})
