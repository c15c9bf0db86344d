import { demoGridIds } from '../../../../emulator/demo/grids'
import { createTestWorld, type TestWorld } from '../../../factories/runtime'
import { escalateToDistrict, inboxOf, outboxOf, people, refusal, report } from './walk'

describe('escalation up the grid (上报) and to the city', () => {
  let world: TestWorld
  let caseId: string
  beforeEach(async () => {
    world = await createTestWorld()
    caseId = (await report(world)).id
  })
  afterEach(() => world.close())

  it('moves a block case to its community, unclaimed and pending, with the reason on the event', async () => {
    await world.ok(people.member, 'case.claim', { caseId })
    const { case: escalated } = await world.ok(people.member, 'case.escalate', {
      caseId,
      reason: 'cannot-handle',
      note: '油烟太大处置不了',
    })
    expect(escalated).toMatchObject({
      status: 'pending',
      claimedBy: null,
      grid: { id: demoGridIds.yingyueRoad, level: 'community' },
    })
    const { events } = await world.ok(people.communityLeader, 'case.get', { caseId })
    expect(events.at(-1)).toMatchObject({
      type: 'escalate',
      label: '上报上级网格',
      from: 'claimed',
      to: 'pending',
      note: '油烟太大处置不了',
    })
  })

  it('walks a case block → community → street → 管城回族区', async () => {
    await escalateToDistrict(world, caseId)
    const { case: atDistrict, events } = await world.ok(people.airOffice, 'case.get', { caseId })
    expect(atDistrict.grid).toMatchObject({ id: demoGridIds.guancheng, level: 'district' })
    expect(events.filter((event) => event.type === 'escalate')).toHaveLength(3)
  })

  it('refuses an escalation without a reason code', async () => {
    const error = refusal(await world.call(people.member, 'case.escalate', { caseId, note: '处置不了' }))
    expect(error).toMatchObject({ code: 'invalid-input', fields: { reason: '请选择上报原因' } })
  })

  it('puts an escalated case on the upper level’s board with its whole history, and off the block’s', async () => {
    await world.ok(people.member, 'case.claim', { caseId })
    await world.ok(people.member, 'case.escalate', { caseId, reason: 'cannot-handle', note: '需社区协调' })
    await world.ok(people.communityLeader, 'case.escalate', {
      caseId,
      reason: 'needs-joint-enforcement',
      note: '需街道联合执法',
    })

    const streetBoard = await world.ok(people.streetLeader, 'board.list', { filter: 'escalated' })
    expect(streetBoard.items.map((item) => item.id)).toEqual([caseId])
    expect(streetBoard.items[0]!.grid.id).toBe(demoGridIds.hanghaiEastRoad)
    expect((await world.ok(people.member, 'board.list', {})).total).toBe(0)

    const { events } = await world.ok(people.streetLeader, 'case.get', { caseId })
    expect(events.map((event) => event.type)).toEqual(['submit', 'claim', 'escalate', 'escalate'])
    expect(events.map((event) => event.note)).toEqual([
      expect.stringContaining('映月路社区第1网格'),
      '',
      '需社区协调',
      '需街道联合执法',
    ])
  })

  it('no longer lets the block it left act on an escalated case', async () => {
    await world.ok(people.member, 'case.escalate', { caseId, reason: 'cannot-handle', note: '' })
    expect(refusal(await world.call(people.member, 'case.claim', { caseId })).code).toBe('forbidden')
    await world.ok(people.communityLeader, 'case.claim', { caseId })
  })

  it('tells the grid above that a case was escalated to it', async () => {
    await world.ok(people.member, 'case.escalate', { caseId, reason: 'out-of-remit', note: '不属于本网格' })
    const messages = await inboxOf(world, people.communityLeader, {})
    expect(messages.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ caseId, kind: 'case-escalated', body: '职责范围外：不属于本网格' }),
      ]),
    )
  })

  it('tells the district offices when a case reaches the district', async () => {
    await escalateToDistrict(world, caseId)
    const entries = await outboxOf(world, caseId)
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'case-escalated',
          audience: { gridId: demoGridIds.guancheng, roles: ['district_office'] },
        }),
      ]),
    )
  })

  it('sends a case back down with instructions to the next grid towards where it started', async () => {
    await escalateToDistrict(world, caseId)
    const { case: atStreet } = await world.ok(people.airOffice, 'case.sendBack', {
      caseId,
      note: '请街道组织联合执法',
    })
    expect(atStreet).toMatchObject({ status: 'pending', grid: { id: demoGridIds.hanghaiEastRoad } })
    const { case: atCommunity } = await world.ok(people.streetLeader, 'case.sendBack', {
      caseId,
      note: '请社区先行劝阻',
    })
    expect(atCommunity.grid.id).toBe(demoGridIds.yingyueRoad)
    const { case: atBlock } = await world.ok(people.communityLeader, 'case.sendBack', {
      caseId,
      note: '请网格员现场处置',
    })
    expect(atBlock.grid.id).toBe(demoGridIds.yingyueRoadGrid1)
    const { events } = await world.ok(people.member, 'case.get', { caseId })
    expect(events.at(-1)).toMatchObject({ type: 'send-back', note: '请网格员现场处置' })
    expect(
      (await world.ok(people.member, 'board.list', { filter: 'unclaimed' })).items.map((item) => item.id),
    ).toEqual([caseId])
  })

  it('refuses a send-back without instructions', async () => {
    await world.ok(people.member, 'case.escalate', { caseId, reason: 'cannot-handle', note: '' })
    const error = refusal(await world.call(people.communityLeader, 'case.sendBack', { caseId, note: '  ' }))
    expect(error).toMatchObject({ code: 'invalid-input', fields: { note: '请写明退回后的处置要求' } })
  })

  it('refuses to send a case back below the grid it started in', async () => {
    const error = refusal(await world.call(people.blockLeader, 'case.sendBack', { caseId, note: '退回' }))
    expect(error.code).toBe('illegal-transition')
  })

  it('refuses to escalate from the district level, pointing to the two sign-offs', async () => {
    await escalateToDistrict(world, caseId)
    const error = refusal(
      await world.call(people.airOffice, 'case.escalate', { caseId, reason: 'out-of-remit', note: '跨区' }),
    )
    expect(error).toMatchObject({
      code: 'illegal-transition',
      message: expect.stringContaining('区大气办和区长效办会签'),
    })
  })

  it('lets a district office ask for the city, awaiting sign-off', async () => {
    await escalateToDistrict(world, caseId)
    const { case: asked } = await world.ok(people.airOffice, 'case.requestCity', {
      caseId,
      note: '涉及跨区污染，需市级协调',
    })
    expect(asked).toMatchObject({ status: 'awaiting-signoff', statusLabel: '待区级会签', signOffs: [] })
  })

  it('refuses a city request below the district level', async () => {
    await world.ok(people.member, 'case.escalate', { caseId, reason: 'cannot-handle', note: '' })
    await world.ok(people.communityLeader, 'case.escalate', { caseId, reason: 'cannot-handle', note: '' })
    expect(
      refusal(await world.call(people.streetLeader, 'case.requestCity', { caseId, note: '报市级' })).code,
    ).toBe('forbidden')
    refusal(await world.call(people.airOffice, 'case.requestCity', { caseId, note: '报市级' }))
    expect((await world.ok(people.airOffice, 'case.get', { caseId })).case).toMatchObject({
      status: 'pending',
      grid: { id: demoGridIds.hanghaiEastRoad },
    })
  })

  describe('once a city request awaits sign-off', () => {
    beforeEach(async () => {
      await escalateToDistrict(world, caseId)
      await world.ok(people.airOffice, 'case.requestCity', { caseId, note: '涉及政策调整' })
    })

    it('keeps the case awaiting sign-off after one office signs alone', async () => {
      const { case: signed } = await world.ok(people.airOffice, 'case.signOff', { caseId, note: '同意' })
      expect(signed).toMatchObject({ status: 'awaiting-signoff', signOffs: ['区大气办'] })
    })

    it('sends the case to the city once both 大气办 and 长效办 have signed', async () => {
      await world.ok(people.longTermOffice, 'case.signOff', { caseId, note: '同意' })
      const { case: atCity } = await world.ok(people.airOffice, 'case.signOff', { caseId, note: '同意' })
      expect(atCity).toMatchObject({ status: 'at-city', statusLabel: '已报市级' })
      expect([...atCity.signOffs].sort()).toEqual(['区大气办', '区长效办'].sort())
      const { events } = await world.ok(people.airOffice, 'case.get', { caseId })
      expect(events.filter((event) => event.type === 'sign-off')).toHaveLength(2)
    })

    it('refuses a second sign-off by the same office', async () => {
      await world.ok(people.airOffice, 'case.signOff', { caseId, note: '同意' })
      const error = refusal(await world.call(people.airOffice, 'case.signOff', { caseId, note: '再签一次' }))
      expect(error.code).toBe('illegal-transition')
      expect((await world.ok(people.airOffice, 'case.get', { caseId })).case.status).toBe('awaiting-signoff')
    })

    it('refuses a sign-off by a supervisor or a grid leader', async () => {
      for (const who of [people.supervisor, people.streetLeader]) {
        expect(refusal(await world.call(who, 'case.signOff', { caseId, note: '同意' })).code).toBe(
          'forbidden',
        )
      }
      expect((await world.ok(people.airOffice, 'case.get', { caseId })).case.signOffs).toEqual([])
    })

    it('lets a district office send a case awaiting sign-off back to the street, clearing the sign-offs', async () => {
      await world.ok(people.airOffice, 'case.signOff', { caseId, note: '同意' })
      const { case: back } = await world.ok(people.longTermOffice, 'case.sendBack', {
        caseId,
        note: '街道可自行处置',
      })
      expect(back).toMatchObject({
        status: 'pending',
        signOffs: [],
        grid: { id: demoGridIds.hanghaiEastRoad },
      })
    })
  })
})
