import { rejectReasons, type RejectReason } from '../../../../src/domain/case/policy'
import { shippedSettings } from '../../../../src/domain/settings'
import { demoPoints } from '../../../../emulator/demo/grids'
import { createTestWorld, type TestWorld } from '../../../factories/runtime'
import { afterPhoto, eventsOf, inboxOf, outboxOf, people, refusal, report } from './walk'

describe('rejecting a report (不予受理)', () => {
  let world: TestWorld
  let caseId: string
  beforeEach(async () => {
    world = await createTestWorld()
    caseId = (await report(world)).id
  })
  afterEach(() => world.close())

  it.each(Object.entries(rejectReasons) as [RejectReason, string][])(
    'rejects with the reason code %s and tells the reporter',
    async (reason, label) => {
      const { case: rejected } = await world.ok(people.blockLeader, 'case.reject', {
        caseId,
        reason,
        note: '经核实',
      })
      expect(rejected).toMatchObject({
        status: 'rejected',
        statusLabel: '不予受理',
        deadlineAt: null,
        resolution: { code: reason, label, note: '经核实' },
      })
      const messages = await inboxOf(world, people.resident, {})
      expect(messages.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ caseId, kind: 'case-rejected', body: `${label}：经核实` }),
        ]),
      )
    },
  )

  it('refuses an unknown reason code', async () => {
    const error = refusal(
      await world.call(people.blockLeader, 'case.reject', { caseId, reason: 'annoying', note: '' }),
    )
    expect(error).toMatchObject({ code: 'invalid-input', fields: { reason: '请选择不予受理的原因' } })
  })

  it('refuses a rejection by a grid member', async () => {
    expect(
      refusal(await world.call(people.member, 'case.reject', { caseId, reason: 'fake', note: '' })).code,
    ).toBe('forbidden')
  })

  it('refuses a rejection by a grid leader of another grid', async () => {
    const elsewhere = (await report(world, { at: { lng: 113.695, lat: 34.7288 } })).id // 映月路社区第2网格
    expect(
      refusal(
        await world.call(people.blockLeader, 'case.reject', { caseId: elsewhere, reason: 'fake', note: '' }),
      ).code,
    ).toBe('forbidden')
  })

  it('refuses every further act on a rejected case, naming its state', async () => {
    await world.ok(people.blockLeader, 'case.reject', { caseId, reason: 'not-pollution', note: '' })
    const attempts = await Promise.all([
      world.call(people.member, 'case.claim', { caseId }),
      world.call(people.communityLeader, 'case.escalate', { caseId, reason: 'cannot-handle', note: '' }),
      world.call(people.communityLeader, 'case.reject', { caseId, reason: 'fake', note: '' }),
      world.call(people.resident2, 'case.join', { caseId }),
      world.call(people.supervisor, 'case.supervise', {
        caseId,
        deadlineAt: '2026-11-24T00:00:00.000Z',
        note: '督办',
      }),
    ])
    for (const answer of attempts) {
      expect(refusal(answer)).toMatchObject({
        code: 'illegal-transition',
        message: expect.stringContaining('当前状态为“不予受理”'),
      })
    }
  })
})

