import { demoGridIds } from '../../../../emulator/demo/grids'
import { createTestWorld, type TestWorld } from '../../../factories/runtime'
import { afterPhoto, eventsOf, inboxOf, outboxOf, people, refusal, report } from './walk'
import { storedCopyPattern } from '../../../factories/photos'

const hoursFrom = (date: Date, hours: number) => new Date(date.getTime() + hours * 3_600_000).toISOString()

describe('flagged supervision (挂牌督办)', () => {
  let world: TestWorld
  let caseId: string
  let deadlineAt: string
  beforeEach(async () => {
    world = await createTestWorld()
    // Coal stoves have no hour limit of their own: a block gets one working day, Monday 10:00 → Tuesday 10:00.
    const submitted = await report(world, { categoryId: 'coal-stove', checkId: 'coal-small-stove' })
    caseId = submitted.id
    deadlineAt = submitted.deadlineAt!
    await world.ok(people.member, 'case.claim', { caseId })
  })
  afterEach(() => world.close())

  it('lets a supervisor flag a case with a tighter deadline', async () => {
    const tighter = hoursFrom(world.clock.now, 6)
    expect(tighter < deadlineAt).toBe(true)
    const { case: flagged } = await world.ok(people.supervisor, 'case.supervise', {
      caseId,
      deadlineAt: tighter,
      note: '群众反映强烈，限期6小时',
    })
    expect(flagged).toMatchObject({ supervised: true, deadlineAt: tighter, status: 'claimed' })
    const { events } = await world.ok(people.member, 'case.get', { caseId })
    expect(events.at(-1)).toMatchObject({
      type: 'supervise',
      label: '挂牌督办',
      note: '群众反映强烈，限期6小时',
    })
  })

  it('lets the supervisor take the flag off with a reason, keeping the deadline it set', async () => {
    const tighter = hoursFrom(world.clock.now, 6)
    await world.ok(people.supervisor, 'case.supervise', { caseId, deadlineAt: tighter, note: '限期整改' })
    const { case: unflagged } = await world.ok(people.supervisor, 'case.unsupervise', {
      caseId,
      note: '已按要求整改到位',
    })
    expect(unflagged).toMatchObject({ supervised: false, deadlineAt: tighter, status: 'claimed' })
    const { events } = await world.ok(people.member, 'case.get', { caseId })
    expect(events.at(-1)).toMatchObject({ type: 'unsupervise', label: '解除督办', note: '已按要求整改到位' })
  })

  it('refuses to take off a flag that is not there, or by grid staff', async () => {
    expect(
      refusal(await world.call(people.supervisor, 'case.unsupervise', { caseId, note: '解除' })),
    ).toMatchObject({ code: 'illegal-transition', message: '该问题未被挂牌督办' })
    await world.ok(people.supervisor, 'case.supervise', {
      caseId,
      deadlineAt: hoursFrom(world.clock.now, 6),
      note: '限期整改',
    })
    expect(
      refusal(await world.call(people.member, 'case.unsupervise', { caseId, note: '解除' })),
    ).toMatchObject({ code: 'forbidden' })
    expect(refusal(await world.call(people.supervisor, 'case.unsupervise', { caseId }))).toMatchObject({
      code: 'invalid-input',
    })
    expect((await world.ok(people.member, 'case.get', { caseId })).case.supervised).toBe(true)
  })

  it('tells the grid that its case is flagged', async () => {
    await world.ok(people.supervisor, 'case.supervise', {
      caseId,
      deadlineAt: hoursFrom(world.clock.now, 6),
      note: '限期整改',
    })
    const messages = await inboxOf(world, people.member, {})
    expect(messages.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ caseId, kind: 'case-supervised' })]),
    )
  })

  it('refuses a deadline later than the current one', async () => {
    const later = hoursFrom(new Date(deadlineAt), 1)
    const error = refusal(
      await world.call(people.supervisor, 'case.supervise', { caseId, deadlineAt: later, note: '放宽期限' }),
    )
    expect(error).toMatchObject({ code: 'invalid-input', message: '挂牌督办的期限不能晚于原办理期限' })
    expect((await world.ok(people.member, 'case.get', { caseId })).case).toMatchObject({
      supervised: false,
      deadlineAt,
    })
  })

  it('refuses a deadline already past', async () => {
    const error = refusal(
      await world.call(people.supervisor, 'case.supervise', {
        caseId,
        deadlineAt: hoursFrom(world.clock.now, -1),
        note: '督办',
      }),
    )
    expect(error.code).toBe('invalid-input')
  })

  it('refuses supervision by a grid member or a grid leader', async () => {
    for (const who of [people.member, people.communityLeader]) {
      const error = refusal(
        await world.call(who, 'case.supervise', {
          caseId,
          deadlineAt: hoursFrom(world.clock.now, 6),
          note: '督办',
        }),
      )
      expect(error.code).toBe('forbidden')
    }
  })

  it('refuses supervision without a note', async () => {
    const error = refusal(
      await world.call(people.supervisor, 'case.supervise', {
        caseId,
        deadlineAt: hoursFrom(world.clock.now, 6),
        note: '',
      }),
    )
    expect(error).toMatchObject({ code: 'invalid-input', fields: { note: '请写明督办要求' } })
  })
})

