import { runRelay } from '../../../cloudfunctions/shared/cases/relay'
import { collections } from '../../../cloudfunctions/shared/app'
import { documentsWhere } from '../../factories/inspect'
import { runSweeps } from '../../../cloudfunctions/shared/cases/jobs'
import { demoGridIds, demoPoints } from '../../../emulator/demo/grids'
import { createTestWorld, reportAt, type TestWorld } from '../../factories/runtime'

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
