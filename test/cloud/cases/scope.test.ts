import { collections } from '../../../cloudfunctions/shared/app'
import type { ActionName, CaseView, EventView } from '../../../src/domain/contract'
import type { Role, User } from '../../../src/domain/people/roles'
import { demoGridIds } from '../../../emulator/demo/grids'
import { createTestWorld, reportAt, type TestWorld } from '../../factories/runtime'
import { afterPhoto, people, refusal } from './lifecycle/walk'
import { ownPhoto, photoUrlPattern } from '../../factories/photos'

/*
 * Who sees what of a case, over every read: case.get (with its trail), case.mine, board.list and case.nearby,
 * and the case an act answers with. The full view goes to the reporter and followers, to staff attached to
 * the case or whose grids cover it, and to the district office and supervisor of its district; everyone else
 * gets the public summary.
 */

const exactPoint = { lng: 113.69251, lat: 34.72884 }
const coarsePoint = { lng: 113.693, lat: 34.729 }
const address = '映月路某小区3号楼东侧'
const staffOnlyNote = '执法局已约谈焚烧者，留存笔录'
const publicNote = '已劝阻并熄灭'

/** People besides the demo accounts: staff of the next block, and of the other district (高新区). */
const extras: Record<string, { role: Role; gridIds: string[]; nickname: string }> = {
  'next-block-member': {
    role: 'grid_member',
    gridIds: [demoGridIds.yingyueRoadGrid2],
    nickname: '网格员小吴',
  },
  'gaoxin-office': { role: 'district_office', gridIds: [demoGridIds.gaoxin], nickname: '高新大气办' },
  'gaoxin-supervisor': { role: 'supervisor', gridIds: [demoGridIds.gaoxin], nickname: '高新督查' },
  'gaoxin-sunk-staff': { role: 'sunk_staff', gridIds: [demoGridIds.wutong], nickname: '高新执法员' },
  'gaoxin-member': { role: 'grid_member', gridIds: [demoGridIds.wutong], nickname: '梧桐网格员' },
}

async function addPeople(world: TestWorld) {
  for (const [openid, person] of Object.entries(extras)) {
    const user: User = { _id: openid, openid, points: 0, ...person }
    await world.db.collection(collections.user).add(user)
  }
}

/**
 * A case reported by 林女士 with an address and a photo, joined by 周先生, claimed by the block's member, with
 * a joint handler from the other district (typed in by account) who recorded a staff-only part with a photo,
 * then rectified with a public note.
 */
async function handledCase(world: TestWorld, options: { anonymous?: boolean } = {}): Promise<string> {
  const payload = reportAt(exactPoint, { address, photos: [ownPhoto], ...options })
  const { id: caseId } = (await world.ok(people.resident, 'case.submit', payload)).case
  await world.ok(people.resident2, 'case.join', { caseId })
  await world.ok(people.member, 'case.claim', { caseId })
  await world.ok(people.blockLeader, 'case.attachHandlers', { caseId, openids: ['gaoxin-sunk-staff'] })
  await world.ok('gaoxin-sunk-staff', 'case.recordPart', { caseId, note: staffOnlyNote, photos: [ownPhoto] })
  return caseId
}

type Seen = 'full' | 'summary' | 'absent' | 'refused'
type Answer = { seen: Seen; view?: CaseView; events?: EventView[] }
type ReadOf = (world: TestWorld, openid: string, caseId: string) => Promise<Answer>

