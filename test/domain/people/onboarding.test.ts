import { GridTree } from '../../../src/domain/grid/tree'
import {
  decideInvite,
  decideMove,
  decideRedeem,
  decideRevokeInvite,
  decideRevokeRole,
  inviteCodeFrom,
  inviteCodeSchema,
  inviteState,
  joinPath,
  type Invite,
} from '../../../src/domain/people/onboarding'
import type { Actor, User } from '../../../src/domain/people/roles'
import { demoGridIds, demoGridNodes } from '../../../emulator/demo/grids'

const tree = new GridTree(demoGridNodes)
const now = new Date('2026-11-23T02:00:00.000Z')
const office: Actor = {
  openid: 'office',
  userId: 'office',
  role: 'district_office',
  gridIds: [demoGridIds.guancheng],
  districtUnit: 'air_office',
}
const person = (overrides: Partial<User> = {}): User => ({
  _id: 'p',
  openid: 'p',
  nickname: '微信用户',
  role: 'resident',
  gridIds: [],
  points: 0,
  ...overrides,
})
const request = {
  role: 'grid_member' as const,
  gridId: demoGridIds.yingyueRoadGrid1,
  name: '小王',
  validDays: 7,
}

function openInvite(overrides: Partial<Invite> = {}): Invite {
  const decided = decideInvite(tree, office, request, now)
  if (!decided.ok) throw new Error(decided.message)
  return { _id: 'hash', ...decided.invite, ...overrides }
}

describe('invite codes', () => {
  it('are ten characters of an alphabet without look-alikes, typed in any case with dashes', () => {
    const code = inviteCodeFrom(new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 30]))
    expect(code).toBe('ABCDEFGHJ9')
    expect(inviteCodeSchema.parse(' abcd-efgh-j9 ')).toBe('ABCDEFGHJ9')
    expect(inviteCodeSchema.safeParse('ABCDEFGHI0').success).toBe(false)
    expect(joinPath(code)).toBe('pkg-onboard/pages/join/index?code=ABCDEFGHJ9')
  })
})

describe('deciding an invite', () => {
  it('binds a role and a grid of the office’s district, expiring after its validity', () => {
    const invite = openInvite()
    expect(invite).toMatchObject({
      districtId: demoGridIds.guancheng,
      status: 'open',
      expiresAt: '2026-11-30T02:00:00.000Z',
    })
    expect(inviteState(invite, new Date('2026-11-30T01:59:59.000Z'))).toBe('open')
    expect(inviteState(invite, new Date('2026-11-30T02:00:00.000Z'))).toBe('expired')
  })

  it('refuses another district, a grid unfit for the role, and anyone but an office', () => {
    expect(decideInvite(tree, office, { ...request, gridId: demoGridIds.wutong }, now)).toMatchObject({
      ok: false,
      code: 'forbidden',
    })
    expect(decideInvite(tree, office, { ...request, role: 'supervisor' }, now)).toMatchObject({
      ok: false,
      message: '督查室只能安排在区一级',
    })
    expect(decideInvite(tree, { ...office, role: 'grid_leader' }, request, now)).toMatchObject({
      ok: false,
      code: 'forbidden',
    })
  })
})

describe('deciding a redemption', () => {
  it('gives the person the invite’s role and grid, and the office’s name for them if they had none', () => {
    expect(decideRedeem(openInvite(), person(), now)).toMatchObject({
      ok: true,
      replayed: false,
      nickname: '小王',
      after: {
        role: 'grid_member',
        gridIds: [demoGridIds.yingyueRoadGrid1],
        districtId: demoGridIds.guancheng,
      },
      invite: { status: 'used', usedBy: 'p' },
    })
    expect(decideRedeem(openInvite(), person({ nickname: '老李' }), now)).toMatchObject({ nickname: '老李' })
  })

  it('replays for the person who used it and refuses everyone else, saying why', () => {
    const used = openInvite({ status: 'used', usedBy: 'p' })
    expect(decideRedeem(used, person(), now)).toEqual({ ok: true, replayed: true })
    expect(decideRedeem(used, person({ openid: 'q' }), now)).toMatchObject({ ok: false, code: 'invite-used' })
    expect(decideRedeem(openInvite({ status: 'revoked' }), person(), now)).toMatchObject({
      code: 'invite-revoked',
    })
    expect(decideRedeem(openInvite(), person(), new Date('2026-12-01T00:00:00.000Z'))).toMatchObject({
      code: 'invite-expired',
    })
  })
})

describe('managing staff', () => {
  const member = person({ openid: 'm', role: 'grid_member', gridIds: [demoGridIds.yingyueRoadGrid1] })

  it('revokes a role to resident and moves within the district only', () => {
    expect(decideRevokeRole(tree, office, member)).toEqual({
      ok: true,
      after: { role: 'resident', gridIds: [] },
    })
    expect(decideMove(tree, office, member, demoGridIds.yingyueRoadGrid2)).toMatchObject({
      ok: true,
      changed: true,
    })
    expect(decideMove(tree, office, member, demoGridIds.wutong)).toMatchObject({
      ok: false,
      code: 'forbidden',
    })
    const elsewhere = person({ openid: 'w', role: 'grid_member', gridIds: [demoGridIds.wutong] })
    expect(decideRevokeRole(tree, office, elsewhere)).toMatchObject({ ok: false, code: 'not-found' })
  })

  it('revokes only open invites of the office’s district', () => {
    expect(decideRevokeInvite(tree, office, openInvite(), now)).toMatchObject({ ok: true })
    expect(decideRevokeInvite(tree, office, openInvite({ status: 'used' }), now)).toMatchObject({
      code: 'invite-used',
    })
    expect(
      decideRevokeInvite(tree, office, openInvite({ districtId: demoGridIds.gaoxin }), now),
    ).toMatchObject({
      code: 'forbidden',
    })
  })
})