describe('joint enforcement (联合执法)', () => {
  let world: TestWorld
  let caseId: string
  beforeEach(async () => {
    world = await createTestWorld()
    caseId = (await report(world)).id
    await world.ok(people.member, 'case.claim', { caseId })
  })
  afterEach(() => world.close())

  it('lets a grid leader attach sunk staff and district offices, and tells each of them', async () => {
    const { case: attached } = await world.ok(people.blockLeader, 'case.attachHandlers', {
      caseId,
      openids: [people.sunkStaff, people.airOffice],
    })
    expect(attached.jointHandlers).toEqual(['下沉执法员老彭', '大气办小江'])
    const entries = (await outboxOf(world, caseId)).filter((entry) => entry.kind === 'joint-enforcement')
    expect(
      entries
        .map((entry) => entry.audience)
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    ).toEqual([{ openid: people.airOffice }, { openid: people.sunkStaff }])
  })

  it('lets an attached person record their part with evidence', async () => {
    await world.ok(people.blockLeader, 'case.attachHandlers', { caseId, openids: [people.sunkStaff] })
    const evidence = await world.photo(people.sunkStaff)
    const { case: after } = await world.ok(people.sunkStaff, 'case.recordPart', {
      caseId,
      note: '已下达限期整改通知书',
      photos: [evidence],
    })
    expect(after.status).toBe('claimed')
    const last = (await eventsOf(world, caseId)).at(-1)
    expect(last).toMatchObject({
      type: 'record-part',
      actorId: people.sunkStaff,
      note: '已下达限期整改通知书',
      // The registered copy of the upload, without its metadata.
      evidence: [expect.stringMatching(storedCopyPattern)],
    })
  })

  it('refuses a part recorded by someone not attached', async () => {
    await world.ok(people.blockLeader, 'case.attachHandlers', { caseId, openids: [people.sunkStaff] })
    const error = refusal(
      await world.call(people.blockLeader, 'case.recordPart', { caseId, note: '我也去了', photos: [] }),
    )
    expect(error).toMatchObject({ code: 'forbidden', message: '只有认领人和联合执法人员可以记录处置情况' })
  })

  it('refuses attaching a resident', async () => {
    const error = refusal(
      await world.call(people.blockLeader, 'case.attachHandlers', { caseId, openids: [people.resident2] }),
    )
    expect(error).toMatchObject({ code: 'invalid-input', details: { openid: people.resident2 } })
    expect((await world.ok(people.member, 'case.get', { caseId })).case.jointHandlers).toEqual([])
  })

  it('says nothing about who is staff to someone who may not attach anyone: the same refusal either way', async () => {
    for (const caller of [people.member, people.resident, people.volunteer, people.supervisor]) {
      const [staff, unknown, resident] = await Promise.all(
        [people.sunkStaff, 'nobody-at-all', people.resident2].map(async (openid) =>
          refusal(await world.call(caller, 'case.attachHandlers', { caseId, openids: [openid] })),
        ),
      )
      expect(staff!.code).toBe('forbidden')
      expect(unknown).toEqual(staff)
      expect(resident).toEqual(staff)
    }
  })

  it('refuses attaching someone unknown', async () => {
    const error = refusal(
      await world.call(people.blockLeader, 'case.attachHandlers', { caseId, openids: ['nobody-at-all'] }),
    )
    expect(error.code).toBe('invalid-input')
  })

  it('refuses attaching the same person twice', async () => {
    await world.ok(people.blockLeader, 'case.attachHandlers', { caseId, openids: [people.sunkStaff] })
    const error = refusal(
      await world.call(people.blockLeader, 'case.attachHandlers', { caseId, openids: [people.sunkStaff] }),
    )
    expect(error.code).toBe('invalid-input')
  })

  it('refuses attachment by a grid member', async () => {
    expect(
      refusal(await world.call(people.member, 'case.attachHandlers', { caseId, openids: [people.sunkStaff] }))
        .code,
    ).toBe('forbidden')
  })

  it('refuses attachment before anyone has claimed the case', async () => {
    const unclaimed = (await report(world)).id
    const error = refusal(
      await world.call(people.blockLeader, 'case.attachHandlers', {
        caseId: unclaimed,
        openids: [people.sunkStaff],
      }),
    )
    expect(error).toMatchObject({
      code: 'illegal-transition',
      message: expect.stringContaining('当前状态为“待认领”'),
    })
  })

  it('offers the leader the handling staff of the grid and above to choose from, sunk staff first, without the claimer or a supervisor', async () => {
    const { items } = await world.ok(people.blockLeader, 'case.handlerCandidates', { caseId })
    expect(items.map((item) => item.openid).sort()).toEqual(
      [
        people.airOffice,
        people.communityLeader,
        people.longTermOffice,
        people.streetLeader,
        people.sunkStaff,
      ].sort(),
    )
    expect(items[0]).toMatchObject({
      openid: people.sunkStaff,
      roleLabel: '下沉人员',
      where: '映月路社区第1网格',
      attached: false,
    })
    expect(items.find((item) => item.openid === people.airOffice)).toMatchObject({ roleLabel: '区大气办' })
  })

  it('marks who is already attached among the candidates', async () => {
    await world.ok(people.blockLeader, 'case.attachHandlers', { caseId, openids: [people.sunkStaff] })
    const { items } = await world.ok(people.blockLeader, 'case.handlerCandidates', { caseId })
    expect(items.filter((item) => item.attached).map((item) => item.openid)).toEqual([people.sunkStaff])
  })

  it('refuses the candidate list to those who may not attach anyone', async () => {
    for (const who of [people.member, people.resident, people.supervisor]) {
      expect(refusal(await world.call(who, 'case.handlerCandidates', { caseId })).code).toBe('forbidden')
    }
    const unclaimed = (await report(world)).id
    expect(
      refusal(await world.call(people.blockLeader, 'case.handlerCandidates', { caseId: unclaimed })).code,
    ).toBe('forbidden')
  })

  it('keeps the claimer the one who marks the case rectified', async () => {
    await world.ok(people.blockLeader, 'case.attachHandlers', { caseId, openids: [people.sunkStaff] })
    await world.ok(people.sunkStaff, 'case.recordPart', { caseId, note: '联合执法完成', photos: [] })
    expect(
      refusal(
        await world.call(people.sunkStaff, 'case.rectify', {
          caseId,
          measure: 'joint-enforcement',
          note: '',
          photos: [afterPhoto],
        }),
      ).code,
    ).toBe('forbidden')
    await world.ok(people.member, 'case.rectify', {
      caseId,
      measure: 'joint-enforcement',
      note: '联合执法后整改完毕',
      photos: [afterPhoto],
    })
  })
})

