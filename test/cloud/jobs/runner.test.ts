import fs from 'node:fs'
import path from 'node:path'
import { collections } from '../../../cloudfunctions/shared/app'
import type { Job, JobControl } from '../../../cloudfunctions/shared/jobs/job'
import { runJobs } from '../../../cloudfunctions/shared/jobs/runner'
import { countRequests } from '../../../emulator/database'
import { shippedSettings } from '../../../src/domain/settings'
import { documentsWhere } from '../../factories/inspect'
import { createTestWorld, type TestWorld } from '../../factories/runtime'

/** A clock the jobs move themselves: each step of work takes one millisecond. */
function steppedClock() {
  const clock = { millis: 0, read: () => clock.millis }
  return clock
}

/** A job with `steps` steps of work that checks its time before each, as real jobs do between batches. */
function workJob(name: string, steps: number, clock: { millis: number }, done: string[] = []): Job {
  let left = steps
  return {
    name,
    async run(_runtime, control: JobControl) {
      let acted = 0
      while (left > 0 && !control.timeUp()) {
        clock.millis += 1
        left -= 1
        acted += 1
        done.push(name)
      }
      return [{ job: name, acted }]
    },
  }
}

describe('the jobs runner', () => {
  let world: TestWorld
  beforeEach(async () => {
    world = await createTestWorld()
  })
  afterEach(() => world.close())

  it('reports a job that throws, keeps the record, and still runs the jobs after it', async () => {
    const clock = steppedClock()
    const failing: Job = {
      name: 'failing',
      run: async () => {
        throw new Error('connection reset')
      },
    }
    const run = await runJobs(world.runtime, [failing, workJob('after', 3, clock)], {
      budgetMs: 100,
      clock: clock.read,
    })
    expect(run.reports).toEqual([
      { job: 'failing', acted: 0, failures: [{ message: 'connection reset' }] },
      { job: 'after', acted: 3 },
    ])
    expect(run).toMatchObject({ failed: ['failing'], leftOver: [], recorded: true })
    const [record] = await documentsWhere(world.db, collections.jobRun, {})
    expect(record).toMatchObject({
      startedAt: world.clock.now.toISOString(),
      failed: ['failing'],
      reports: run.reports,
    })
  })

  it('runs a reader again when a job it reads from, cut short, made more work in a later round', async () => {
    const clock = steppedClock()
    const done: string[] = []
    const written = workJob('sweeps', 40, clock, done)
    let copied = 0
    const reader: Job = {
      name: 'relay',
      reads: ['sweeps'],
      async run() {
        const fresh = done.filter((name) => name === 'sweeps').length - copied
        copied += fresh
        return [{ job: 'relay', acted: fresh }]
      },
    }
    const unrelated = workJob('other', 1, clock)
    const run = await runJobs(world.runtime, [written, reader, unrelated], {
      budgetMs: 100,
      clock: clock.read,
    })
    // The sweeps get a third of the time first and finish in a later round; the relay copies the rest then.
    expect(run.leftOver).toEqual([])
    expect(copied).toBe(40)
    expect(run.reports).toEqual([
      { job: 'sweeps', acted: 40 },
      { job: 'relay', acted: 40 },
      { job: 'other', acted: 1 },
    ])
  })

  it('gives each job its share of the time, so a long job cannot starve the ones after it', async () => {
    const clock = steppedClock()
    const done: string[] = []
    const run = await runJobs(
      world.runtime,
      [
        workJob('backlog', 1000, clock, done),
        workJob('next', 1000, clock, done),
        workJob('small', 5, clock, done),
      ],
      { budgetMs: 90, clock: clock.read },
    )
    // A third of 90 ms each at first; what the small job leaves goes round again to the two still behind.
    expect(done.slice(0, 30)).toEqual(Array(30).fill('backlog'))
    expect(done.slice(30, 60)).toEqual(Array(30).fill('next'))
    expect(done.slice(60, 65)).toEqual(Array(5).fill('small'))
    expect(done.filter((name) => name === 'backlog').length).toBeGreaterThan(30)
    expect(done.filter((name) => name === 'next').length).toBeGreaterThan(30)
    expect(done).toHaveLength(90)
    expect(run.leftOver).toEqual(['backlog', 'next'])
    expect(run.reports).toEqual([
      { job: 'backlog', acted: done.filter((name) => name === 'backlog').length, leftOver: true },
      { job: 'next', acted: done.filter((name) => name === 'next').length, leftOver: true },
      { job: 'small', acted: 5 },
    ])
    expect(await documentsWhere(world.db, collections.jobRun, {})).toEqual([
      expect.objectContaining({ leftOver: ['backlog', 'next'], failed: [] }),
    ])
  })

  it('holds a job back until the one it reads from has caught up within the run', async () => {
    const clock = steppedClock()
    const readsTallies = { ...workJob('drafts', 1, clock), after: 'tallies' }
    const behind = await runJobs(world.runtime, [workJob('tallies', 500, clock), readsTallies], {
      budgetMs: 50,
      clock: clock.read,
    })
    expect(behind.reports).toEqual([
      { job: 'tallies', acted: 50, leftOver: true },
      { job: 'drafts', acted: 0, leftOver: true },
    ])
    const caughtUp = await runJobs(world.runtime, [workJob('tallies', 5, clock), readsTallies], {
      budgetMs: 50,
      clock: clock.read,
    })
    expect(caughtUp.reports).toEqual([
      { job: 'tallies', acted: 5 },
      { job: 'drafts', acted: 1 },
    ])
  })

  it('holds a job back when the one it reads from failed', async () => {
    const failing: Job = { name: 'tallies', run: () => Promise.reject(new Error('timeout')) }
    const clock = steppedClock()
    const run = await runJobs(
      world.runtime,
      [failing, { ...workJob('drafts', 1, clock), after: 'tallies' }],
      {
        budgetMs: 50,
        clock: clock.read,
      },
    )
    expect(run.reports.map((report) => [report.job, report.acted])).toEqual([
      ['tallies', 0],
      ['drafts', 0],
    ])
    expect(run.leftOver).toEqual(['drafts'])
  })

  it('keeps no record of a run that did all its work', async () => {
    const clock = steppedClock()
    const { value: run, counts } = await countRequests(() =>
      runJobs(world.runtime, [workJob('quick', 2, clock)], { budgetMs: 50, clock: clock.read }),
    )
    expect(run).toMatchObject({ recorded: false, failed: [], leftOver: [] })
    expect(counts.requests).toBe(0)
  })

  it('stops well before the deployed function is killed', () => {
    const deployed = JSON.parse(fs.readFileSync(path.resolve('cloudbaserc.json'), 'utf8')) as {
      functions: { name: string; timeout: number }[]
    }
    const timeout = deployed.functions.find((fn) => fn.name === 'jobs')!.timeout
    expect(shippedSettings.policy.jobsBudgetSeconds).toBeLessThanOrEqual(timeout - 10)
  })
})