describe('merging a duplicate (并案)', () => {
  let world: TestWorld
  let targetId: string
  let duplicateId: string
  beforeEach(async () => {
    world = await createTestWorld()
    targetId = (await report(world)).id
    duplicateId = (await report(world, { by: people.resident2 })).id
  })
  afterEach(() => world.close())
  const reason = '重复举报'
  const merge = () =>
    world.ok(people.blockLeader, 'case.merge', { caseId: duplicateId, intoCaseId: targetId, reason })

  it('closes the duplicate as merged, pointing to the surviving case', async () => {
    const { case: merged } = await world.ok(people.blockLeader, 'case.merge', {
      caseId: duplicateId,
      intoCaseId: targetId,
      reason,
    })
    const target = (await world.ok(people.member, 'case.get', { caseId: targetId })).case
    expect(merged).toMatchObject({ status: 'merged', statusLabel: '已并案', deadlineAt: null })
    expect(merged.resolution).toMatchObject({
      code: 'duplicate',
      mergedInto: targetId,
      note: `并入问题${target.caseNo}`,
    })
  })

  it('makes the duplicate’s reporter a follower of the surviving case', async () => {
    await merge()
    const mine = await world.ok(people.resident2, 'case.mine', {})
    const followed = mine.items.find((item) => item.id === targetId)
    expect(followed).toMatchObject({ isFollowing: true, isMine: false })
    expect((await world.ok(people.member, 'case.get', { caseId: targetId })).case.followerCount).toBe(1)
  })

  it('carries the duplicate’s followers over too', async () => {
    await world.ok(people.volunteer, 'case.join', { caseId: duplicateId })
    await merge()
    const { case: target } = await world.ok(people.volunteer, 'case.get', { caseId: targetId })
    expect(target).toMatchObject({ isFollowing: true, followerCount: 2 })
  })

  it('records taking in the duplicate’s people on the surviving case’s own trail', async () => {
    const before = await eventsOf(world, targetId)
    await merge()
    const after = await eventsOf(world, targetId)
    expect(after).toHaveLength(before.length + 1)
    expect(after.at(-1)).toMatchObject({ from: 'pending', to: 'pending', actorId: people.blockLeader })
    expect(await world.ok(people.member, 'case.verifyTrail', { caseId: targetId })).toMatchObject({
      intact: true,
    })
  })

  it('tells the duplicate’s reporter where the case went', async () => {
    await merge()
    const entries = (await outboxOf(world, duplicateId)).filter((entry) => entry.kind === 'case-merged')
    expect(entries).toEqual([expect.objectContaining({ audience: { openid: people.resident2 } })])
  })

  it('refuses to merge a case into itself', async () => {
    const error = refusal(
      await world.call(people.blockLeader, 'case.merge', {
        caseId: duplicateId,
        intoCaseId: duplicateId,
        reason,
      }),
    )
    expect(error).toMatchObject({ code: 'invalid-input', message: '不能与自身并案' })
  })

  it('refuses to merge into a case that is already closed', async () => {
    await world.ok(people.member, 'case.claim', { caseId: targetId })
    await world.ok(people.member, 'case.rectify', {
      caseId: targetId,
      measure: 'dissuade',
      note: '',
      photos: [afterPhoto],
    })
    await world.ok(people.communityLeader, 'case.verify', { caseId: targetId, passed: true, note: '' })
    await world.ok(people.resident, 'case.confirm', { caseId: targetId, rating: 5, comment: '' })
    const error = refusal(
      await world.call(people.blockLeader, 'case.merge', {
        caseId: duplicateId,
        intoCaseId: targetId,
        reason,
      }),
    )
    expect(error.code).toBe('illegal-transition')
    expect((await world.ok(people.member, 'case.get', { caseId: duplicateId })).case.status).toBe('pending')
  })

  it('lets exactly one of two simultaneous merges of the same duplicate win, and only its target takes the people in', async () => {
    const otherId = (await report(world)).id
    const answers = await Promise.all([
      world.call(people.blockLeader, 'case.merge', { caseId: duplicateId, intoCaseId: targetId, reason }),
      world.call(people.communityLeader, 'case.merge', { caseId: duplicateId, intoCaseId: otherId, reason }),
    ])
    expect(answers.filter((answer) => answer.ok)).toHaveLength(1)
    expect(refusal(answers.find((answer) => !answer.ok)!)).toMatchObject({ code: 'illegal-transition' })
    const { case: merged } = await world.ok(people.member, 'case.get', { caseId: duplicateId })
    const winner = merged.resolution!.mergedInto!
    const loser = winner === targetId ? otherId : targetId
    expect((await world.ok(people.member, 'case.get', { caseId: winner })).case.followerCount).toBe(1)
    expect((await world.ok(people.member, 'case.get', { caseId: loser })).case.followerCount).toBe(0)
    expect((await eventsOf(world, loser)).map((event) => event.type)).toEqual(['submit'])
    for (const id of [duplicateId, targetId, otherId]) {
      expect(await world.ok(people.member, 'case.verifyTrail', { caseId: id })).toMatchObject({
        intact: true,
      })
    }
  })

  it('still merges when the surviving case is claimed at the same moment, each change with its own event', async () => {
    const [merge, claim] = await Promise.all([
      world.call(people.blockLeader, 'case.merge', { caseId: duplicateId, intoCaseId: targetId, reason }),
      world.call(people.member, 'case.claim', { caseId: targetId }),
    ])
    expect([merge.ok, claim.ok]).toEqual([true, true])
    const { case: target } = await world.ok(people.member, 'case.get', { caseId: targetId })
    expect(target).toMatchObject({ status: 'claimed', followerCount: 1 })
    expect((await eventsOf(world, targetId)).map((event) => event.type).sort()).toEqual([
      'absorb',
      'claim',
      'submit',
    ])
    expect(await world.ok(people.member, 'case.verifyTrail', { caseId: targetId })).toMatchObject({
      intact: true,
    })
  })

  it('refuses a merge by a resident', async () => {
    expect(
      refusal(
        await world.call(people.resident2, 'case.merge', {
          caseId: duplicateId,
          intoCaseId: targetId,
          reason,
        }),
      ).code,
    ).toBe('forbidden')
  })

  it('records the reason on the duplicate’s merge event', async () => {
    await merge()
    expect((await eventsOf(world, duplicateId)).at(-1)).toMatchObject({
      type: 'merge',
      note: reason,
      details: expect.objectContaining({ reason, mergedInto: targetId }),
    })
  })

  it('refuses a merge by a grid member, who may not reject either, and leaves both cases as they were', async () => {
    const error = refusal(
      await world.call(people.member, 'case.merge', { caseId: duplicateId, intoCaseId: targetId, reason }),
    )
    expect(error).toMatchObject({ code: 'forbidden', message: '您没有权限进行此操作' })
    expect((await world.ok(people.member, 'case.get', { caseId: duplicateId })).case.status).toBe('pending')
    expect(await eventsOf(world, targetId)).toHaveLength(1)
  })

  it('refuses a merge without a reason, in Chinese', async () => {
    const error = refusal(
      await world.call(people.blockLeader, 'case.merge', {
        caseId: duplicateId,
        intoCaseId: targetId,
        reason: ' ',
      }),
    )
    expect(error).toMatchObject({ code: 'invalid-input', fields: { reason: '请写明并案理由' } })
  })

  it('refuses a merge into a case of another category', async () => {
    const dust = (await report(world, { categoryId: 'road-dust', checkId: 'road-visible-dust' })).id
    const error = refusal(
      await world.call(people.blockLeader, 'case.merge', { caseId: duplicateId, intoCaseId: dust, reason }),
    )
    expect(error).toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining('只能并入同一类别的问题'),
    })
    expect((await world.ok(people.member, 'case.get', { caseId: duplicateId })).case.status).toBe('pending')
  })

  it('refuses a merge into a case outside the merger’s grids, even of the same category', async () => {
    const elsewhere = (await report(world, { at: demoPoints.wutongKexueAvenue })).id // 梧桐办事处, another district
    const error = refusal(
      await world.call(people.blockLeader, 'case.merge', {
        caseId: duplicateId,
        intoCaseId: elsewhere,
        reason,
      }),
    )
    expect(error).toMatchObject({ code: 'forbidden', message: expect.stringContaining('不在您负责的网格内') })
  })
})

describe('merging only what lies close together', () => {
  let world: TestWorld
  beforeEach(async () => {
    world = await createTestWorld({
      settings: { policy: { ...shippedSettings.policy, mergeMaxMeters: 100 } },
    })
  })
  afterEach(() => world.close())

  it('refuses to merge cases farther apart than policy.mergeMaxMeters, and merges them within it', async () => {
    const target = (await report(world)).id // 映月路社区第1网格
    const far = (await report(world, { by: people.resident2, at: { lng: 113.695, lat: 34.7288 } })).id // ~230 m
    const near = (await report(world, { by: people.resident2, at: { lng: 113.6928, lat: 34.7289 } })).id
    const error = refusal(
      await world.call(people.communityLeader, 'case.merge', {
        caseId: far,
        intoCaseId: target,
        reason: '同一处',
      }),
    )
    expect(error).toMatchObject({ code: 'invalid-input', message: expect.stringContaining('100米以内') })
    await world.ok(people.communityLeader, 'case.merge', {
      caseId: near,
      intoCaseId: target,
      reason: '同一处',
    })
  })
})
