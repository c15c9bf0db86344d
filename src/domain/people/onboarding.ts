import type { GridLevel, GridTree } from '../grid/tree'
import type { ErrorCode } from '../shared/errors'
import { z } from '../shared/zod'
import { roleLabels, type Actor, type DistrictUnit, type Role, type User } from './roles'
import { districtOf } from './scope'

export { districtOf }

/*
 * Onboarding, the pure part: who may invite whom into which grid, what an invite code looks like, and what
 * redeeming, revoking and moving do to a person. No clock, no randomness, no database: the server passes
 * the time, the random bytes and what it read, and persists what these functions decide.
 */

/** The roles a district office may hand out by invitation (a resident is what everyone is without one). */
export const invitableRoles = [
  'volunteer',
  'grid_member',
  'grid_leader',
  'sunk_staff',
  'supervisor',
  'district_office',
] as const satisfies readonly Role[]
export type InvitableRole = (typeof invitableRoles)[number]

/** The grid levels each role may be bound to: grid workers work below the district, offices at it. */
const levelsByRole: Record<InvitableRole, readonly GridLevel[]> = {
  volunteer: ['street', 'community', 'block'],
  grid_member: ['street', 'community', 'block'],
  grid_leader: ['street', 'community', 'block'],
  sunk_staff: ['street', 'community', 'block'],
  supervisor: ['district'],
  district_office: ['district'],
}

export function gridLevelsFor(role: Role): readonly GridLevel[] {
  return (levelsByRole as Partial<Record<Role, readonly GridLevel[]>>)[role] ?? []
}

// No 0/O, 1/I/L: a code is read aloud and typed by hand as often as it is scanned.
export const inviteCodeAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
export const inviteCodeLength = 10

/** A code from random bytes (at least `inviteCodeLength` of them); about 49 bits for 10 characters. */
export function inviteCodeFrom(bytes: Uint8Array): string {
  if (bytes.length < inviteCodeLength) throw new RangeError('not enough random bytes for an invite code')
  let code = ''
  for (let i = 0; i < inviteCodeLength; i += 1)
    code += inviteCodeAlphabet[bytes[i]! % inviteCodeAlphabet.length]
  return code
}

/** What people type or scan: spaces and dashes dropped, lower case accepted. */
export const inviteCodeSchema = z
  .string({ error: '请输入邀请码' })
  .transform((value) => value.replace(/[\s-]/g, '').toUpperCase())
  .pipe(
    z
      .string()
      .min(1, { error: '请输入邀请码' })
      .regex(new RegExp(`^[${inviteCodeAlphabet}]{${inviteCodeLength}}$`), { error: '邀请码格式不正确' }),
  )

/** The mini-program page an invite opens (a QR code is made of it; the subpackage keeps it off the main package). */
export const joinPage = 'pkg-onboard/pages/join/index'
export function joinPath(code: string): string {
  return `${joinPage}?code=${encodeURIComponent(code)}`
}

/**
 * The `scene` of the invite's mini-program code (wxacode.getUnlimited: at most 32 visible characters), which
 * WeChat hands to the join page as `scene` (URL-encoded) when the code is scanned.
 */
export function joinScene(code: string): string {
  return `code=${code}`
}

/** The invite code a join page was opened with: `code` from a link, or the `scene` of a scanned mini-program code. */
export function joinCodeOf(
  params: { code?: string; scene?: string },
  decode: (value: string) => string,
): string {
  if (params.code) return decode(params.code)
  const scene = params.scene ? decode(params.scene) : ''
  return /^code=(.+)$/.exec(scene)?.[1] ?? ''
}

export const inviteStatuses = ['open', 'used', 'revoked'] as const
export type InviteStatus = (typeof inviteStatuses)[number]
/** What an invite shows as: an open invite past its expiry is expired, though nothing wrote that. */
export type InviteState = InviteStatus | 'expired'
export const inviteStateLabels: Record<InviteState, string> = {
  open: '待使用',
  used: '已使用',
  revoked: '已撤销',
  expired: '已过期',
}

export interface Invite {
  /** The code's hash: the code itself is never stored, so reading the database does not let anyone join. */
  _id: string
  districtId: string
  role: InvitableRole
  gridId: string
  districtUnit?: DistrictUnit
  /** How the office calls the invitee; becomes their nickname if they have none of their own yet. */
  name: string
  createdBy: string
  createdAt: string
  expiresAt: string
  status: InviteStatus
  usedBy: string | null
  usedAt: string | null
  revokedBy: string | null
  revokedAt: string | null
}