/** The four reads, each answering which view of the case the caller got (or none). */
const reads = {
  'case.get': async (world: TestWorld, openid: string, caseId: string) => {
    const answer = await world.call(openid, 'case.get', { caseId })
    if (!answer.ok) return { seen: 'refused' as Seen }
    return { seen: answer.data.case.view, view: answer.data.case, events: answer.data.events }
  },
  'case.mine': async (world: TestWorld, openid: string, caseId: string) => {
    const answer = await world.call(openid, 'case.mine', {})
    if (!answer.ok) return { seen: 'refused' as Seen }
    const view = answer.data.items.find((item) => item.id === caseId)
    return view ? { seen: view.view, view } : { seen: 'absent' as Seen }
  },
  'board.list': async (world: TestWorld, openid: string, caseId: string) => {
    const answer = await world.call(openid, 'board.list', {})
    if (!answer.ok) return { seen: 'refused' as Seen }
    const view = answer.data.items.find((item) => item.id === caseId)
    return view ? { seen: view.view, view } : { seen: 'absent' as Seen }
  },
  'case.nearby': async (world: TestWorld, openid: string, caseId: string) => {
    const answer = await world.call(openid, 'case.nearby', {
      categoryId: 'open-burning',
      location: exactPoint,
    })
    if (!answer.ok) return { seen: 'refused' as Seen }
    const view = answer.data.items.find((item) => item.id === caseId)
    return view ? { seen: view.view, view } : { seen: 'absent' as Seen }
  },
} satisfies Partial<Record<ActionName, ReadOf>>
type Read = keyof typeof reads

/** The fields the full view must have, and the summary must not. */
function expectFull(view: CaseView, events?: EventView[]) {
  expect(view).toMatchObject({
    view: 'full',
    location: exactPoint,
    address,
    reporter: { nickname: '林女士' },
    photos: [expect.stringMatching(photoUrlPattern)],
    jointHandlers: ['高新执法员'],
  })
  if (events) {
    const part = events.find((event) => event.type === 'record-part')!
    expect(part).toMatchObject({ note: staffOnlyNote, evidence: [expect.stringMatching(photoUrlPattern)] })
  }
}

function expectSummary(view: CaseView, events?: EventView[]) {
  expect(view).toMatchObject({
    view: 'summary',
    location: coarsePoint,
    address: '航海东路街道 / 映月路社区',
    reporter: null,
    // The report's photo passed WeChat's check (the stand-in passes everything unless told otherwise).
    photos: [expect.stringMatching(photoUrlPattern)],
    jointHandlers: [],
  })
  const shown = JSON.stringify({ view, events })
  for (const secret of [address, '林女士', '周先生', 'cloud://', staffOnlyNote, '113.69251'])
    expect(shown).not.toContain(secret)
  if (events) {
    expect(events.find((event) => event.type === 'record-part')).toMatchObject({ note: '', evidence: [] })
    expect(events.find((event) => event.type === 'rectify')).toMatchObject({ note: publicNote, evidence: [] })
  }
}

/**
 * The authorization table: each viewer (a role in a relation to the case) and what each read shows them.
 * `absent`: the read does not list the case; `refused`: the read refuses the caller altogether.
 */
const table: [who: string, openid: string, expected: Record<Read, Seen>][] = [
  [
    'the reporter (resident)',
    people.resident,
    { 'case.get': 'full', 'case.mine': 'full', 'board.list': 'refused', 'case.nearby': 'full' },
  ],
  [
    'a follower (resident)',
    people.resident2,
    { 'case.get': 'full', 'case.mine': 'full', 'board.list': 'refused', 'case.nearby': 'full' },
  ],
  [
    'a volunteer of the community',
    people.volunteer,
    { 'case.get': 'summary', 'case.mine': 'absent', 'board.list': 'refused', 'case.nearby': 'summary' },
  ],
  [
    'a first-time resident',
    'dev-stranger1',
    { 'case.get': 'summary', 'case.mine': 'absent', 'board.list': 'refused', 'case.nearby': 'summary' },
  ],
  [
    'the claimer (grid member of its block)',
    people.member,
    { 'case.get': 'full', 'case.mine': 'absent', 'board.list': 'full', 'case.nearby': 'full' },
  ],
  [
    'a joint handler from another district',
    'gaoxin-sunk-staff',
    { 'case.get': 'full', 'case.mine': 'absent', 'board.list': 'absent', 'case.nearby': 'full' },
  ],
  [
    'the leader of its block',
    people.blockLeader,
    { 'case.get': 'full', 'case.mine': 'absent', 'board.list': 'full', 'case.nearby': 'full' },
  ],
  [
    'the leader of its community',
    people.communityLeader,
    { 'case.get': 'full', 'case.mine': 'absent', 'board.list': 'full', 'case.nearby': 'full' },
  ],
  [
    'the leader of its street',
    people.streetLeader,
    { 'case.get': 'full', 'case.mine': 'absent', 'board.list': 'full', 'case.nearby': 'full' },
  ],
  [
    'sunk staff of its block',
    people.sunkStaff,
    { 'case.get': 'full', 'case.mine': 'absent', 'board.list': 'full', 'case.nearby': 'full' },
  ],
  [
    'a grid member of the next block',
    'next-block-member',
    { 'case.get': 'summary', 'case.mine': 'absent', 'board.list': 'absent', 'case.nearby': 'summary' },
  ],
  [
    'the district office of its district',
    people.airOffice,
    { 'case.get': 'full', 'case.mine': 'absent', 'board.list': 'full', 'case.nearby': 'full' },
  ],
  [
    'the supervisor of its district',
    people.supervisor,
    { 'case.get': 'full', 'case.mine': 'absent', 'board.list': 'full', 'case.nearby': 'full' },
  ],
  [
    'the district office of another district',
    'gaoxin-office',
    { 'case.get': 'summary', 'case.mine': 'absent', 'board.list': 'absent', 'case.nearby': 'summary' },
  ],
  [
    'the supervisor of another district',
    'gaoxin-supervisor',
    { 'case.get': 'summary', 'case.mine': 'absent', 'board.list': 'absent', 'case.nearby': 'summary' },
  ],
  [
    'a grid member of another district',
    'gaoxin-member',
    { 'case.get': 'summary', 'case.mine': 'absent', 'board.list': 'absent', 'case.nearby': 'summary' },
  ],
]

