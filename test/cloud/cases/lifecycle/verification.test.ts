import { runSweeps } from '../../../../cloudfunctions/shared/cases/jobs'
import { demoGridIds, demoPoints } from '../../../../emulator/demo/grids'
import { createTestWorld, type TestWorld } from '../../../factories/runtime'
import {
  afterPhoto,
  claimAndRectify,
  escalateToDistrict,
  inboxOf,
  outboxOf,
  people,
  refusal,
  report,
  walkToVerified,
} from './walk'
import { ownPhoto } from '../../../factories/photos'

const day = 24 * 60

describe('verification by the level above (核查)', () => {
  let world: TestWorld
  let caseId: string
  beforeEach(async () => {
    world = await createTestWorld()
    caseId = (await report(world)).id
  })
  afterEach(() => world.close())

  it('lets the community leader verify a block’s rectification and asks the reporter to confirm', async () => {
    await claimAndRectify(world, caseId)
    const { case: verified } = await world.ok(people.communityLeader, 'case.verify', {
      caseId,
      passed: true,
      note: '现场核查属实',
    })
    expect(verified).toMatchObject({ status: 'verified', statusLabel: '待市民确认' })
    const messages = await inboxOf(world, people.resident, {})
    expect(messages.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ caseId, kind: 'confirm-requested' })]),
    )
  })

  it('lets a supervisor verify', async () => {
    await claimAndRectify(world, caseId)
    const { case: verified } = await world.ok(people.supervisor, 'case.verify', {
      caseId,
      passed: true,
      note: '督查核实',
    })
    expect(verified.status).toBe('verified')
  })

  it('refuses verification by the block’s own staff', async () => {
    await claimAndRectify(world, caseId)
    for (const who of [people.blockLeader, people.member, people.sunkStaff]) {
      expect(refusal(await world.call(who, 'case.verify', { caseId, passed: true, note: '' })).code).toBe(
        'forbidden',
      )
    }
    expect((await world.ok(people.member, 'case.get', { caseId })).case.status).toBe('rectified')
  })

  it('refuses a claimer verifying his own rectification, even from the level above', async () => {
    await claimAndRectify(world, caseId, people.communityLeader)
    const error = refusal(
      await world.call(people.communityLeader, 'case.verify', { caseId, passed: true, note: '' }),
    )
    expect(error).toMatchObject({ code: 'forbidden', message: '不能核查自己整改的问题' })
  })

  it('refuses verification by a resident', async () => {
    await claimAndRectify(world, caseId)
    expect(
      refusal(await world.call(people.resident, 'case.verify', { caseId, passed: true, note: '' })).code,
    ).toBe('forbidden')
  })

  it('returns a failed verification to the claimer with the reason, and tells the claimer', async () => {
    await claimAndRectify(world, caseId)
    const { case: back } = await world.ok(people.communityLeader, 'case.verify', {
      caseId,
      passed: false,
      note: '现场仍有焚烧痕迹',
    })
    expect(back).toMatchObject({ status: 'claimed', claimedBy: { nickname: '网格员小许' } })
    expect(back.deadlineAt).not.toBeNull()
    const { events } = await world.ok(people.member, 'case.get', { caseId })
    expect(events.at(-1)).toMatchObject({
      type: 'fail-verification',
      to: 'claimed',
      note: '现场仍有焚烧痕迹',
    })
    const messages = await inboxOf(world, people.member, {})
    expect(messages.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ caseId, kind: 'verification-failed', body: '现场仍有焚烧痕迹' }),
      ]),
    )
    await world.ok(people.member, 'case.rectify', {
      caseId,
      measure: 'on-site-fix',
      note: '彻底清理',
      photos: [afterPhoto],
    })
  })

  it('refuses a failed verification without a reason', async () => {
    await claimAndRectify(world, caseId)
    const error = refusal(
      await world.call(people.communityLeader, 'case.verify', { caseId, passed: false, note: '' }),
    )
    expect(error).toMatchObject({ code: 'invalid-input', message: '请写明核查未通过的原因' })
  })

  it('refuses verification by the staff member who reported the case, and their claim of it', async () => {
    const own = (await report(world, { by: people.communityLeader, at: demoPoints.yingyueRoadGrid1 })).id
    expect(refusal(await world.call(people.communityLeader, 'case.claim', { caseId: own }))).toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('不能认领自己举报的问题'),
    })
    await claimAndRectify(world, own)
    expect(
      refusal(
        await world.call(people.communityLeader, 'case.verify', { caseId: own, passed: true, note: '' }),
      ),
    ).toMatchObject({ code: 'forbidden', message: '不能核查自己举报的问题' })
    await world.ok(people.streetLeader, 'case.verify', { caseId: own, passed: true, note: '' })
  })

  it('refuses verification by a joint handler of the case', async () => {
    await world.ok(people.member, 'case.claim', { caseId })
    await world.ok(people.blockLeader, 'case.attachHandlers', { caseId, openids: [people.communityLeader] })
    await world.ok(people.member, 'case.rectify', {
      caseId,
      measure: 'joint-enforcement',
      note: '',
      photos: [afterPhoto],
    })
    expect(
      refusal(await world.call(people.communityLeader, 'case.verify', { caseId, passed: true, note: '' })),
    ).toMatchObject({ code: 'forbidden', message: '参与联合执法的人员不能核查该问题' })
  })

  it('refuses verification by the office that registered the city’s result', async () => {
    await escalateToDistrict(world, caseId)
    await world.ok(people.airOffice, 'case.requestCity', { caseId, note: '跨区问题' })
    await world.ok(people.airOffice, 'case.signOff', { caseId, note: '' })
    await world.ok(people.longTermOffice, 'case.signOff', { caseId, note: '' })
    await world.ok(people.airOffice, 'case.cityResolve', { caseId, note: '市级已协调处置' })
    expect(
      refusal(await world.call(people.airOffice, 'case.verify', { caseId, passed: true, note: '' })),
    ).toMatchObject({ code: 'forbidden', message: expect.stringContaining('登记市级办结的单位不能核查') })
  })

  it('lets a district office verify what the city resolved', async () => {
    await escalateToDistrict(world, caseId)
    await world.ok(people.airOffice, 'case.requestCity', { caseId, note: '跨区问题' })
    await world.ok(people.airOffice, 'case.signOff', { caseId, note: '' })
    await world.ok(people.longTermOffice, 'case.signOff', { caseId, note: '' })
    const { case: resolved } = await world.ok(people.airOffice, 'case.cityResolve', {
      caseId,
      note: '市级已协调处置',
    })
    expect(resolved.status).toBe('rectified')
    const { case: verified } = await world.ok(people.longTermOffice, 'case.verify', {
      caseId,
      passed: true,
      note: '',
    })
    expect(verified.status).toBe('verified')
  })
})