describe('major or sudden events (重大/突发)', () => {
  let world: TestWorld
  beforeEach(async () => {
    world = await createTestWorld()
  })
  afterEach(() => world.close())

  it('queues a message for the district office at once when a report is marked major', async () => {
    const submitted = await report(world, {
      by: people.member,
      major: true,
      description: '化工厂方向大量黑烟',
    })
    expect(submitted.major).toBe(true)
    const entries = (await outboxOf(world, submitted.id)).filter((entry) => entry.kind === 'major-event')
    expect(entries).toEqual([
      expect.objectContaining({
        audience: { gridId: demoGridIds.guancheng, roles: ['district_office'] },
        body: '化工厂方向大量黑烟',
      }),
    ])
    const messages = await inboxOf(world, people.airOffice, {})
    expect(messages.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ caseId: submitted.id, kind: 'major-event' })]),
    )
  })

  it('takes 重大 from staff or a category rule, never from a resident’s say', async () => {
    const submitted = await report(world, { major: true })
    expect(submitted.major).toBe(false)
    expect((await outboxOf(world, submitted.id)).filter((entry) => entry.kind === 'major-event')).toEqual([])
  })

  it('queues nothing for the district office for an ordinary report', async () => {
    const submitted = await report(world)
    expect((await outboxOf(world, submitted.id)).filter((entry) => entry.kind === 'major-event')).toEqual([])
    expect((await inboxOf(world, people.airOffice, {})).total).toBe(0)
  })

  it('still routes a major report to its own grid for handling', async () => {
    const submitted = await report(world, { by: people.member, major: true })
    expect(submitted.grid.id).toBe(demoGridIds.yingyueRoadGrid1)
    expect(
      (await world.ok(people.member, 'board.list', { filter: 'unclaimed' })).items.map((item) => item.id),
    ).toEqual([submitted.id])
  })

  it('gives a major report the major-event deadline', async () => {
    const submitted = await report(world, {
      by: people.member,
      major: true,
      categoryId: 'coal-stove',
      checkId: 'coal-small-stove',
    })
    expect(submitted.deadlineAt).toBe(hoursFrom(world.clock.now, 24))
  })
})
