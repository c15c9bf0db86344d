import { runRelay } from '../../../../cloudfunctions/shared/cases/relay'
import { collections } from '../../../../cloudfunctions/shared/app'
import type { OutboxEntry } from '../../../../cloudfunctions/shared/notify/outbox'
import { runSweeps } from '../../../../cloudfunctions/shared/cases/jobs'
import { demoGridIds, demoPoints } from '../../../../emulator/demo/grids'
import { createTestWorld, type TestWorld } from '../../../factories/runtime'
import { eventsOf, inboxOf, outboxOf, people, report, walkToVerified } from './walk'

const day = 24 * 60

/** The whole outbox once the relay has queued what the acts left on their cases. */
async function allOutbox(world: TestWorld): Promise<OutboxEntry[]> {
  await runRelay(world.runtime)
  return (await world.db.collection(collections.outbox).limit(1000).get()).data as OutboxEntry[]
}

describe('notifications (outbox)', () => {
  let world: TestWorld
  let caseId: string
  beforeEach(async () => {
    world = await createTestWorld()
    caseId = (await report(world)).id
  })
  afterEach(() => world.close())

  it('keys every entry by the event it comes from and its position', async () => {
    await walkToVerified(world, caseId)
    await world.ok(people.resident, 'case.dispute', { caseId, reason: '仍在焚烧' })
    const events = new Map((await eventsOf(world, caseId)).map((event) => [event._id, event]))
    const entries = await outboxOf(world, caseId)
    expect(entries.length).toBeGreaterThanOrEqual(6)
    for (const entry of entries) {
      const match = /^(.+#\d+):(\d+)$/.exec(entry._id)
      expect(match).not.toBeNull()
      const event = events.get(match![1]!)
      expect(event).toBeDefined()
      expect(entry.createdAt).toBe(event!.at)
      expect(entry.sentAt).toBeNull()
    }
  })

  it('opens the case from its subscription message, and waits for the sender when addressed to a person', async () => {
    const entries = await outboxOf(world, caseId)
    const [routed] = entries.filter((entry) => entry.kind === 'case-routed')
    expect(routed!.message.page).toBe(`pages/case-detail/index?id=${caseId}`)
    for (const entry of entries)
      expect(entry.delivery.state).toBe('openid' in entry.audience ? 'pending' : 'in-app')
  })

  it('tells the reporter the case was routed, claimed, rectified, verified and closed', async () => {
    await walkToVerified(world, caseId)
    await world.ok(people.resident, 'case.confirm', { caseId, rating: 5, comment: '满意' })
    const { items } = await inboxOf(world, people.resident, {})
    const kinds = items.filter((item) => item.caseId === caseId).map((item) => item.kind)
    expect(kinds.sort()).toEqual(
      ['case-claimed', 'case-closed', 'case-rectified', 'case-routed', 'confirm-requested'].sort(),
    )
  })

  it('tells the reporter when the system closes a case after their silence', async () => {
    await walkToVerified(world, caseId)
    world.clock.advanceMinutes(3 * day + 1)
    await runSweeps(world.runtime)
    const { items } = await inboxOf(world, people.resident, {})
    expect(items).toEqual(expect.arrayContaining([expect.objectContaining({ caseId, kind: 'case-closed' })]))
  })

  it('shows a grid member the messages of his grid in his role, and not those of other grids', async () => {
    const elsewhere = await report(world, { at: demoPoints.streetOnly })
    const { items } = await inboxOf(world, people.member, {})
    expect(items.map((item) => [item.caseId, item.kind])).toEqual([[caseId, 'new-case']])
    const street = await inboxOf(world, people.streetLeader, {})
    expect(street.items.map((item) => [item.caseId, item.kind])).toEqual([[elsewhere.id, 'new-case']])
  })

  it('does not show a reporter another reporter’s messages', async () => {
    await world.ok(people.member, 'case.claim', { caseId })
    expect((await inboxOf(world, people.resident2, {})).total).toBe(0)
  })

  it('lists the newest messages first and pages them', async () => {
    for (let i = 0; i < 3; i += 1) {
      world.clock.advanceMinutes(1)
      await report(world)
    }
    const first = await inboxOf(world, people.member, { pageSize: 2 })
    const second = await inboxOf(world, people.member, { pageSize: 2, page: 2 })
    // A page with more after it does not count them; the last page knows the total.
    expect(first).toMatchObject({ total: null, hasMore: true })
    expect(second).toMatchObject({ total: 4, hasMore: false })
    expect(first.items.map((item) => item.createdAt)).toEqual(
      [...first.items.map((item) => item.createdAt)].sort().reverse(),
    )
    expect(second.items.at(-1)!.caseId).toBe(caseId)
  })

  it('queues nothing twice when a sweep runs again', async () => {
    const claimed = (await report(world)).id
    await world.ok(people.member, 'case.claim', { caseId: claimed })
    // Two hours: unclaimed alert; three and a half: yellow cards; four and a bit: red card and escalation.
    for (const minutes of [121, 90, 31]) {
      world.clock.advanceMinutes(minutes)
      const before = (await allOutbox(world)).length
      await runSweeps(world.runtime)
      const queued = (await allOutbox(world)).map((entry) => entry._id).sort()
      expect(queued.length).toBeGreaterThan(before)
      await Promise.all([runSweeps(world.runtime), runSweeps(world.runtime)])
      await runSweeps(world.runtime)
      expect((await allOutbox(world)).map((entry) => entry._id).sort()).toEqual(queued)
    }
    const kinds = (await allOutbox(world)).map((entry) => entry.kind)
    expect(kinds.filter((kind) => kind === 'unclaimed-alert')).toHaveLength(1)
    expect(kinds.filter((kind) => kind === 'yellow-card')).toHaveLength(2)
    expect(kinds.filter((kind) => kind === 'case-escalated')).toHaveLength(1)
  })

  it('queues the auto-close message once however often the sweep runs', async () => {
    await walkToVerified(world, caseId)
    world.clock.advanceMinutes(3 * day + 1)
    await Promise.all([runSweeps(world.runtime), runSweeps(world.runtime)])
    await runSweeps(world.runtime)
    expect((await outboxOf(world, caseId)).filter((entry) => entry.kind === 'case-closed')).toHaveLength(1)
    expect((await eventsOf(world, caseId)).filter((event) => event.type === 'auto-confirm')).toHaveLength(1)
  })

  it('tells the grid when a case is escalated to it, and the district offices when it reaches them', async () => {
    await world.ok(people.member, 'case.escalate', { caseId, reason: 'cannot-handle', note: '' })
    await world.ok(people.communityLeader, 'case.escalate', { caseId, reason: 'cannot-handle', note: '' })
    await world.ok(people.streetLeader, 'case.escalate', { caseId, reason: 'cannot-handle', note: '' })
    const escalated = (await outboxOf(world, caseId))
      .filter((entry) => entry.kind === 'case-escalated')
      .map((entry) => entry.audience)
    expect(escalated).toEqual(
      expect.arrayContaining([
        { gridId: demoGridIds.yingyueRoad, roles: ['grid_leader', 'grid_member', 'sunk_staff'] },
        { gridId: demoGridIds.hanghaiEastRoad, roles: ['grid_leader', 'grid_member', 'sunk_staff'] },
        { gridId: demoGridIds.guancheng, roles: ['district_office'] },
      ]),
    )
    expect((await inboxOf(world, people.longTermOffice, {})).items.map((item) => item.kind)).toEqual([
      'case-escalated',
    ])
  })
})
