import { runRelay } from '../../../cloudfunctions/shared/cases/relay'
import { collections } from '../../../cloudfunctions/shared/app'
import { documentsWhere } from '../../factories/inspect'
import { runSweeps } from '../../../cloudfunctions/shared/cases/jobs'
import { demoGridIds, demoPoints } from '../../../emulator/demo/grids'
import { createTestWorld, reportAt, type TestWorld } from '../../factories/runtime'
import { failingWritesTo } from '../../factories/faults'
import { countRequests } from '../../../emulator/database'
import { shippedSettings } from '../../../src/domain/settings'

const acted = (reports: { job: string; acted: number }[], job: string) =>
  reports.find((report) => report.job === job)?.acted ?? 0

describe('the jobs sweeps', () => {
  let world: TestWorld
  beforeEach(async () => {
    // Monday 10:00 in Beijing, a working day.
    world = await createTestWorld({ start: '2026-11-23T02:00:00.000Z' })
  })
  afterEach(() => world.close())

  it('leaves a fresh case alone', async () => {
    await world.ok('demo-resident', 'case.submit', reportAt(demoPoints.yingyueRoadGrid1))
    world.clock.advanceMinutes(119)
    const reports = await runSweeps(world.runtime)
    expect(reports.every((report) => report.acted === 0)).toBe(true)
  })

  it('alerts the grid leaders once for a case unclaimed past two hours, however often it runs', async () => {
    const { case: waiting } = await world.ok(
      'demo-resident',
      'case.submit',
      reportAt(demoPoints.yingyueRoadGrid1),
    )
    world.clock.advanceMinutes(121)
    const runs = await Promise.all([runSweeps(world.runtime), runSweeps(world.runtime)])
    world.clock.advanceMinutes(30)
    runs.push(await runSweeps(world.runtime))
    expect(runs.reduce((sum, reports) => sum + acted(reports, 'unclaimed-alert'), 0)).toBe(1)
    await runRelay(world.runtime)
    const outbox = await documentsWhere(world.db, collections.outbox, {
      caseId: waiting.id,
      kind: 'unclaimed-alert',
    })
    expect(outbox).toHaveLength(1)
    expect(outbox[0]).toMatchObject({
      title: '问题超时未认领',
      audience: { gridId: demoGridIds.yingyueRoadGrid1, roles: ['grid_leader'] },
    })
  })

  it('escalates a case still unclaimed past the second limit to the community', async () => {
    const { case: waiting } = await world.ok(
      'demo-resident',
      'case.submit',
      reportAt(demoPoints.yingyueRoadGrid1),
    )
    world.clock.advanceMinutes(241)
    expect(acted(await runSweeps(world.runtime), 'unclaimed-escalate')).toBe(1)
    const { case: after, events } = await world.ok('demo-grid-leader-2', 'case.get', { caseId: waiting.id })
    expect(after.grid.id).toBe(demoGridIds.yingyueRoad)
    expect(events.map((event) => event.type)).toContain('escalate')
    expect(events.at(-1)).toMatchObject({ actorLabel: '系统' })
  })

  it('does not alert for a case that was claimed in time', async () => {
    const { case: waiting } = await world.ok(
      'demo-resident',
      'case.submit',
      reportAt(demoPoints.yingyueRoadGrid1),
    )
    await world.ok('demo-grid-member', 'case.claim', { caseId: waiting.id })
    world.clock.advanceMinutes(150)
    const reports = await runSweeps(world.runtime)
    expect(acted(reports, 'unclaimed-alert') + acted(reports, 'unclaimed-escalate')).toBe(0)
  })

  it('shows a yellow card before the deadline and a red card after it, once each', async () => {
    // A block has one working day: Monday 10:00 → Tuesday 10:00; the yellow lead is four hours.
    const { case: waiting } = await world.ok(
      'demo-resident',
      'case.submit',
      reportAt(demoPoints.yingyueRoadGrid1, { categoryId: 'coal-stove', checkId: 'coal-small-stove' }),
    )
    await world.ok('demo-grid-member', 'case.claim', { caseId: waiting.id })
    world.clock.now = new Date('2026-11-23T21:00:00.000Z') // Tuesday 05:00
    expect(acted(await runSweeps(world.runtime), 'yellow-card')).toBe(0)
    world.clock.now = new Date('2026-11-23T23:00:00.000Z') // Tuesday 07:00
    expect(acted(await runSweeps(world.runtime), 'yellow-card')).toBe(1)
    expect(acted(await runSweeps(world.runtime), 'yellow-card')).toBe(0)
    world.clock.now = new Date('2026-11-24T02:00:01.000Z') // Tuesday 10:00:01
    expect(acted(await runSweeps(world.runtime), 'red-card')).toBe(1)
    expect(acted(await runSweeps(world.runtime), 'red-card')).toBe(0)
    const { case: carded } = await world.ok('demo-grid-member', 'case.get', { caseId: waiting.id })
    expect(carded.card).toBe('red')
    // Cards are counted from the copied-out events.
    await runRelay(world.runtime)
    const cards = await world.ok('demo-grid-leader-2', 'grid.cards', {})
    expect(cards).toMatchObject({ yellow: 1, red: 1, openOverdue: 1 })
  })
})

