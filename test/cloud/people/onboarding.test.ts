import { collections } from '../../../cloudfunctions/shared/app'
import { documentsWhere } from '../../factories/inspect'
import { hashCode } from '../../../cloudfunctions/shared/people/codes'
import type { PeopleChange } from '../../../cloudfunctions/shared/people/onboarding-store'
import { demoGridIds } from '../../../emulator/demo/grids'
import { createTestWorld, type TestWorld } from '../../factories/runtime'

const office = 'demo-air-office'

async function changesOf(world: TestWorld, kind: PeopleChange['kind']): Promise<PeopleChange[]> {
  return documentsWhere<PeopleChange>(world.db, collections.peopleChange, { kind })
}

async function userDoc(world: TestWorld, openid: string) {
  const { data } = await world.db.collection(collections.user).doc(openid).get()
  return data[0] as Record<string, unknown> | undefined
}

describe('onboarding: a district office invites its staff', () => {
  let world: TestWorld
  beforeEach(async () => {
    world = await createTestWorld()
  })
  afterEach(() => world.close())

  const invite = (overrides: Record<string, unknown> = {}) =>
    world.ok(office, 'invite.create', {
      role: 'grid_member',
      gridId: demoGridIds.yingyueRoadGrid2,
      name: '网格员小王',
      ...overrides,
    })

  it('issues a one-use code bound to a role and a grid, with the page path for a QR code', async () => {
    const created = await invite()
    expect(created.code).toMatch(/^[A-Z2-9]{10}$/)
    expect(created.path).toBe(`pkg-onboard/pages/join/index?code=${created.code}`)
    expect(created.invite).toMatchObject({
      role: 'grid_member',
      roleLabel: '网格员',
      grid: { id: demoGridIds.yingyueRoadGrid2, label: '航海东路街道 / 映月路社区 / 映月路社区第2网格' },
      state: 'open',
      stateLabel: '待使用',
      expiresAt: new Date(world.clock.now.getTime() + 7 * 24 * 3600_000).toISOString(),
      usedBy: null,
    })
    // Only the code's hash is kept: reading the database does not let anyone join.
    const { data } = await world.db.collection(collections.invite).doc(hashCode(created.code)).get()
    expect(JSON.stringify(data)).not.toContain(created.code)
    expect(await changesOf(world, 'invite.create')).toEqual([
      expect.objectContaining({ actor: office, inviteId: created.invite.id, before: null }),
    ])
  })

  it('takes the validity from the office or, by default, from the policy table', async () => {
    const week = await invite()
    const short = await invite({ validDays: 2 })
    expect(Date.parse(short.invite.expiresAt) - Date.parse(week.invite.expiresAt)).toBe(-5 * 24 * 3600_000)
    world.configure({ policy: { ...world.runtime.settings.policy, inviteValidDays: 3 } })
    const configured = await invite()
    expect(Date.parse(configured.invite.expiresAt) - world.clock.now.getTime()).toBe(3 * 24 * 3600_000)
    expect(
      await world.call(office, 'invite.create', { role: 'grid_member', gridId: 'x', validDays: 31 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', fields: { validDays: '有效期最长30天' } },
    })
  })

  it('makes the person who opens it that staff member, with their identity from the call, not the payload', async () => {
    const { code } = await invite()
    const preview = await world.ok('dev-newcomer1', 'invite.preview', { code: code.toLowerCase() })
    expect(preview).toMatchObject({ roleLabel: '网格员', grid: { name: '映月路社区第2网格' }, state: 'open' })

    const joined = await world.ok('dev-newcomer1', 'invite.redeem', {
      code,
      openid: 'demo-resident',
    } as never)
    expect(joined).toMatchObject({
      replayed: false,
      me: { role: 'grid_member', nickname: '网格员小王', grids: [{ id: demoGridIds.yingyueRoadGrid2 }] },
    })
    expect(await userDoc(world, 'demo-resident')).toMatchObject({ role: 'resident' })
    expect(await userDoc(world, 'dev-newcomer1')).toMatchObject({
      role: 'grid_member',
      gridIds: [demoGridIds.yingyueRoadGrid2],
      districtId: demoGridIds.guancheng,
    })
    // The new member works their grid's board at once.
    expect(await world.call('dev-newcomer1', 'board.list', { filter: 'all' })).toMatchObject({ ok: true })

    const [logged] = await changesOf(world, 'invite.redeem')
    expect(logged).toMatchObject({
      actor: 'dev-newcomer1',
      openid: 'dev-newcomer1',
      at: world.clock.now.toISOString(),
      before: { role: 'resident', gridIds: [] },
      after: { role: 'grid_member', gridIds: [demoGridIds.yingyueRoadGrid2] },
    })
  })

  it('gives exactly one winner when two people redeem one code at once', async () => {
    const { code } = await invite()
    const answers = await Promise.all(
      ['dev-racer1', 'dev-racer2', 'dev-racer3'].map((openid) =>
        world.call(openid, 'invite.redeem', { code }),
      ),
    )
    const winners = answers.filter((answer) => answer.ok)
    expect(winners).toHaveLength(1)
    const losers = answers.filter((answer) => !answer.ok)
    for (const loser of losers)
      expect(loser).toMatchObject({
        ok: false,
        error: { code: 'invite-used', message: expect.stringContaining('已被他人使用') },
      })
    const roles = await Promise.all(
      ['dev-racer1', 'dev-racer2', 'dev-racer3'].map((id) => userDoc(world, id)),
    )
    expect(roles.filter((doc) => doc?.role === 'grid_member')).toHaveLength(1)
    expect(await changesOf(world, 'invite.redeem')).toHaveLength(1)
  })

  it('answers a retried redeem by the same person the same, and logs it once', async () => {
    const { code } = await invite()
    const [first, second] = await Promise.all([
      world.ok('dev-retry1', 'invite.redeem', { code }),
      world.ok('dev-retry1', 'invite.redeem', { code }),
    ])
    expect([first.replayed, second.replayed].sort()).toEqual([false, true])
    expect(second.me.role).toBe('grid_member')
    expect((await world.ok('dev-retry1', 'invite.redeem', { code })).replayed).toBe(true)
    expect(await changesOf(world, 'invite.redeem')).toHaveLength(1)
  })

  it('refuses an expired, a revoked and an unknown code, saying why', async () => {
    const expiring = await invite({ validDays: 1 })
    const revoked = await invite()
    await world.ok(office, 'invite.revoke', { inviteId: revoked.invite.id })
    world.clock.advanceMinutes(24 * 60)

    expect(await world.call('dev-late1', 'invite.redeem', { code: expiring.code })).toMatchObject({
      ok: false,
      error: { code: 'invite-expired', message: '该邀请码已过期，请联系区级办公室重新邀请' },
    })
    expect(await world.call('dev-late1', 'invite.redeem', { code: revoked.code })).toMatchObject({
      ok: false,
      error: { code: 'invite-revoked', message: '该邀请码已被撤销，请联系区级办公室' },
    })
    expect(await world.call('dev-late1', 'invite.redeem', { code: 'ABCDEFGHJK' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    })
    expect(await world.call('dev-late1', 'invite.redeem', { code: '12' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', fields: { code: '邀请码格式不正确' } },
    })
    expect(await userDoc(world, 'dev-late1')).toMatchObject({ role: 'resident' })
    const listed = await world.ok(office, 'invite.list', {})
    expect(listed.items.map((item) => item.stateLabel).sort()).toEqual(['已撤销', '已过期'])
  })

  it('revokes only unused invites', async () => {
    const { code, invite: created } = await invite()
    await world.ok('dev-joiner1', 'invite.redeem', { code })
    expect(await world.call(office, 'invite.revoke', { inviteId: created.id })).toMatchObject({
      ok: false,
      error: { code: 'invite-used' },
    })
    const open = await invite()
    expect((await world.ok(office, 'invite.revoke', { inviteId: open.invite.id })).invite.state).toBe(
      'revoked',
    )
    expect(await world.call(office, 'invite.revoke', { inviteId: open.invite.id })).toMatchObject({
      ok: false,
      error: { code: 'invite-revoked' },
    })
    expect(await changesOf(world, 'invite.revoke')).toEqual([
      expect.objectContaining({ actor: office, before: { status: 'open' }, after: { status: 'revoked' } }),
    ])
  })

  it('keeps each office to its own district, and everyone else out', async () => {
    expect(
      await world.call(office, 'invite.create', { role: 'grid_member', gridId: demoGridIds.wutong }),
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden', fields: { gridId: '只能选择本区的网格' } },
    })
    for (const caller of ['demo-resident', 'demo-grid-leader-1', 'demo-supervisor']) {
      expect(
        await world.call(caller, 'invite.create', {
          role: 'grid_member',
          gridId: demoGridIds.yingyueRoadGrid1,
        }),
      ).toMatchObject({
        ok: false,
        error: { code: 'forbidden', message: '只有区级办公室可以管理邀请和人员' },
      })
      expect(await world.call(caller, 'staff.list', {})).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      })
    }
    // A role on a grid it cannot work: an office sits at the district, a member below it.
    expect(
      await world.call(office, 'invite.create', { role: 'grid_member', gridId: demoGridIds.guancheng }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', fields: { gridId: '网格员只能安排在街道、社区或网格' } },
    })
    expect(
      await world.call(office, 'invite.create', { role: 'district_office', gridId: demoGridIds.guancheng }),
    ).toMatchObject({ ok: false, error: { fields: { districtUnit: '请选择所属办公室' } } })
    const colleague = await world.ok(office, 'invite.create', {
      role: 'district_office',
      gridId: demoGridIds.guancheng,
      districtUnit: 'social_office',
    })
    const joined = await world.ok('dev-colleague1', 'invite.redeem', { code: colleague.code })
    expect(joined.me).toMatchObject({ role: 'district_office', districtUnit: 'social_office' })
  })

  it('does not let an office redeem an invite and demote itself', async () => {
    const { code } = await invite()
    expect(await world.call('demo-long-term-office', 'invite.redeem', { code })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
  })

  it('lists invites and who joined, newest first and paged', async () => {
    const codes: string[] = []
    for (let i = 0; i < 5; i += 1) {
      codes.push((await invite({ name: `受邀人${i}` })).code)
      world.clock.advanceMinutes(1)
    }
    await world.ok('dev-joiner2', 'invite.redeem', { code: codes[1]! })
    const first = await world.ok(office, 'invite.list', { pageSize: 2 })
    const second = await world.ok(office, 'invite.list', { pageSize: 2, page: 2 })
    const third = await world.ok(office, 'invite.list', { pageSize: 2, page: 3 })
    expect(first).toMatchObject({ total: null, hasMore: true })
    expect(third).toMatchObject({ total: 5, hasMore: false })
    expect([...first.items, ...second.items, ...third.items].map((item) => item.name)).toEqual([
      '受邀人4',
      '受邀人3',
      '受邀人2',
      '受邀人1',
      '受邀人0',
    ])
    expect(second.items[1]).toMatchObject({
      state: 'used',
      usedBy: { openid: 'dev-joiner2', nickname: '受邀人1' },
    })
    const used = await world.ok(office, 'invite.list', { status: 'used' })
    expect(used.items.map((item) => item.name)).toEqual(['受邀人1'])
    // Another district's office sees none of them.
    await world.db
      .collection(collections.user)
      .doc('demo-supervisor')
      .update({ role: 'district_office', gridIds: [demoGridIds.gaoxin] })
    expect((await world.ok('demo-supervisor', 'invite.list', {})).total).toBe(0)
  })
})

describe('onboarding: the office manages its staff', () => {
  let world: TestWorld
  beforeEach(async () => {
    world = await createTestWorld()
  })
  afterEach(() => world.close())

  it('lists the district’s people with a role, paged by a unique key', async () => {
    const all = await world.ok(office, 'staff.list', { pageSize: 50 })
    expect(all.items.map((item) => item.openid)).toEqual([
      'demo-air-office',
      'demo-grid-leader-1',
      'demo-grid-leader-2',
      'demo-grid-leader-3',
      'demo-grid-member',
      'demo-long-term-office',
      'demo-sunk-staff',
      'demo-supervisor',
      'demo-volunteer',
    ])
    const pages = await Promise.all(
      [1, 2, 3].map((page) => world.ok(office, 'staff.list', { page, pageSize: 4 })),
    )
    expect(pages.flatMap((page) => page.items.map((item) => item.openid))).toEqual(
      all.items.map((item) => item.openid),
    )
    const leaders = await world.ok(office, 'staff.list', { role: 'grid_leader' })
    expect(leaders.items.map((item) => item.roleLabel)).toEqual(['网格长', '网格长', '网格长'])
  })

  it('moves someone to another grid of the district and logs before and after', async () => {
    const moved = await world.ok(office, 'staff.move', {
      openid: 'demo-grid-member',
      gridId: demoGridIds.yingyueRoadGrid2,
    })
    expect(moved).toMatchObject({ changed: true, staff: { grids: [{ id: demoGridIds.yingyueRoadGrid2 }] } })
    expect((await world.ok('demo-grid-member', 'me.get', {})).grids).toEqual([
      expect.objectContaining({ id: demoGridIds.yingyueRoadGrid2 }),
    ])
    const again = await world.ok(office, 'staff.move', {
      openid: 'demo-grid-member',
      gridId: demoGridIds.yingyueRoadGrid2,
    })
    expect(again.changed).toBe(false)
    expect(await changesOf(world, 'staff.move')).toEqual([
      expect.objectContaining({
        actor: office,
        openid: 'demo-grid-member',
        before: {
          role: 'grid_member',
          gridIds: [demoGridIds.yingyueRoadGrid1],
          districtId: demoGridIds.guancheng,
        },
        after: {
          role: 'grid_member',
          gridIds: [demoGridIds.yingyueRoadGrid2],
          districtId: demoGridIds.guancheng,
        },
      }),
    ])
    expect(
      await world.call(office, 'staff.move', { openid: 'demo-grid-member', gridId: demoGridIds.wutong }),
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
  })

  it('revokes a role back to resident, never the office’s own', async () => {
    const revoked = await world.ok(office, 'staff.revokeRole', { openid: 'demo-sunk-staff' })
    expect(revoked.staff).toMatchObject({ role: 'resident', grids: [] })
    expect((await world.ok('demo-sunk-staff', 'me.get', {})).role).toBe('resident')
    expect(await world.call('demo-sunk-staff', 'board.list', { filter: 'all' })).toMatchObject({ ok: false })
    expect(await world.call(office, 'staff.revokeRole', { openid: 'demo-sunk-staff' })).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: '本区没有这名工作人员' },
    })
    expect(await world.call(office, 'staff.revokeRole', { openid: office })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: '不能调整自己的角色或网格' },
    })
    const unit = await world.ok(office, 'staff.revokeRole', { openid: 'demo-long-term-office' })
    expect(unit.staff.districtUnit).toBeUndefined()
    expect(await userDoc(world, 'demo-long-term-office')).not.toHaveProperty('districtUnit')
    expect(await changesOf(world, 'staff.revokeRole')).toHaveLength(2)
  })
})

