import { runRelay } from '../../../../cloudfunctions/shared/cases/relay'
import { runSweeps } from '../../../../cloudfunctions/shared/cases/jobs'
import { demoGridIds } from '../../../../emulator/demo/grids'
import { createTestWorld, type TestWorld } from '../../../factories/runtime'
import { eventsOf, people, report } from './walk'

const hoursFrom = (date: Date, hours: number) => new Date(date.getTime() + hours * 3_600_000).toISOString()
const advanceTo = (world: TestWorld, instant: string) =>
  world.clock.advanceMinutes((Date.parse(instant) - world.clock.now.getTime()) / 60_000)

describe('deadlines and cards across levels (限期 / 红黄牌)', () => {
  let world: TestWorld
  beforeEach(async () => {
    // Monday 10:00 in Beijing, a working day.
    world = await createTestWorld({ start: '2026-11-23T02:00:00.000Z' })
  })
  afterEach(() => world.close())

  it('cards the block for a deadline it let pass, even when the same sweep escalates the case', async () => {
    // Open burning is due within four hours, the same time after which an unclaimed case is escalated.
    const { id: caseId } = await report(world)
    world.clock.advanceMinutes(4 * 60 + 10)
    await runSweeps(world.runtime)
    const events = await eventsOf(world, caseId)
    expect(events.find((event) => event.type === 'red-card')).toMatchObject({
      gridId: demoGridIds.yingyueRoadGrid1,
    })
    // Cards are counted from the copied-out events, once the relay has run.
    await runRelay(world.runtime)
    expect(await world.ok(people.blockLeader, 'grid.cards', {})).toMatchObject({ month: '2026-11', red: 1 })
    const { case: escalated } = await world.ok(people.communityLeader, 'case.get', { caseId })
    expect(escalated).toMatchObject({
      grid: { id: demoGridIds.yingyueRoad },
      card: 'none',
      deadlineAt: hoursFrom(world.clock.now, 4),
    })
  })

  it('counts a grid’s cards in the current Beijing month only, its overdue cases whenever they fell due', async () => {
    await report(world)
    world.clock.advanceMinutes(4 * 60 + 10)
    await runSweeps(world.runtime)
    await runRelay(world.runtime)
    const november = await world.ok(people.communityLeader, 'grid.cards', {})
    expect(november).toMatchObject({ month: '2026-11', red: 1 })
    // Monday 30 November, 23:59:59 Beijing, is still November; a second later December begins.
    advanceTo(world, '2026-11-30T15:59:59.000Z')
    expect(await world.ok(people.communityLeader, 'grid.cards', {})).toMatchObject({
      month: '2026-11',
      red: 1,
    })
    advanceTo(world, '2026-11-30T16:00:00.000Z')
    const december = await world.ok(people.communityLeader, 'grid.cards', {})
    expect(december).toMatchObject({ month: '2026-12', yellow: 0, red: 0 })
    expect(december.openOverdue).toBeGreaterThanOrEqual(1)
  })

  it('gives a case the upper level’s deadline when it is escalated by hand', async () => {
    const { id: caseId } = await report(world, { categoryId: 'coal-stove', checkId: 'coal-small-stove' })
    world.clock.advanceMinutes(30)
    const { case: escalated } = await world.ok(people.member, 'case.escalate', {
      caseId,
      reason: 'cannot-handle',
      note: '',
    })
    // A community has two working days: Monday 10:30 → Wednesday 10:30 Beijing.
    expect(escalated.deadlineAt).toBe('2026-11-25T02:30:00.000Z')
  })

  it('shows the red card at a supervised case’s tighter deadline', async () => {
    const { id: caseId } = await report(world, { categoryId: 'coal-stove', checkId: 'coal-small-stove' })
    await world.ok(people.member, 'case.claim', { caseId })
    await world.ok(people.supervisor, 'case.supervise', {
      caseId,
      deadlineAt: hoursFrom(world.clock.now, 2),
      note: '两小时内整改',
    })
    world.clock.advanceMinutes(2 * 60 + 1)
    await runSweeps(world.runtime)
    expect((await world.ok(people.member, 'case.get', { caseId })).case.card).toBe('red')
  })
})
