import { collections } from '../../../cloudfunctions/shared/app'
import { runCoverageJob } from '../../../cloudfunctions/shared/patrol/coverage-job'
import { foldCoverage } from '../../../src/domain/patrol/rounds'
import { demoPoints } from '../../../emulator/demo/grids'
import { photo, rewardsWorld } from '../rewards/helpers'

type Helpers = Awaited<ReturnType<typeof rewardsWorld>>

describe('patrol coverage per grid per day (the patrol-coverage projection)', () => {
  let r: Helpers
  beforeEach(async () => {
    // 23:30 in Beijing: the walks below cross midnight into the next business day.
    r = await rewardsWorld('2026-11-23T15:30:00.000Z')
  })
  afterEach(() => r.world.close())

  const checkIn = (openid: string, requestId: string, extra: Record<string, unknown> = {}) =>
    r.world.ok(openid, 'patrol.checkIn', {
      requestId,
      location: demoPoints.yingyueRoadGrid1,
      photos: [photo],
      ...extra,
    })

  const saved = async () => {
    const { data } = await r.world.db.collection(collections.patrolCoverage).limit(1000).get()
    return Object.fromEntries(
      (data as Array<{ _id: string; checkIns: number; walkers: string[] }>).map((doc) => [
        doc._id,
        { checkIns: doc.checkIns, walkers: [...doc.walkers].sort() },
      ]),
    )
  }
  const recount = async () => {
    const { data } = await r.world.db.collection(collections.patrol).limit(1000).get()
    const cells = foldCoverage(new Map(), data as Array<{ at: string; gridId: string; openid: string }>)
    return Object.fromEntries(
      [...cells].map(([key, cell]) => [key, { checkIns: cell.checkIns, walkers: [...cell.walkers].sort() }]),
    )
  }

  it('matches a recount from the check-ins, batch by batch, old single check-ins and round ones alike', async () => {
    await checkIn('demo-volunteer', 'coverage-0001')
    await checkIn('demo-grid-member', 'coverage-0002')
    r.world.clock.advanceMinutes(45)
    const { round } = await r.world.ok('demo-grid-member', 'patrol.startRound', {
      requestId: 'coverage-round',
    })
    await checkIn('demo-grid-member', 'coverage-0003', { roundId: round.id, photos: [] })
    await checkIn('demo-volunteer', 'coverage-0004')
    r.world.clock.advanceMinutes(10)

    const report = await runCoverageJob(r.world.runtime, undefined, { batchSize: 2 })
    expect(report.acted).toBe(4)
    const cells = await saved()
    expect(cells).toEqual(await recount())
    expect(Object.values(cells).map((cell) => cell.checkIns)).toEqual([2, 2])

    // A second run finds nothing new and changes nothing.
    expect((await runCoverageJob(r.world.runtime)).acted).toBe(0)
    expect(await saved()).toEqual(cells)
  })

  it('counts a check-in only once it is past the settle horizon, then exactly once', async () => {
    await checkIn('demo-volunteer', 'coverage-0005')
    expect((await runCoverageJob(r.world.runtime)).acted).toBe(0)
    r.world.clock.advanceMinutes(6)
    expect((await runCoverageJob(r.world.runtime)).acted).toBe(1)
    await checkIn('demo-grid-member', 'coverage-0006')
    r.world.clock.advanceMinutes(6)
    expect((await runCoverageJob(r.world.runtime)).acted).toBe(1)
    expect(await saved()).toEqual(await recount())
  })
})