describe('feedback and closing (反馈 / 结案)', () => {
  let world: TestWorld
  let caseId: string
  beforeEach(async () => {
    world = await createTestWorld()
    caseId = (await report(world)).id
    await walkToVerified(world, caseId)
  })
  afterEach(() => world.close())

  it('closes the case when the reporter confirms with a rating', async () => {
    const { case: closed } = await world.ok(people.resident, 'case.confirm', {
      caseId,
      rating: 4,
      comment: '处理及时',
    })
    expect(closed).toMatchObject({ status: 'closed', statusLabel: '已结案', rating: 4 })
    const { events } = await world.ok(people.resident, 'case.get', { caseId })
    expect(events.at(-1)).toMatchObject({
      type: 'confirm',
      to: 'closed',
      note: '处理及时',
      actorLabel: '林女士',
    })
  })

  it('refuses a rating outside 1 to 5', async () => {
    for (const rating of [0, 6, 3.5]) {
      const error = refusal(
        await world.call(people.resident, 'case.confirm', { caseId, rating, comment: '' }),
      )
      expect(error.code).toBe('invalid-input')
      expect(error.fields?.rating).toBeDefined()
    }
  })

  it('refuses a confirmation by anyone but the reporter', async () => {
    for (const who of [people.resident2, people.member, people.communityLeader]) {
      const error = refusal(await world.call(who, 'case.confirm', { caseId, rating: 5, comment: '' }))
      expect(error.code).toBe('forbidden')
    }
    expect((await world.ok(people.resident, 'case.get', { caseId })).case.status).toBe('verified')
  })

  it('closes the case as the system after the reporter stays silent for the policy’s days', async () => {
    world.clock.advanceMinutes(3 * day - 1)
    await runSweeps(world.runtime)
    expect((await world.ok(people.resident, 'case.get', { caseId })).case.status).toBe('verified')
    world.clock.advanceMinutes(2)
    await runSweeps(world.runtime)
    const { case: closed, events } = await world.ok(people.resident, 'case.get', { caseId })
    expect(closed).toMatchObject({ status: 'closed', rating: null })
    expect(events.at(-1)).toMatchObject({ type: 'auto-confirm', actorLabel: '系统', to: 'closed' })
  })

  it('reopens a disputed case on the same grid’s board, unclaimed', async () => {
    const { case: reopened } = await world.ok(people.resident, 'case.dispute', {
      caseId,
      reason: '晚上又在烧',
    })
    expect(reopened).toMatchObject({
      status: 'pending',
      claimedBy: null,
      disputeCount: 1,
      grid: { id: demoGridIds.yingyueRoadGrid1 },
    })
    const board = await world.ok(people.member, 'board.list', { filter: 'unclaimed' })
    expect(board.items.map((item) => item.id)).toEqual([caseId])
    const messages = await inboxOf(world, people.member, {})
    expect(messages.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ caseId, kind: 'case-reopened', body: '晚上又在烧' }),
      ]),
    )
  })

  it('refuses a dispute by anyone but the reporter', async () => {
    expect(
      refusal(await world.call(people.resident2, 'case.dispute', { caseId, reason: '没处理好' })).code,
    ).toBe('forbidden')
  })

  it('refuses a dispute without a reason', async () => {
    const error = refusal(await world.call(people.resident, 'case.dispute', { caseId, reason: '' }))
    expect(error).toMatchObject({ code: 'invalid-input', fields: { reason: '请写明不满意的原因' } })
  })

  it('reopens twice, then sends the third dispute to the supervisor', async () => {
    await world.ok(people.resident, 'case.dispute', { caseId, reason: '第一次不满意' })
    await walkToVerified(world, caseId)
    const { case: second } = await world.ok(people.resident, 'case.dispute', {
      caseId,
      reason: '第二次不满意',
    })
    expect(second).toMatchObject({ status: 'pending', disputeCount: 2, supervised: false })
    await walkToVerified(world, caseId)
    const { case: third } = await world.ok(people.resident, 'case.dispute', {
      caseId,
      reason: '第三次不满意',
    })
    expect(third).toMatchObject({ disputeCount: 3, supervised: true })

    const supervised = (await outboxOf(world, caseId)).filter((entry) => entry.kind === 'dispute-supervised')
    expect(supervised).toHaveLength(1)
    expect(supervised[0]!.audience).toEqual({ gridId: demoGridIds.guancheng, roles: ['supervisor'] })
    const messages = await inboxOf(world, people.supervisor, {})
    expect(messages.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ caseId, kind: 'dispute-supervised' })]),
    )
  })

  it('does not auto-close a case the reporter disputed in time', async () => {
    world.clock.advanceMinutes(2 * day)
    await world.ok(people.resident, 'case.dispute', { caseId, reason: '仍有焚烧' })
    world.clock.advanceMinutes(2 * day)
    await runSweeps(world.runtime)
    expect((await world.ok(people.resident, 'case.get', { caseId })).case.status).not.toBe('closed')
  })
})