describe('the sweeps within a run', () => {
  let world: TestWorld
  beforeEach(async () => {
    const { policy } = shippedSettings
    world = await createTestWorld({
      start: '2026-11-23T02:00:00.000Z',
      settings: {
        policy: {
          ...policy,
          submitLimitPerHour: 10_000,
          submitLimitPerDay: 10_000,
          writeLimit: { perWindow: 1000, windowSeconds: 60 },
        },
      },
    })
  })
  afterEach(() => world.close())

  /** Unclaimed coal-stove reports (a day to handle them, so only the unclaimed sweeps are due), in this order. */
  const unclaimedCases = async (count: number, prefix = 'sweep'): Promise<string[]> => {
    const ids: string[] = []
    for (let index = 0; index < count; index += 1) {
      const payload = reportAt(demoPoints.yingyueRoadGrid1, {
        requestId: `${prefix}-${String(index).padStart(4, '0')}`,
        categoryId: 'coal-stove',
        checkId: 'coal-small-stove',
      })
      ids.push((await world.ok('demo-resident', 'case.submit', payload)).case.id)
    }
    return ids
  }
  // Alerts as the relay copies them out of the cases' trails.
  const alerted = async (caseIds: string[]) =>
    (await runRelay(world.runtime)) &&
    (await documentsWhere<{ caseId: string }>(world.db, collections.caseEvent, { type: 'unclaimed-alert' }))
      .map((event) => event.caseId)
      .filter((caseId) => caseIds.includes(caseId))

  it('records a case that fails and still acts on every other, past the first batch', async () => {
    // The five longest waiting fail: they lead every read of the sweep, and it must read past them.
    const broken = await unclaimedCases(5, 'broken')
    world.clock.advanceMinutes(1)
    const ids = [...broken, ...(await unclaimedCases(200))]
    world.clock.advanceMinutes(121)
    const runtime = { ...world.runtime, db: failingWritesTo(world.db, collections.case, { ids: broken }) }
    const reports = await runSweeps(runtime)
    const report = reports.find((entry) => entry.job === 'unclaimed-alert')!
    expect(report.acted).toBe(200)
    expect(report.failures).toHaveLength(5)
    expect(report.failures).toEqual(
      expect.arrayContaining(broken.map((subject) => ({ subject, message: 'connection reset' }))),
    )
    expect((await alerted(ids)).sort()).toEqual(ids.slice(5).sort())

    // The next run, with the fault gone, alerts the five and no one twice.
    expect(acted(await runSweeps(world.runtime), 'unclaimed-alert')).toBe(5)
    expect((await alerted(ids)).sort()).toEqual([...ids].sort())
  }, 60_000)

  it('stops when its time is up and leaves the rest to the next run, which does each case once', async () => {
    const ids = await unclaimedCases(6)
    world.clock.advanceMinutes(121)
    let checks = 0
    const reports = await runSweeps(world.runtime, { timeUp: () => (checks += 1) > 3 })
    const first = reports.find((entry) => entry.job === 'unclaimed-alert')!
    expect(first.acted).toBeGreaterThan(0)
    expect(first.acted).toBeLessThan(6)
    expect(first.leftOver).toBe(true)
    expect(acted(await runSweeps(world.runtime), 'unclaimed-alert')).toBe(6 - first.acted)
    expect((await alerted(ids)).sort()).toEqual([...ids].sort())
  })

  it('reads each sweep once when nothing is due', async () => {
    await unclaimedCases(3)
    const { counts } = await countRequests(() => runSweeps(world.runtime))
    expect(counts.requests).toBe(5)
  })
})
