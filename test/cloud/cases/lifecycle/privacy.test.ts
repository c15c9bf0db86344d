import { createTestWorld, type TestWorld } from '../../../factories/runtime'
import { people, report, walkToVerified } from './walk'

const exactPoint = { lng: 113.69251, lat: 34.72884 }
const address = '映月路某小区3号楼东侧'

describe('privacy of reporters and places', () => {
  let world: TestWorld
  beforeEach(async () => {
    world = await createTestWorld()
  })
  afterEach(() => world.close())

  describe('an anonymous report', () => {
    let caseId: string
    beforeEach(async () => {
      caseId = (await report(world, { at: exactPoint, anonymous: true, address })).id
      await walkToVerified(world, caseId)
      await world.ok(people.resident, 'case.dispute', { caseId, reason: '又在烧' })
    })

    it('hides the reporter from every member of staff, on the board and in the case', async () => {
      for (const who of [people.member, people.communityLeader, people.airOffice, people.supervisor]) {
        const { case: seen } = await world.ok(who, 'case.get', { caseId })
        expect(seen).toMatchObject({ anonymous: true, reporter: null })
      }
      const board = await world.ok(people.member, 'board.list', {})
      expect(board.items.find((item) => item.id === caseId)!.reporter).toBeNull()
    })

    it('labels the reporter’s acts 匿名市民 in the timeline staff see', async () => {
      const { events } = await world.ok(people.communityLeader, 'case.get', { caseId })
      const reporterActs = events.filter((event) => event.type === 'submit' || event.type === 'dispute')
      expect(reporterActs.map((event) => event.actorLabel)).toEqual(['匿名市民', '匿名市民'])
      expect(JSON.stringify(events)).not.toContain('林女士')
    })

    it('still shows the reporter his own name', async () => {
      const { case: own, events } = await world.ok(people.resident, 'case.get', { caseId })
      expect(own.reporter).toEqual({ nickname: '林女士' })
      expect(events[0]!.actorLabel).toBe('林女士')
    })

    it('still gives staff the exact place to go to', async () => {
      const { case: seen } = await world.ok(people.member, 'case.get', { caseId })
      expect(seen).toMatchObject({ location: exactPoint, address })
    })
  })

  describe('someone else’s report, seen by a resident', () => {
    let caseId: string
    beforeEach(async () => {
      caseId = (await report(world, { at: exactPoint, address })).id
    })

    it('is a public summary: coarse location, the community for an address, no reporter', async () => {
      const { case: seen } = await world.ok(people.resident2, 'case.get', { caseId })
      expect(seen).toMatchObject({
        view: 'summary',
        reporter: null,
        address: '航海东路街道 / 映月路社区',
        location: { lng: 113.693, lat: 34.729 },
        isMine: false,
      })
    })

    it('does not name the reporter in the timeline', async () => {
      await world.ok(people.member, 'case.claim', { caseId })
      const { events } = await world.ok(people.resident2, 'case.get', { caseId })
      expect(events[0]!.actorLabel).not.toContain('林女士')
      expect(JSON.stringify(events)).not.toContain('林女士')
    })

    it('does not name other residents who joined it', async () => {
      await world.ok(people.volunteer, 'case.join', { caseId })
      const { events } = await world.ok(people.resident2, 'case.get', { caseId })
      expect(JSON.stringify(events)).not.toContain('志愿者小唐')
    })

    it('does not list the joint-enforcement staff', async () => {
      await world.ok(people.member, 'case.claim', { caseId })
      await world.ok(people.blockLeader, 'case.attachHandlers', { caseId, openids: [people.sunkStaff] })
      expect((await world.ok(people.resident2, 'case.get', { caseId })).case.jointHandlers).toEqual([])
      expect((await world.ok(people.member, 'case.get', { caseId })).case.jointHandlers).toEqual([
        '下沉执法员老彭',
      ])
    })

    it('is in full for staff, reporter included when not anonymous', async () => {
      const { case: seen, events } = await world.ok(people.member, 'case.get', { caseId })
      expect(seen).toMatchObject({ reporter: { nickname: '林女士' }, address, location: exactPoint })
      expect(events[0]!.actorLabel).toBe('林女士')
    })
  })

  it('gives a follower the full view of the case he joined, the reporter named as she did not hide', async () => {
    const { id: caseId } = await report(world, { at: exactPoint, address })
    await world.ok(people.resident2, 'case.join', { caseId })
    const { items } = await world.ok(people.resident2, 'case.mine', {})
    expect(items[0]).toMatchObject({
      id: caseId,
      view: 'full',
      isFollowing: true,
      reporter: { nickname: '林女士' },
      address,
      location: exactPoint,
    })
  })

  it('never names an anonymous reporter to a follower', async () => {
    const { id: caseId } = await report(world, { at: exactPoint, address, anonymous: true })
    await world.ok(people.resident2, 'case.join', { caseId })
    const { case: seen, events } = await world.ok(people.resident2, 'case.get', { caseId })
    expect(seen).toMatchObject({ view: 'full', reporter: null, location: exactPoint })
    expect(JSON.stringify(events)).not.toContain('林女士')
  })
})
