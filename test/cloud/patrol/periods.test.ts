import { collections } from '../../../cloudfunctions/shared/app'
import { coverageJob, runCoverageJob } from '../../../cloudfunctions/shared/patrol/coverage-job'
import type { PatrolRecord } from '../../../cloudfunctions/shared/patrol/store'
import { storesFor } from '../../../cloudfunctions/shared/runtime/context'
import { gridsUnder, recountPatrol } from '../../../src/domain/patrol/rollup'
import { countRequests } from '../../../emulator/database'
import { demoGridIds, demoPoints } from '../../../emulator/demo/grids'
import { documentsWhere } from '../../factories/inspect'
import { stopAfterRequests } from '../../factories/faults'
import { people } from '../cases/lifecycle/walk'
import { photo, rewardsWorld } from '../rewards/helpers'

type Helpers = Awaited<ReturnType<typeof rewardsWorld>>

/*
 * The desk's patrol figures (stats.overview `patrol`) per node and period, as the patrol-coverage job keeps
 * them, against a recount from the check-ins: rounds that cross midnight and grids, single check-ins, days
 * in two weeks, grids at three levels; a run stopped at any request and run again counts each once.
 */

const nodes = [
  demoGridIds.yingyueRoadGrid1,
  demoGridIds.yingyueRoadGrid2,
  demoGridIds.yingyueRoad,
  demoGridIds.hanghaiEastRoad,
  demoGridIds.guancheng,
]
const periods = [
  '2026-11-23',
  '2026-11-24',
  '2026-11-30',
  '2026-W48',
  '2026-W49',
  '2026-R48',
  '2026-R49',
  '2026-11',
  '2026-Q4',
  '2026',
]

/** Patrols of a week and a day, on a fixed clock (from 23:30 Beijing, Monday 23 November 2026). */
async function patrolledWorld(): Promise<Helpers> {
  const r = await rewardsWorld('2026-11-23T15:30:00.000Z')
  const checkIn = (openid: string, requestId: string, extra: Record<string, unknown> = {}) =>
    r.world.ok(openid, 'patrol.checkIn', {
      requestId,
      location: demoPoints.yingyueRoadGrid1,
      photos: [photo],
      ...extra,
    })
  const { tree } = await storesFor(r.world.runtime).grids.index()
  /** A check-in elsewhere in the street (the demo walkers' beats are in grid 1): as stored, no request. */
  const seeded = async (id: string, gridId: string) =>
    r.world.db.collection(collections.patrol).add({
      _id: id,
      openid: 'demo-volunteer',
      role: 'volunteer',
      at: r.world.clock.now.toISOString(),
      location: demoPoints.streetOnly,
      accuracyMeters: null,
      photos: [photo],
      note: '',
      gridId,
      gridPath: tree.lineage(gridId).map((node) => node._id),
      requestKey: `demo-volunteer:${id}`,
    } satisfies PatrolRecord)

  await checkIn('demo-volunteer', 'periods-0001')
  const member = (await r.world.ok('demo-grid-member', 'patrol.startRound', { requestId: 'periods-round-1' }))
    .round
  await checkIn('demo-grid-member', 'periods-0002', { roundId: member.id, photos: [] })
  r.world.clock.advanceMinutes(20)
  await checkIn('demo-grid-member', 'periods-0003', { roundId: member.id })
  // Past midnight: the same round on Tuesday.
  r.world.clock.advanceMinutes(25)
  await checkIn('demo-grid-member', 'periods-0004', { roundId: member.id, photos: [] })
  await seeded('patrol-seeded-grid2-a', demoGridIds.yingyueRoadGrid2)
  const volunteer = (
    await r.world.ok('demo-volunteer', 'patrol.startRound', { requestId: 'periods-round-2' })
  ).round
  await checkIn('demo-volunteer', 'periods-0005', { roundId: volunteer.id })
  await seeded('patrol-seeded-street', demoGridIds.hanghaiEastRoad)
  await r.world.ok('demo-volunteer', 'patrol.endRound', { roundId: volunteer.id })
  // The next Monday (week 49, report week 49): a new round, and grid 2 again.
  r.world.clock.advanceMinutes(6 * 24 * 60 + 60)
  const again = (await r.world.ok('demo-grid-member', 'patrol.startRound', { requestId: 'periods-round-3' }))
    .round
  await checkIn('demo-grid-member', 'periods-0006', { roundId: again.id })
  await checkIn('demo-grid-member', 'periods-0007', { roundId: again.id, photos: [] })
  await seeded('patrol-seeded-grid2-b', demoGridIds.yingyueRoadGrid2)
  r.world.clock.advanceMinutes(10)
  return r
}