describe('onboarding: the first office account, from the bootstrap code', () => {
  const code = 'BQ7KX2MNPA'
  let world: TestWorld
  beforeEach(async () => {
    world = await createTestWorld({
      bootstrapCodeHash: hashCode(code),
      accounts: (account) => account.role !== 'district_office',
    })
  })
  afterEach(() => world.close())

  it('makes the caller the district’s first office, once', async () => {
    const claimed = await world.ok('dev-founder1', 'bootstrap.claim', {
      code: 'bq7k-x2mn-pa',
      districtId: demoGridIds.guancheng,
      name: '大气办老周',
    })
    expect(claimed).toMatchObject({
      replayed: false,
      me: { role: 'district_office', districtUnit: 'air_office', nickname: '大气办老周' },
    })
    expect(
      (await world.ok('dev-founder1', 'bootstrap.claim', { code, districtId: demoGridIds.guancheng }))
        .replayed,
    ).toBe(true)
    // The code is dead for everyone else, and the new office can invite at once.
    expect(
      await world.call('dev-second1', 'bootstrap.claim', { code, districtId: demoGridIds.guancheng }),
    ).toMatchObject({
      ok: false,
      error: { code: 'bootstrap-closed' },
    })
    await world.ok('dev-founder1', 'invite.create', {
      role: 'grid_member',
      gridId: demoGridIds.yingyueRoadGrid1,
    })
    expect(await changesOf(world, 'bootstrap.claim')).toEqual([
      expect.objectContaining({
        _id: 'bootstrap',
        actor: 'dev-founder1',
        before: { role: 'resident', gridIds: [] },
      }),
    ])
  })

  it('gives exactly one office when two claim at once', async () => {
    const answers = await Promise.all(
      ['dev-founder2', 'dev-founder3'].map((openid) =>
        world.call(openid, 'bootstrap.claim', { code, districtId: demoGridIds.guancheng }),
      ),
    )
    expect(answers.filter((answer) => answer.ok)).toHaveLength(1)
    expect(answers.filter((answer) => !answer.ok)).toEqual([
      expect.objectContaining({ error: expect.objectContaining({ code: 'bootstrap-closed' }) }),
    ])
  })

  it('refuses a wrong code, a missing district choice and a deploy without a code', async () => {
    expect(
      await world.call('dev-founder4', 'bootstrap.claim', {
        code: 'WRONGCODE2',
        districtId: demoGridIds.guancheng,
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', fields: { code: '初始化码不正确' } },
    })
    // Two districts in the demo tree: which one must be said.
    expect(await world.call('dev-founder4', 'bootstrap.claim', { code })).toMatchObject({
      ok: false,
      error: { fields: { districtId: '请选择区' } },
    })
    delete world.runtime.bootstrapCodeHash
    expect(await world.call('dev-founder4', 'bootstrap.claim', { code })).toMatchObject({
      ok: false,
      error: { code: 'bootstrap-closed', message: '未配置初始化码，请联系系统管理员' },
    })
  })

  it('is dead where an office account exists already', async () => {
    const seeded = await createTestWorld({ bootstrapCodeHash: hashCode(code) })
    try {
      expect(
        await seeded.call('dev-founder5', 'bootstrap.claim', { code, districtId: demoGridIds.guancheng }),
      ).toMatchObject({
        ok: false,
        error: { code: 'bootstrap-closed' },
      })
    } finally {
      await seeded.close()
    }
  })
})
