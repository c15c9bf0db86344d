import { demoGridIds } from '../../../../emulator/demo/grids'
import { createTestWorld, type TestWorld } from '../../../factories/runtime'
import { claimAndRectify, people, report } from './walk'

const ids = (board: { items: { id: string }[] }) => board.items.map((item) => item.id).sort()

describe('board filters (board.list)', () => {
  let world: TestWorld
  beforeEach(async () => {
    // Monday 10:00 in Beijing, a working day.
    world = await createTestWorld({ start: '2026-11-23T02:00:00.000Z' })
  })
  afterEach(() => world.close())

  it('lists under “overdue” only open cases past their deadline', async () => {
    const late = await report(world) // open burning: due within four hours
    const rectifiedLate = await report(world)
    await claimAndRectify(world, rectifiedLate.id)
    world.clock.advanceMinutes(3 * 60)
    const fresh = await report(world)
    world.clock.advanceMinutes(90) // 14:30: the first is past its 14:00 deadline, the fresh one is due 17:00
    const board = await world.ok(people.member, 'board.list', { filter: 'overdue' })
    expect(ids(board)).toEqual([late.id])
    expect(board.total).toBe(1)
    expect(ids(await world.ok(people.member, 'board.list', { filter: 'all' }))).toEqual(
      [late.id, rectifiedLate.id, fresh.id].sort(),
    )
  })

  it('drops a case from “overdue” once it is escalated with the next level’s deadline', async () => {
    const late = await report(world, { categoryId: 'coal-stove', checkId: 'coal-small-stove' })
    world.clock.now = new Date('2026-11-24T03:00:00.000Z') // Tuesday 11:00, an hour past the block's day
    expect(ids(await world.ok(people.member, 'board.list', { filter: 'overdue' }))).toEqual([late.id])
    await world.ok(people.member, 'case.claim', { caseId: late.id })
    await world.ok(people.member, 'case.escalate', { caseId: late.id, reason: 'cannot-handle', note: '' })
    expect(ids(await world.ok(people.communityLeader, 'board.list', { filter: 'overdue' }))).toEqual([])
  })

  it('lists under “escalated” only cases that came up to the board’s grid from below', async () => {
    const escalated = await report(world)
    await report(world) // stays at the block
    await world.ok(people.member, 'case.escalate', { caseId: escalated.id, reason: 'out-of-remit', note: '' })
    const board = await world.ok(people.communityLeader, 'board.list', { filter: 'escalated' })
    expect(ids(board)).toEqual([escalated.id])
    expect(board.total).toBe(1)
    expect((await world.ok(people.communityLeader, 'board.list', { filter: 'all' })).total).toBe(2)
  })

  it('does not list a case escalated to another level of the same branch as escalated to this one', async () => {
    const toCommunity = await report(world)
    const toStreet = await report(world)
    await world.ok(people.member, 'case.escalate', {
      caseId: toCommunity.id,
      reason: 'cannot-handle',
      note: '',
    })
    await world.ok(people.member, 'case.escalate', { caseId: toStreet.id, reason: 'cannot-handle', note: '' })
    await world.ok(people.communityLeader, 'case.escalate', {
      caseId: toStreet.id,
      reason: 'cannot-handle',
      note: '',
    })
    expect(ids(await world.ok(people.communityLeader, 'board.list', { filter: 'escalated' }))).toEqual([
      toCommunity.id,
    ])
    expect(ids(await world.ok(people.streetLeader, 'board.list', { filter: 'escalated' }))).toEqual([
      toStreet.id,
    ])
  })

  it('does not count a street-level report that was routed there as escalated', async () => {
    await report(world, { at: { lng: 113.71, lat: 34.716 } }) // the corridor: routed to the street directly
    expect((await world.ok(people.streetLeader, 'board.list', { filter: 'escalated' })).total).toBe(0)
    expect((await world.ok(people.streetLeader, 'board.list', { filter: 'all' })).total).toBe(1)
  })

  it('lists under “escalated” for a district office what reached the district', async () => {
    const climbing = await report(world)
    await world.ok(people.member, 'case.escalate', { caseId: climbing.id, reason: 'cannot-handle', note: '' })
    await world.ok(people.communityLeader, 'case.escalate', {
      caseId: climbing.id,
      reason: 'cannot-handle',
      note: '',
    })
    expect((await world.ok(people.airOffice, 'board.list', { filter: 'escalated' })).total).toBe(0)
    await world.ok(people.streetLeader, 'case.escalate', {
      caseId: climbing.id,
      reason: 'cannot-handle',
      note: '',
    })
    const board = await world.ok(people.airOffice, 'board.list', { filter: 'escalated' })
    expect(board.grid.id).toBe(demoGridIds.guancheng)
    expect(ids(board)).toEqual([climbing.id])
  })

  it('lists under “mine” only the caller’s own claims', async () => {
    const mine = await report(world)
    const theirs = await report(world)
    await report(world)
    await world.ok(people.blockLeader, 'case.claim', { caseId: mine.id })
    await world.ok(people.member, 'case.claim', { caseId: theirs.id })
    expect(ids(await world.ok(people.blockLeader, 'board.list', { filter: 'mine' }))).toEqual([mine.id])
    expect(ids(await world.ok(people.member, 'board.list', { filter: 'mine' }))).toEqual([theirs.id])
  })

  it('lists under “unclaimed” only cases waiting for someone', async () => {
    const waiting = await report(world)
    const taken = await report(world)
    await world.ok(people.member, 'case.claim', { caseId: taken.id })
    expect(ids(await world.ok(people.member, 'board.list', { filter: 'unclaimed' }))).toEqual([waiting.id])
  })
})
