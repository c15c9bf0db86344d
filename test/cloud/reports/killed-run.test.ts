import { collections } from '../../../cloudfunctions/shared/app'
import { runSweeps } from '../../../cloudfunctions/shared/cases/jobs'
import { runRelay } from '../../../cloudfunctions/shared/cases/relay'
import { runStatsJob, statsSettleMillis } from '../../../cloudfunctions/shared/reports/stats-job'
import { storesFor } from '../../../cloudfunctions/shared/runtime/context'
import { countRequests } from '../../../emulator/database'
import { demoGridIds } from '../../../emulator/demo/grids'
import { documentsWhere } from '../../factories/inspect'
import { stopAfterRequests } from '../../factories/faults'
import { createTestWorld, type TestWorld } from '../../factories/runtime'
import { afterPhoto, people, report, walkToVerified } from '../cases/lifecycle/walk'
import { countedIn, countedInWorld, expectedFigures } from './recompute'

/*
 * The stats job stopped at any request — as the platform stops a function at its time limit — and run
 * again, in batches cut elsewhere, counts every event exactly once: the same figures as one uninterrupted
 * run, and as the trails recompute them.
 */

/** A few cases' worth of every kind of change: closed, reworked, corrected to the next grid, carded and escalated. */
async function worldWithEvents(): Promise<TestWorld> {
  const world = await createTestWorld({ start: '2026-11-23T02:00:00.000Z' })
  const closed = await report(world)
  await walkToVerified(world, closed.id)
  await world.ok(people.resident, 'case.confirm', { caseId: closed.id, rating: 4, comment: '' })
  const reworked = await report(world, { by: people.member })
  // The member's own report is handled by someone else: nobody claims their own report.
  await world.ok(people.sunkStaff, 'case.claim', { caseId: reworked.id })
  const rectify = { caseId: reworked.id, measure: 'dissuade', note: '已整改', photos: [afterPhoto] } as const
  await world.ok(people.sunkStaff, 'case.rectify', rectify)
  await world.ok(people.communityLeader, 'case.verify', {
    caseId: reworked.id,
    passed: false,
    note: '未整改',
  })
  await world.ok(people.sunkStaff, 'case.rectify', rectify)
  const moved = await report(world, { by: people.resident2 })
  await world.ok(people.resident2, 'case.correctGrid', {
    caseId: moved.id,
    gridId: demoGridIds.yingyueRoadGrid2,
  })
  await report(world, { by: people.volunteer })
  world.clock.advanceMinutes(4 * 60 + 10)
  await runSweeps(world.runtime)
  await runRelay(world.runtime)
  world.clock.advanceMinutes(statsSettleMillis / 60_000 + 1)
  return world
}

interface Sheet {
  _id: string
  upTo: string
  updatedAt: string
  n: Record<string, Record<string, unknown>>
}

/** The figures the stats documents hold, without their bookkeeping (positions, stamps) and zeros. */
async function figuresHeld(world: TestWorld): Promise<Record<string, unknown>> {
  const docs = await documentsWhere<Sheet>(world.db, collections.statsPeriod, {})
  const held: Record<string, unknown> = {}
  const nonZero = (value: unknown): unknown => {
    if (typeof value === 'number') return value === 0 ? undefined : value
    if (typeof value !== 'object' || value === null) return undefined
    const kept = Object.entries(value)
      .map(([key, inner]) => [key, nonZero(inner)] as const)
      .filter(([, inner]) => inner !== undefined)
    return kept.length > 0 ? Object.fromEntries(kept.sort(([a], [b]) => (a < b ? -1 : 1))) : undefined
  }
  for (const doc of docs.sort((a, b) => (a._id < b._id ? -1 : 1))) {
    const figures = nonZero(doc.n)
    if (figures !== undefined) held[doc._id] = figures
  }
  return held
}

/** Back to before the job's first run: no stats documents, no cursor. */
async function forgetProjection(world: TestWorld): Promise<void> {
  for (const doc of await documentsWhere<{ _id: string }>(world.db, collections.statsPeriod, {}))
    await world.db.collection(collections.statsPeriod).doc(doc._id).remove()
  await world.db.collection(collections.jobCursor).doc('stats').remove()
}

describe('the stats job stopped and run again', () => {
  let world: TestWorld
  let expected: Record<string, unknown>
  let requests: number

  beforeAll(async () => {
    world = await worldWithEvents()
    // A warm instance has the grid tree already, as every run after the first.
    await storesFor(world.runtime).grids.index()
    const { counts } = await countRequests(() => runStatsJob(world.runtime, undefined, { batchSize: 9 }))
    requests = counts.requests
    expected = await figuresHeld(world)
  }, 60_000)
  afterAll(() => world.close())

  it('holds what the trails recompute, after one uninterrupted run', async () => {
    const counted = await countedInWorld(world)
    const { tree } = await storesFor(world.runtime).grids.index()
    const categoryIds = world.runtime.settings.categories.categories.map((category) => category.id)
    for (const gridId of [
      demoGridIds.yingyueRoadGrid1,
      demoGridIds.yingyueRoadGrid2,
      demoGridIds.guancheng,
    ]) {
      for (const period of ['2026-11-23', '2026-W48', '2026-11']) {
        const answer = await world.ok(people.airOffice, 'stats.overview', { gridId, period })
        const expectation = expectedFigures(countedIn(counted, tree, gridId, period), categoryIds)
        expect(answer).toMatchObject({
          ...expectation,
          timeToClose: { count: expectation.timeToClose.count },
        })
      }
    }
    expect(Object.keys(expected).length).toBeGreaterThan(10)
    expect(requests).toBeGreaterThan(20)
  })

  it('counts every event once, wherever the platform stopped it', async () => {
    const wrong: number[] = []
    for (let stopAt = 0; stopAt < requests; stopAt += 1) {
      await forgetProjection(world)
      const stop = stopAfterRequests(world.engine, stopAt)
      await expect(runStatsJob(world.runtime, undefined, { batchSize: 9 })).rejects.toThrow()
      stop.revive()
      // The next run cuts its batches elsewhere; every document counts only what it has not counted yet.
      await runStatsJob(world.runtime, undefined, { batchSize: 4 + (stopAt % 11) })
      if (JSON.stringify(await figuresHeld(world)) !== JSON.stringify(expected)) wrong.push(stopAt)
    }
    expect(wrong).toEqual([])
  }, 300_000)

  it('counts nothing twice when a whole run is repeated from an old cursor', async () => {
    await forgetProjection(world)
    await runStatsJob(world.runtime)
    await world.db.collection(collections.jobCursor).doc('stats').remove()
    await runStatsJob(world.runtime, undefined, { batchSize: 5 })
    expect(await figuresHeld(world)).toEqual(expected)
  })
})