export function inviteState(invite: Invite, now: Date): InviteState {
  if (invite.status === 'open' && new Date(invite.expiresAt).getTime() <= now.getTime()) return 'expired'
  return invite.status
}

/** The part of a person that onboarding changes, as logged before and after each change. */
export interface Standing {
  role: Role
  gridIds: string[]
  districtId?: string
  districtUnit?: DistrictUnit
}

export function standingOf(user: User): Standing {
  return {
    role: user.role,
    gridIds: [...user.gridIds],
    ...(user.districtId ? { districtId: user.districtId } : {}),
    ...(user.districtUnit ? { districtUnit: user.districtUnit } : {}),
  }
}

export function sameStanding(a: Standing, b: Standing): boolean {
  return (
    a.role === b.role &&
    a.districtId === b.districtId &&
    a.districtUnit === b.districtUnit &&
    a.gridIds.length === b.gridIds.length &&
    a.gridIds.every((id, index) => b.gridIds[index] === id)
  )
}

export interface Refusal {
  ok: false
  code: ErrorCode
  message: string
  fields?: Record<string, string>
}
const refuse = (code: ErrorCode, message: string, fields?: Record<string, string>): Refusal => ({
  ok: false,
  code,
  message,
  ...(fields ? { fields } : {}),
})

/** The district a district office speaks for; undefined for anyone else, which is then refused. */
export function officeDistrict(tree: GridTree, actor: Actor): string | undefined {
  return actor.role === 'district_office' ? districtOf(tree, actor.gridIds) : undefined
}

export function requireOffice(tree: GridTree, actor: Actor): { ok: true; districtId: string } | Refusal {
  const districtId = officeDistrict(tree, actor)
  return districtId ? { ok: true, districtId } : refuse('forbidden', '只有区级办公室可以管理邀请和人员')
}

/** Whether a role may sit on this grid, and the grid lies in the district: the answer is a refusal or nothing. */
export function checkPlacement(
  tree: GridTree,
  districtId: string,
  role: Role,
  gridId: string,
): Refusal | undefined {
  const grid = tree.get(gridId)
  if (!grid) return refuse('invalid-input', '没有找到这个网格', { gridId: '没有找到这个网格' })
  if (!tree.covers(districtId, gridId))
    return refuse('forbidden', '只能安排到本区的网格', { gridId: '只能选择本区的网格' })
  if (!gridLevelsFor(role).includes(grid.level)) {
    const message =
      role === 'district_office' || role === 'supervisor'
        ? `${roleLabels[role]}只能安排在区一级`
        : `${roleLabels[role]}只能安排在街道、社区或网格`
    return refuse('invalid-input', message, { gridId: message })
  }
  return undefined
}

export interface InviteRequest {
  role: InvitableRole
  gridId: string
  districtUnit?: DistrictUnit
  name: string
  validDays: number
}

/** Decides a new invite: the office's own district only, a grid fit for the role, a unit for an office. */
export function decideInvite(
  tree: GridTree,
  actor: Actor,
  request: InviteRequest,
  now: Date,
): { ok: true; invite: Omit<Invite, '_id'> } | Refusal {
  const office = requireOffice(tree, actor)
  if (!office.ok) return office
  const misplaced = checkPlacement(tree, office.districtId, request.role, request.gridId)
  if (misplaced) return misplaced
  if (request.role === 'district_office' && !request.districtUnit)
    return refuse('invalid-input', '请选择所属办公室', { districtUnit: '请选择所属办公室' })
  return {
    ok: true,
    invite: {
      districtId: office.districtId,
      role: request.role,
      gridId: request.gridId,
      ...(request.role === 'district_office' && request.districtUnit
        ? { districtUnit: request.districtUnit }
        : {}),
      name: request.name,
      createdBy: actor.openid,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + request.validDays * 24 * 3600_000).toISOString(),
      status: 'open',
      usedBy: null,
      usedAt: null,
      revokedBy: null,
      revokedAt: null,
    },
  }
}

const defaultNickname = '微信用户'

/**
 * Decides a redemption: the person takes the invite's role and grid. Redeeming again an invite one has
 * already redeemed answers the same (a retried tap); anyone else is refused with why.
 */
