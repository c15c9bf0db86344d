import { demoGridIds, demoPoints } from '../../../emulator/demo/grids'
import type { ActionInput } from '../../../src/domain/contract'
import { people } from '../cases/lifecycle/walk'
import { createTestWorld, type TestWorld } from '../../factories/runtime'

let calls = 0
const call = (overrides: Partial<ActionInput<'hotline.record'>> = {}): ActionInput<'hotline.record'> => ({
  requestId: `hotline-test-${String((calls += 1)).padStart(4, '0')}`,
  categoryId: 'open-burning',
  checkId: 'burning-garbage',
  description: '来电反映映月路有人焚烧垃圾，烟很大',
  location: demoPoints.yingyueRoadGrid1,
  address: '映月路与商鼎路交叉口东北角',
  callerName: '王先生',
  callerPhone: '13800001234',
  ...overrides,
})
const contact = { name: '王先生', phone: '13800001234' }

describe('the complaint line', () => {
  let world: TestWorld
  beforeAll(async () => {
    world = await createTestWorld()
  })
  afterAll(() => world.close())

  it('files a caller’s complaint as a hotline case on the board of the grid its place lies in, numbered to read back', async () => {
    const { case: filed, replayed } = await world.ok(people.airOffice, 'hotline.record', call())
    expect(replayed).toBe(false)
    expect(filed).toMatchObject({
      channel: 'hotline',
      status: 'pending',
      grid: { id: demoGridIds.yingyueRoadGrid1 },
      caseNo: expect.stringMatching(/^\d{4}-?\d{2}-?\d{2}-\d{4}$/),
      callerContact: contact,
      reporter: null,
    })
    const board = await world.ok(people.member, 'board.list', { filter: 'unclaimed' })
    expect(board.items.map((item) => item.id)).toContain(filed.id)
  })

  it('shows the caller’s contact to the handling staff only', async () => {
    const { case: filed } = await world.ok(people.airOffice, 'hotline.record', call())
    const seenBy = async (openid: string) =>
      (await world.ok(openid, 'case.get', { caseId: filed.id })).case.callerContact ?? null
    expect(await seenBy(people.member)).toEqual(contact)
    expect(await seenBy(people.blockLeader)).toEqual(contact)
    expect(await seenBy(people.airOffice)).toEqual(contact)
    expect(await seenBy(people.supervisor)).toBeNull()
    expect(await seenBy(people.resident)).toBeNull()
    await world.ok(people.member, 'case.claim', { caseId: filed.id })
    expect(await seenBy(people.member)).toEqual(contact)
    // Nor does the caller's number appear in any other part of the public summary.
    const publicView = await world.ok(people.resident, 'case.get', { caseId: filed.id })
    expect(JSON.stringify(publicView)).not.toContain(contact.phone)
  })

  it('answers a retried entry with the first case', async () => {
    const entry = call()
    const first = await world.ok(people.airOffice, 'hotline.record', entry)
    const again = await world.ok(people.airOffice, 'hotline.record', entry)
    expect(again).toMatchObject({ replayed: true, case: { id: first.case.id, caseNo: first.case.caseNo } })
  })

  it('checks the caller’s words with WeChat: a risky text is refused and nothing is filed', async () => {
    world.wechat.setVerdict('text', { suggest: 'risky', label: 20001 }, 1)
    const entry = call({ description: '来电内容含有违规信息' })
    expect(await world.call(people.airOffice, 'hotline.record', entry)).toMatchObject({
      ok: false,
      error: { code: 'content-rejected', fields: { description: expect.any(String) } },
    })
    // Nothing was kept of the refused entry: the same request files a fresh case once the words pass.
    expect(await world.ok(people.airOffice, 'hotline.record', entry)).toMatchObject({ replayed: false })
  })

  it('holds a case whose words WeChat wants reviewed off the public board until staff approve it', async () => {
    world.wechat.setVerdict('text', { suggest: 'review', label: 21000 }, 1)
    const { case: held } = await world.ok(people.airOffice, 'hotline.record', call())
    expect(held.screening).toMatchObject({ state: 'review' })
    expect(await world.call(people.resident, 'case.get', { caseId: held.id })).toMatchObject({ ok: false })
  })

  it('is for the district office’s operators only', async () => {
    for (const openid of [people.resident, people.member, people.supervisor]) {
      expect(await world.call(openid, 'hotline.record', call())).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      })
    }
  })

  it('refuses a place outside every grid, an unknown check and a bad number, naming the field', async () => {
    expect(
      await world.call(people.airOffice, 'hotline.record', call({ location: demoPoints.outside })),
    ).toMatchObject({
      ok: false,
      error: { code: 'outside-service-area', fields: { location: expect.any(String) } },
    })
    expect(
      await world.call(people.airOffice, 'hotline.record', call({ checkId: 'road-spill' })),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', fields: { checkId: expect.any(String) } },
    })
    expect(
      await world.call(people.airOffice, 'hotline.record', call({ callerPhone: 'call me' })),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', fields: { callerPhone: '请填写有效的电话号码' } },
    })
  })
})