describe('the reporter’s silence after verification', () => {
  it('is counted from the verification, not restarted by later acts such as a neighbour joining', async () => {
    const { createTestWorld, reportAt } = await import('../../../factories/runtime')
    const { runSweeps } = await import('../../../../cloudfunctions/shared/cases/jobs')
    const { demoPoints } = await import('../../../../emulator/demo/grids')
    const world = await createTestWorld()
    const { case: submitted } = await world.ok(
      'demo-resident',
      'case.submit',
      reportAt(demoPoints.yingyueRoadGrid1),
    )
    await world.ok('demo-grid-member', 'case.claim', { caseId: submitted.id })
    await world.ok('demo-grid-member', 'case.rectify', {
      caseId: submitted.id,
      measure: 'dissuade',
      note: '已劝阻',
      photos: [ownPhoto],
    })
    await world.ok('demo-grid-leader-2', 'case.verify', { caseId: submitted.id, passed: true, note: '' })
    world.clock.advanceMinutes(2 * 24 * 60)
    await world.ok('demo-resident-2', 'case.join', { caseId: submitted.id })
    world.clock.advanceMinutes(24 * 60 + 1)
    await runSweeps(world.runtime)
    const { case: after } = await world.ok('demo-resident', 'case.get', { caseId: submitted.id })
    expect(after.status).toBe('closed')
    world.close()
  })
})
