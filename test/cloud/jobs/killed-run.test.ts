import fc from 'fast-check'
import { collections, jobs } from '../../../cloudfunctions/shared/app'
import { runJobs, type JobRun } from '../../../cloudfunctions/shared/jobs/runner'
import type { Runtime } from '../../../cloudfunctions/shared/runtime/runtime'
import { countRequests } from '../../../emulator/database'
import { documentsWhere } from '../../factories/inspect'
import { stopAfterRequests } from '../../factories/faults'
import { createTestWorld, reportAt, type TestWorld } from '../../factories/runtime'
import { demoPoints } from '../../../emulator/demo/grids'
import { people, walkToVerified } from '../cases/lifecycle/walk'

/*
 * A jobs run stopped anywhere — by the platform at its time limit, or by the run's own deadline — and run
 * again loses nothing and does nothing twice: the end state is the one a single uninterrupted run leaves.
 */

// A fixed seed by default, so that every `npm test` stops the runs at the same points; KILL_SEED explores others.
const seed = Number(process.env.KILL_SEED ?? 20261201)
const runs = Number(process.env.KILL_RUNS ?? 16)

/** What the run is judged on: everything but the jobs' own bookkeeping (cursors, run records). */
const bookkeeping: string[] = [collections.jobRun, collections.jobCursor, collections.pointsCursor]
const judged = Object.values(collections).filter((name) => !bookkeeping.includes(name))

/**
 * A world with a tick's worth of every job's work at 00:30 on 1 December (Beijing): points for a walked
 * case, a join and an old one; cases due an unclaimed alert, a red card, an escalation and an automatic
 * confirmation; and November's awards to draft.
 */
async function worldWithWork(): Promise<TestWorld> {
  const world = await createTestWorld({ start: '2026-11-27T02:00:00.000Z' })
  const submit = async (openid: string, requestId: string, at = demoPoints.yingyueRoadGrid1) =>
    (await world.ok(openid, 'case.submit', reportAt(at, { requestId }))).case.id
  await walkToVerified(world, await submit(people.resident, 'killed-old'))
  world.clock.now = new Date('2026-11-30T11:00:00.000Z')
  const waiting = await submit(people.resident, 'killed-waiting')
  await world.ok(people.resident2, 'case.join', { caseId: waiting })
  world.clock.now = new Date('2026-11-30T12:00:00.000Z')
  await walkToVerified(world, await submit(people.resident2, 'killed-walked'))
  world.clock.now = new Date('2026-11-30T14:00:00.000Z')
  await submit(people.volunteer, 'killed-late')
  world.clock.now = new Date('2026-11-30T16:30:00.000Z')
  return world
}

/** Every judged document, by collection and id. */
async function stateOf(world: TestWorld): Promise<Record<string, unknown[]>> {
  const state: Record<string, unknown[]> = {}
  for (const name of judged) {
    const documents = await documentsWhere<{ _id: string }>(world.db, name, {})
    state[name] = documents.sort((a, b) => (a._id < b._id ? -1 : 1))
  }
  return state
}

/** A run as a fresh instance makes it (a cold start: no cache carried over from the run before). */
const freshRuntime = (world: TestWorld): Runtime => ({ ...world.runtime })

describe('a jobs run stopped and run again', () => {
  let expected: Record<string, unknown[]>
  let requests: number
  let balances: Record<string, number>

  beforeAll(async () => {
    const world = await worldWithWork()
    const { value: run, counts } = await countRequests(() => runJobs(freshRuntime(world), jobs))
    expect(run).toMatchObject({ failed: [], leftOver: [] })
    // The scenario has work for every job.
    const acted = Object.fromEntries(run.reports.map((report) => [report.job, report.acted]))
    expect(acted).toMatchObject({
      'unclaimed-alert': 2,
      'red-card': 1,
      'unclaimed-escalate': 1,
      'auto-confirm': 1,
      'award-draft': 1,
    })
    expect(acted.points).toBeGreaterThan(2)
    requests = counts.requests
    expected = await stateOf(world)
    balances = Object.fromEntries(
      (expected[collections.user] as { _id: string; points: number }[]).map((user) => [
        user._id,
        user.points,
      ]),
    )
    await world.close()
  }, 60_000)

  it('when the platform stops it after any number of requests, loses nothing and pays nothing twice', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: requests - 1 }), async (stopAt) => {
        const world = await worldWithWork()
        try {
          const stop = stopAfterRequests(world.engine, stopAt)
          const stopped = await runJobs(freshRuntime(world), jobs)
          stop.revive()
          expect(stopped.failed.length).toBeGreaterThan(0)
          const again = await runJobs(freshRuntime(world), jobs)
          expect(again).toMatchObject({ failed: [], leftOver: [] })
          const state = await stateOf(world)
          const paid = (state[collections.user] as { _id: string; points: number }[]).map((user) => [
            user._id,
            user.points,
          ])
          expect(Object.fromEntries(paid)).toEqual(balances)
          expect(state).toEqual(expected)
        } finally {
          await world.close()
        }
      }),
      { numRuns: runs, seed },
    )
  }, 300_000)

  it('when its own deadline comes early, carries on over further runs to the same end', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 40 }), async (budgetRequests) => {
        const world = await worldWithWork()
        try {
          // Time as in the cloud: 8 ms a request, so the budget is a number of requests.
          const clock = () => world.engine.meter.stats().requests * 8
          let run: JobRun
          let tick = 0
          do {
            run = await runJobs(freshRuntime(world), jobs, { budgetMs: budgetRequests * 8, clock })
            tick += 1
            expect(run.failed).toEqual([])
          } while (run.leftOver.length > 0 && tick < 100)
          expect(run.leftOver).toEqual([])
          expect(await stateOf(world)).toEqual(expected)
        } finally {
          await world.close()
        }
      }),
      { numRuns: runs, seed },
    )
  }, 300_000)
})