describe('who sees what of a case: the authorization table over role × relation × read', () => {
  let world: TestWorld
  let caseId: string
  beforeAll(async () => {
    world = await createTestWorld()
    await addPeople(world)
    caseId = await handledCase(world)
    await world.ok(people.member, 'case.rectify', {
      caseId,
      measure: 'dissuade',
      note: publicNote,
      photos: [afterPhoto],
    })
  })
  afterAll(() => world.close())

  describe.each(table)('%s', (_who, openid, expected) => {
    it.each(Object.keys(reads) as Read[])('%s', async (read) => {
      const answer = await reads[read](world, openid, caseId)
      expect(answer.seen).toBe(expected[read])
      const { view, events } = answer as Answer
      if (!view) return
      if (answer.seen === 'full') expectFull(view, events)
      else expectSummary(view, events)
    })
  })
})

describe('who sees what of a case, in behaviour', () => {
  let world: TestWorld
  beforeEach(async () => {
    world = await createTestWorld()
    await addPeople(world)
  })
  afterEach(() => world.close())

  it('a resident who did not report a case sees only its coarse place', async () => {
    const caseId = await handledCase(world)
    const { case: seen } = await world.ok(people.volunteer, 'case.get', { caseId })
    expect(seen.location).toEqual(coarsePoint)
    expect(seen.address).toBe('航海东路街道 / 映月路社区')
  })

  it('a grid member of the next block sees no reporter, and only the photos that passed the content check', async () => {
    const caseId = await handledCase(world)
    const { case: seen } = await world.ok('next-block-member', 'case.get', { caseId })
    expect(seen).toMatchObject({
      view: 'summary',
      reporter: null,
      photos: [expect.stringMatching(photoUrlPattern)],
    })
  })

  it('the district office of another district gets the summary, its own district the full view', async () => {
    const caseId = await handledCase(world)
    expect((await world.ok('gaoxin-office', 'case.get', { caseId })).case.view).toBe('summary')
    expect((await world.ok(people.airOffice, 'case.get', { caseId })).case.view).toBe('full')
  })

  it('staff-only notes and evidence stay out of the public trail, the fix’s note does not', async () => {
    const caseId = await handledCase(world)
    await world.ok(people.member, 'case.rectify', {
      caseId,
      measure: 'dissuade',
      note: publicNote,
      photos: [afterPhoto],
    })
    const { events } = await world.ok(people.volunteer, 'case.get', { caseId })
    expect(events.map((event) => event.note)).not.toContain(staffOnlyNote)
    expect(events.flatMap((event) => event.evidence)).toEqual([])
    expect(events.find((event) => event.type === 'rectify')!.note).toBe(publicNote)
  })

  it('notes of escalation and sending back stay with the full view', async () => {
    const { id: caseId } = (await world.ok(people.resident, 'case.submit', reportAt(exactPoint))).case
    await world.ok(people.member, 'case.escalate', {
      caseId,
      reason: 'cannot-handle',
      note: '需要社区协调城管',
    })
    await world.ok(people.communityLeader, 'case.sendBack', { caseId, note: '请先联系物业再处置' })
    const { events } = await world.ok(people.volunteer, 'case.get', { caseId })
    expect(JSON.stringify(events)).not.toContain('需要社区协调城管')
    expect(JSON.stringify(events)).not.toContain('请先联系物业再处置')
    const { events: full } = await world.ok(people.member, 'case.get', { caseId })
    expect(full.map((event) => event.note)).toEqual(
      expect.arrayContaining(['需要社区协调城管', '请先联系物业再处置']),
    )
  })

  it('a reason for refusing a report stays with the full view; the reason’s label is public', async () => {
    const { id: caseId } = (await world.ok(people.resident, 'case.submit', reportAt(exactPoint))).case
    await world.ok(people.blockLeader, 'case.reject', { caseId, reason: 'fake', note: '现场核实为烧烤摊' })
    const { case: seen, events } = await world.ok(people.volunteer, 'case.get', { caseId })
    expect(seen.resolution).toMatchObject({ code: 'fake', label: '虚假举报', note: '' })
    expect(JSON.stringify(events)).not.toContain('现场核实为烧烤摊')
    const { case: own } = await world.ok(people.resident, 'case.get', { caseId })
    expect(own.resolution?.note).toBe('现场核实为烧烤摊')
  })

  it('a case escalated out of a block stays in full for that block’s member', async () => {
    const { id: caseId } = (await world.ok(people.resident, 'case.submit', reportAt(exactPoint, { address })))
      .case
    await world.ok(people.member, 'case.escalate', { caseId, reason: 'cannot-handle', note: '' })
    expect((await world.ok(people.member, 'case.get', { caseId })).case).toMatchObject({
      view: 'full',
      address,
    })
  })

  it('the answer to an act is scoped too: joining a case gives the follower the full view', async () => {
    const { id: caseId } = (await world.ok(people.resident, 'case.submit', reportAt(exactPoint, { address })))
      .case
    const { case: joined } = await world.ok(people.resident2, 'case.join', { caseId })
    expect(joined).toMatchObject({ view: 'full', address, location: exactPoint })
  })

  it('only those who see a case in full may verify its trail', async () => {
    const caseId = await handledCase(world)
    expect((await world.ok(people.resident2, 'case.verifyTrail', { caseId })).intact).toBe(true)
    expect(refusal(await world.call('gaoxin-office', 'case.verifyTrail', { caseId })).code).toBe('forbidden')
  })
})

