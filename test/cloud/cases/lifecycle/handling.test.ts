import { demoGridIds } from '../../../../emulator/demo/grids'
import { createTestWorld, type TestWorld } from '../../../factories/runtime'
import { afterPhoto, eventsOf, people, refusal, report } from './walk'
import { storedCopyPattern } from '../../../factories/photos'

describe('releasing a claim (放弃认领)', () => {
  let world: TestWorld
  let caseId: string
  beforeEach(async () => {
    world = await createTestWorld()
    caseId = (await report(world)).id
    await world.ok(people.member, 'case.claim', { caseId })
  })
  afterEach(() => world.close())

  it('returns a released case to its board, unclaimed, with the reason on the trail', async () => {
    world.clock.advanceMinutes(30)
    const { case: released } = await world.ok(people.member, 'case.release', {
      caseId,
      reason: '需要执法权限，交下沉人员处理',
    })
    expect(released).toMatchObject({
      status: 'pending',
      claimedBy: null,
      waitingSince: world.clock.now.toISOString(),
    })
    const board = await world.ok(people.sunkStaff, 'board.list', {
      gridId: demoGridIds.yingyueRoadGrid1,
      filter: 'unclaimed',
    })
    expect(board.items.map((item) => item.id)).toEqual([caseId])
    const { events } = await world.ok(people.resident, 'case.get', { caseId })
    expect(events.at(-1)).toMatchObject({
      type: 'release',
      from: 'claimed',
      to: 'pending',
      note: '需要执法权限，交下沉人员处理',
    })
  })

  it('lets someone else claim a released case', async () => {
    await world.ok(people.member, 'case.release', { caseId, reason: '临时外出' })
    const { case: claimed } = await world.ok(people.sunkStaff, 'case.claim', { caseId })
    expect(claimed.claimedBy?.nickname).toBe('下沉执法员老彭')
  })

  it('refuses a release without a reason', async () => {
    const error = refusal(await world.call(people.member, 'case.release', { caseId, reason: ' ' }))
    expect(error).toMatchObject({ code: 'invalid-input', fields: { reason: '请写明放弃认领的原因' } })
  })

  it('refuses a release by staff of the grid who did not claim it', async () => {
    const error = refusal(await world.call(people.sunkStaff, 'case.release', { caseId, reason: '我来放弃' }))
    expect(error).toMatchObject({ code: 'forbidden', message: '只有认领人或网格长可以放弃认领' })
  })

  it('lets the grid leader covering the grid release someone else’s claim', async () => {
    const { case: released } = await world.ok(people.blockLeader, 'case.release', {
      caseId,
      reason: '认领人请假，重新分派',
    })
    expect(released.status).toBe('pending')
  })

  it('refuses a release by a grid leader of another part of the tree', async () => {
    const other = (await report(world, { at: { lng: 113.695, lat: 34.7288 } })).id // 映月路社区第2网格
    await world.ok(people.sunkStaff, 'case.claim', { caseId: other })
    expect(
      refusal(await world.call(people.blockLeader, 'case.release', { caseId: other, reason: '重新分派' }))
        .code,
    ).toBe('forbidden')
  })
})

describe('rectifying a case (办理 / 已整改)', () => {
  let world: TestWorld
  let caseId: string
  beforeEach(async () => {
    world = await createTestWorld()
    caseId = (await report(world)).id
    await world.ok(people.member, 'case.claim', { caseId })
  })
  afterEach(() => world.close())

  it('records the measure, the note and the after-photos as the event’s evidence', async () => {
    const { case: rectified } = await world.ok(people.member, 'case.rectify', {
      caseId,
      measure: 'on-site-fix',
      note: '现场扑灭，清理焚烧残留',
      photos: [afterPhoto],
    })
    expect(rectified).toMatchObject({ status: 'rectified', statusLabel: '已整改待核查', deadlineAt: null })
    const last = (await eventsOf(world, caseId)).at(-1)
    expect(last).toMatchObject({
      type: 'rectify',
      note: '现场扑灭，清理焚烧残留',
      evidence: [expect.stringMatching(storedCopyPattern)],
      details: { measure: 'on-site-fix', measureLabel: '现场整治' },
    })
  })

  it('refuses a rectification without an after-photo', async () => {
    const error = refusal(
      await world.call(people.member, 'case.rectify', {
        caseId,
        measure: 'dissuade',
        note: '已劝阻',
        photos: [],
      }),
    )
    expect(error).toMatchObject({ code: 'invalid-input', fields: { photos: '请上传至少一张整改后的照片' } })
    expect((await world.ok(people.member, 'case.get', { caseId })).case.status).toBe('claimed')
  })

  it('refuses a rectification without a measure', async () => {
    const error = refusal(
      await world.call(people.member, 'case.rectify', { caseId, note: '已劝阻', photos: [afterPhoto] }),
    )
    expect(error).toMatchObject({ code: 'invalid-input', fields: { measure: '请选择处置措施' } })
  })

  it('refuses a rectification by anyone but the claimer', async () => {
    for (const who of [people.blockLeader, people.sunkStaff, people.communityLeader]) {
      const error = refusal(
        await world.call(who, 'case.rectify', {
          caseId,
          measure: 'dissuade',
          note: '',
          photos: [afterPhoto],
        }),
      )
      expect(error).toMatchObject({ code: 'forbidden', message: '只有认领人可以提交整改结果' })
    }
  })

  it('refuses to rectify a case nobody has claimed, naming its state', async () => {
    const unclaimed = (await report(world)).id
    const error = refusal(
      await world.call(people.member, 'case.rectify', {
        caseId: unclaimed,
        measure: 'dissuade',
        note: '',
        photos: [afterPhoto],
      }),
    )
    expect(error).toMatchObject({
      code: 'illegal-transition',
      message: expect.stringContaining('当前状态为“待认领”'),
    })
  })
})