export function decideRedeem(
  invite: Invite,
  user: User,
  now: Date,
):
  | { ok: true; replayed: true }
  | { ok: true; replayed: false; after: Standing; nickname: string; invite: Partial<Invite> }
  | Refusal {
  if (invite.status === 'used') {
    if (invite.usedBy === user.openid) return { ok: true, replayed: true }
    return refuse('invite-used', '该邀请码已被他人使用，请联系区级办公室重新邀请')
  }
  if (invite.status === 'revoked') return refuse('invite-revoked', '该邀请码已被撤销，请联系区级办公室')
  if (inviteState(invite, now) === 'expired')
    return refuse('invite-expired', '该邀请码已过期，请联系区级办公室重新邀请')
  // An office opening its own QR would demote itself and could leave the district with no office.
  if (user.role === 'district_office')
    return refuse('forbidden', '区级办公室账号不能接受邀请，请让受邀人用自己的微信打开')
  return {
    ok: true,
    replayed: false,
    after: {
      role: invite.role,
      gridIds: [invite.gridId],
      districtId: invite.districtId,
      ...(invite.districtUnit ? { districtUnit: invite.districtUnit } : {}),
    },
    nickname: user.nickname === defaultNickname && invite.name ? invite.name : user.nickname,
    invite: { status: 'used', usedBy: user.openid, usedAt: now.toISOString() },
  }
}

/** Only an open invite of the office's own district can be revoked; a used one has done its work. */
export function decideRevokeInvite(
  tree: GridTree,
  actor: Actor,
  invite: Invite,
  now: Date,
): { ok: true; invite: Partial<Invite> } | Refusal {
  const office = requireOffice(tree, actor)
  if (!office.ok) return office
  if (invite.districtId !== office.districtId) return refuse('forbidden', '只能撤销本区的邀请')
  if (invite.status === 'used')
    return refuse('invite-used', '该邀请码已被使用，不能撤销；如需调整请撤销其角色')
  if (invite.status === 'revoked') return refuse('invite-revoked', '该邀请码已经撤销')
  return { ok: true, invite: { status: 'revoked', revokedBy: actor.openid, revokedAt: now.toISOString() } }
}

/** The office may change people of its own district, never itself (it could lock the district out). */
function checkTarget(tree: GridTree, actor: Actor, target: User): { ok: true; districtId: string } | Refusal {
  const office = requireOffice(tree, actor)
  if (!office.ok) return office
  if (target.openid === actor.openid) return refuse('forbidden', '不能调整自己的角色或网格')
  const targetDistrict = target.districtId ?? districtOf(tree, target.gridIds)
  if (target.role === 'resident' || targetDistrict !== office.districtId)
    return refuse('not-found', '本区没有这名工作人员')
  return office
}

/** Back to resident: no role, no grid, no office unit. */
export function decideRevokeRole(
  tree: GridTree,
  actor: Actor,
  target: User,
): { ok: true; after: Standing } | Refusal {
  const checked = checkTarget(tree, actor, target)
  if (!checked.ok) return checked
  return { ok: true, after: { role: 'resident', gridIds: [] } }
}

/** Another grid of the same district, fit for the person's role. */
export function decideMove(
  tree: GridTree,
  actor: Actor,
  target: User,
  gridId: string,
): { ok: true; after: Standing; changed: boolean } | Refusal {
  const checked = checkTarget(tree, actor, target)
  if (!checked.ok) return checked
  const misplaced = checkPlacement(tree, checked.districtId, target.role, gridId)
  if (misplaced) return misplaced
  const after: Standing = { ...standingOf(target), gridIds: [gridId], districtId: checked.districtId }
  return { ok: true, after, changed: !sameStanding(standingOf(target), after) }
}

/** The first office account: only a district, only while no office exists anywhere. */
export function decideBootstrap(
  tree: GridTree,
  user: User,
  districtId: string | undefined,
  districtUnit: DistrictUnit,
): { ok: true; after: Standing } | Refusal {
  const districts = tree.all().filter((node) => node.level === 'district')
  const chosen = districtId ?? (districts.length === 1 ? districts[0]!._id : undefined)
  if (!chosen) return refuse('invalid-input', '请选择区', { districtId: '请选择区' })
  if (tree.get(chosen)?.level !== 'district')
    return refuse('invalid-input', '请选择一个区', { districtId: '请选择一个区' })
  if (user.role !== 'resident') return refuse('forbidden', '请使用一个尚未分配角色的微信账号初始化')
  return { ok: true, after: { role: 'district_office', gridIds: [chosen], districtId: chosen, districtUnit } }
}