describe('joint enforcement reveals nothing about accounts before the caller may attach', () => {
  let world: TestWorld
  let caseId: string
  beforeEach(async () => {
    world = await createTestWorld()
    await addPeople(world)
    caseId = (await world.ok(people.resident, 'case.submit', reportAt(exactPoint))).case.id
    await world.ok(people.member, 'case.claim', { caseId })
  })
  afterEach(() => world.close())

  it('answers a leader outside the case’s grids the same for staff, residents and unknown accounts', async () => {
    const outsider = 'gaoxin-office'
    const answers = await Promise.all(
      [people.sunkStaff, people.resident2, 'no-such-account'].map(async (openid) =>
        refusal(await world.call(outsider, 'case.attachHandlers', { caseId, openids: [openid] })),
      ),
    )
    expect(answers.map((error) => error.code)).toEqual(['forbidden', 'forbidden', 'forbidden'])
    expect(new Set(answers.map((error) => JSON.stringify(error))).size).toBe(1)
  })

  it('tells a leader of the case which account cannot be attached', async () => {
    const error = refusal(
      await world.call(people.blockLeader, 'case.attachHandlers', { caseId, openids: [people.resident2] }),
    )
    expect(error).toMatchObject({
      code: 'invalid-input',
      message: '只能增派网格工作人员或下沉人员',
      details: { openid: people.resident2 },
    })
  })
})
