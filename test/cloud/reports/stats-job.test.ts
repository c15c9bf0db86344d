import { jobs } from '../../../cloudfunctions/shared/app'
import { runRelay } from '../../../cloudfunctions/shared/cases/relay'
import { runStatsJob, statsSettleMillis } from '../../../cloudfunctions/shared/reports/stats-job'
import { storesFor } from '../../../cloudfunctions/shared/runtime/context'
import { countRequests } from '../../../emulator/database'
import { createTestWorld, type TestWorld } from '../../factories/runtime'
import { people, report } from '../cases/lifecycle/walk'

describe('the stats job', () => {
  let world: TestWorld
  beforeEach(async () => {
    world = await createTestWorld({ start: '2026-11-23T02:00:00.000Z' })
    await storesFor(world.runtime).grids.index()
  })
  afterEach(() => world.close())

  const received = async () =>
    (await world.ok(people.member, 'stats.overview', { period: '2026-11-23' })).received

  it('runs on the ten-minute sweep, after the relay', () => {
    const names = jobs.map((job) => job.name)
    expect(names).toContain('stats')
    expect(names.indexOf('relay')).toBeLessThan(names.indexOf('stats'))
  })

  it('counts an event only once it is past the settle horizon, when the feed below it is complete', async () => {
    await report(world)
    await runRelay(world.runtime)
    expect(await runStatsJob(world.runtime)).toEqual({ job: 'stats', acted: 0 })
    expect(await received()).toBe(0)
    world.clock.advanceMinutes(statsSettleMillis / 60_000 + 1)
    expect(await runStatsJob(world.runtime)).toEqual({ job: 'stats', acted: 1 })
    expect(await received()).toBe(1)
  })

  it('costs its cursor and a look at the feed when there is nothing new', async () => {
    await report(world)
    await runRelay(world.runtime)
    world.clock.advanceMinutes(10)
    await runStatsJob(world.runtime)
    const { value, counts } = await countRequests(() => runStatsJob(world.runtime))
    expect(value.acted).toBe(0)
    expect(counts.requests).toBe(2)
  })

  it('stops between batches when its time is up, and the next run goes on from its cursor', async () => {
    for (let i = 0; i < 3; i += 1) await report(world)
    await runRelay(world.runtime)
    world.clock.advanceMinutes(10)
    const first = await runStatsJob(world.runtime, { timeUp: () => true }, { batchSize: 2 })
    expect(first.acted).toBe(2)
    expect(await received()).toBe(2)
    expect((await runStatsJob(world.runtime, undefined, { batchSize: 2 })).acted).toBe(1)
    expect(await received()).toBe(3)
  })
})