/** What the period documents hold, without their bookkeeping. */
async function held(r: Helpers): Promise<Record<string, unknown>> {
  const docs = await documentsWhere<Record<string, unknown> & { _id: string }>(
    r.world.db,
    collections.patrolPeriod,
    {},
  )
  return Object.fromEntries(
    docs
      .sort((a, b) => (a._id < b._id ? -1 : 1))
      .map((doc) => [doc._id, [doc.checkIns, doc.rounds, doc.daysPatrolled, doc.gridsPatrolled]]),
  )
}

async function forgetProjection(r: Helpers): Promise<void> {
  for (const name of [collections.patrolPeriod, collections.patrolCoverage])
    for (const doc of await documentsWhere<{ _id: string }>(r.world.db, name, {}))
      await r.world.db.collection(name).doc(doc._id).remove()
  await r.world.db.collection(collections.jobCursor).doc(coverageJob).remove()
}

describe('patrol figures per node and period (stats.overview `patrol`)', () => {
  let r: Helpers
  let expected: Record<string, unknown>
  let requests: number
  beforeAll(async () => {
    r = await patrolledWorld()
    // A warm instance has the grid tree already, as every run after the first.
    await storesFor(r.world.runtime).grids.index()
    const { counts } = await countRequests(() => runCoverageJob(r.world.runtime, undefined, { batchSize: 3 }))
    requests = counts.requests
    expected = await held(r)
  }, 60_000)
  afterAll(() => r.world.close())

  it('shows, for every node and period, what the check-ins recount', async () => {
    const checks = await documentsWhere<PatrolRecord>(r.world.db, collections.patrol, {})
    expect(checks).toHaveLength(10)
    const { tree } = await storesFor(r.world.runtime).grids.index()
    for (const gridId of nodes)
      for (const period of periods) {
        const answer = await r.world.ok(people.airOffice, 'stats.overview', { gridId, period })
        expect({ gridId, period, ...answer.patrol }).toEqual({
          gridId,
          period,
          ...recountPatrol(tree, checks, gridId, period),
          gridsInScope: gridsUnder(tree, gridId),
        })
      }
  })

  it('counts rounds across midnight and grids once per node and period', async () => {
    const figures = async (gridId: string, period: string) =>
      (await r.world.ok(people.airOffice, 'stats.overview', { gridId, period })).patrol
    // Monday: the volunteer's single check-in and the member's round; Tuesday: that round again, and another.
    expect(await figures(demoGridIds.yingyueRoadGrid1, '2026-11-23')).toMatchObject({
      checkIns: 3,
      rounds: 1,
    })
    expect(await figures(demoGridIds.yingyueRoadGrid1, '2026-11-24')).toMatchObject({
      checkIns: 2,
      rounds: 2,
    })
    expect(await figures(demoGridIds.yingyueRoadGrid1, '2026-W48')).toMatchObject({
      checkIns: 5,
      rounds: 2,
      daysPatrolled: 2,
      gridsPatrolled: 1,
      gridsInScope: 1,
    })
    expect(await figures(demoGridIds.hanghaiEastRoad, '2026-11')).toMatchObject({
      checkIns: 10,
      rounds: 3,
      daysPatrolled: 3,
      // Grids 1 and 2; the check-in on the road, in no community, is no grid's.
      gridsPatrolled: 2,
    })
    expect(await figures(demoGridIds.yingyueRoad, '2026-W49')).toMatchObject({
      checkIns: 3,
      rounds: 1,
      daysPatrolled: 1,
      gridsPatrolled: 2,
    })
  })

  it('changes nothing when run again, or run again from an old cursor', async () => {
    expect((await runCoverageJob(r.world.runtime)).acted).toBe(0)
    expect(await held(r)).toEqual(expected)
    await r.world.db.collection(collections.jobCursor).doc(coverageJob).remove()
    expect((await runCoverageJob(r.world.runtime, undefined, { batchSize: 4 })).acted).toBe(10)
    expect(await held(r)).toEqual(expected)
  })

  it('counts every check-in once, wherever the platform stopped the job', async () => {
    expect(requests).toBeGreaterThan(10)
    const wrong: number[] = []
    for (let stopAt = 0; stopAt < requests; stopAt += 1) {
      await forgetProjection(r)
      const stop = stopAfterRequests(r.world.engine, stopAt)
      await expect(runCoverageJob(r.world.runtime, undefined, { batchSize: 3 })).rejects.toThrow()
      stop.revive()
      // The next run cuts its batches elsewhere; every document counts only what it has not counted yet.
      await runCoverageJob(r.world.runtime, undefined, { batchSize: 2 + (stopAt % 5) })
      if (JSON.stringify(await held(r)) !== JSON.stringify(expected)) wrong.push(stopAt)
    }
    expect(wrong).toEqual([])
  }, 120_000)
})
