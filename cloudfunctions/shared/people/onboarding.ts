import type { ActionOutput, ActionParsedInput, InviteView, StaffView } from '../../../src/domain/contract'
import type { GridTree } from '../../../src/domain/grid/tree'
import {
  decideBootstrap,
  decideInvite,
  decideMove,
  decideRedeem,
  decideRevokeInvite,
  decideRevokeRole,
  invitableRoles,
  inviteState,
  inviteStateLabels,
  joinPath,
  requireOffice,
  standingOf,
  type Invite,
  type Refusal,
  type Standing,
} from '../../../src/domain/people/onboarding'
import { inviteQr } from './invite-qr'
import { roleLabels, type User } from '../../../src/domain/people/roles'
import { AppError } from '../../../src/domain/shared/errors'
import { gridRef } from '../cases/views'
import { LostRace, retry } from '../db/retry'
import { actorOf, type HandlerContext } from '../runtime/context'
import { codeMatches, hashCode, newCode } from './codes'
import { getMe } from './handlers'
import { bootstrapChangeId, type PeopleChange } from './onboarding-store'

/*
 * Onboarding: a district office invites people into its district's grids with one-use, expiring codes, and
 * manages who holds which role; the first office comes from the deploy's one-time bootstrap code. The domain
 * decides (src/domain/people/onboarding.ts); the store writes each change with its log entry in one
 * transaction, valid only on the state it was decided on, so a lost race is decided again on the fresh state.
 */

function orRefuse<T extends { ok: true }>(decision: T | Refusal): T {
  if (!decision.ok) {
    throw new AppError(decision.code, decision.message, decision.fields ? { fields: decision.fields } : {})
  }
  return decision
}

// A district's ref has no street-down label; its name is what people call it.
function ref(tree: GridTree, gridId: string) {
  const grid = gridRef(tree, gridId)
  return { ...grid, label: grid.label || grid.name }
}

async function officeOf(ctx: HandlerContext) {
  const { tree } = await ctx.stores.grids.index()
  return { tree, districtId: orRefuse(requireOffice(tree, ctx.actor)).districtId }
}

function inviteView(tree: GridTree, invite: Invite, now: Date, nicknames: Map<string, string>): InviteView {
  const state = inviteState(invite, now)
  return {
    id: invite._id,
    role: invite.role,
    roleLabel: roleLabels[invite.role],
    ...(invite.districtUnit ? { districtUnit: invite.districtUnit } : {}),
    grid: ref(tree, invite.gridId),
    name: invite.name,
    state,
    stateLabel: inviteStateLabels[state],
    createdAt: invite.createdAt,
    expiresAt: invite.expiresAt,
    usedBy: invite.usedBy ? { openid: invite.usedBy, nickname: nicknames.get(invite.usedBy) ?? '' } : null,
    usedAt: invite.usedAt,
  }
}

function staffView(tree: GridTree, user: User): StaffView {
  return {
    id: user.openid,
    openid: user.openid,
    nickname: user.nickname,
    role: user.role,
    roleLabel: roleLabels[user.role],
    ...(user.districtUnit ? { districtUnit: user.districtUnit } : {}),
    grids: user.gridIds.filter((id) => tree.get(id)).map((id) => ref(tree, id)),
  }
}

function logEntry(
  ctx: HandlerContext,
  fields: Pick<PeopleChange, 'kind' | 'districtId' | 'openid' | 'inviteId' | 'before' | 'after'>,
): Omit<PeopleChange, '_id'> {
  return { actor: ctx.actor.openid, at: ctx.now.toISOString(), ...fields }
}

export async function inviteOptions(ctx: HandlerContext): Promise<ActionOutput<'invite.options'>> {
  const { tree, districtId } = await officeOf(ctx)
  const grids = tree
    .all()
    .filter((node) => node.level !== 'district' && node.level !== 'city' && tree.covers(districtId, node._id))
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((node) => ref(tree, node._id))
  return {
    district: ref(tree, districtId),
    roles: invitableRoles.map((role) => ({ role, label: roleLabels[role] })),
    grids,
    validDays: ctx.runtime.settings.policy.inviteValidDays,
  }
}

export async function createInvite(
  ctx: HandlerContext,
  input: ActionParsedInput<'invite.create'>,
): Promise<ActionOutput<'invite.create'>> {
  const { tree } = await ctx.stores.grids.index()
  const validDays = input.validDays ?? ctx.runtime.settings.policy.inviteValidDays
  const { invite: fields } = orRefuse(decideInvite(tree, ctx.actor, { ...input, validDays }, ctx.now))
  // A fresh code per attempt: a clash with an existing hash (vanishingly rare) just draws another.
  return retry(async () => {
    const code = newCode()
    const invite: Invite = { _id: hashCode(code), ...fields }
    const created = await ctx.stores.onboarding.createInvite(
      invite,
      logEntry(ctx, {
        kind: 'invite.create',
        districtId: invite.districtId,
        openid: null,
        inviteId: invite._id,
        before: null,
        after: { role: invite.role, gridId: invite.gridId, expiresAt: invite.expiresAt, status: 'open' },
      }),
    )
    if (!created) throw new LostRace()
    return {
      invite: inviteView(tree, invite, ctx.now, new Map()),
      code,
      path: joinPath(code),
      qr: await inviteQr(ctx.runtime, code),
    }
  })
}

export async function listInvites(
  ctx: HandlerContext,
  input: ActionParsedInput<'invite.list'>,
): Promise<ActionOutput<'invite.list'>> {
  const { tree, districtId } = await officeOf(ctx)
  const { items, total, hasMore } = await ctx.stores.onboarding.listInvites(
    districtId,
    input.status,
    input.page,
    input.pageSize,
  )
  const nicknames = await ctx.stores.users.nicknames(items.flatMap((invite) => invite.usedBy ?? []))
  return {
    items: items.map((invite) => inviteView(tree, invite, ctx.now, nicknames)),
    total,
    hasMore,
    page: input.page,
    pageSize: input.pageSize,
  }
}

export async function revokeInvite(
  ctx: HandlerContext,
  input: ActionParsedInput<'invite.revoke'>,
): Promise<ActionOutput<'invite.revoke'>> {
  const { tree } = await ctx.stores.grids.index()
  return retry(async () => {
    const invite = await ctx.stores.onboarding.invite(input.inviteId)
    if (!invite) throw new AppError('not-found', '没有找到这条邀请')
    const { invite: patch } = orRefuse(decideRevokeInvite(tree, ctx.actor, invite, ctx.now))
    const applied = await ctx.stores.onboarding.applyInvite(
      invite,
      patch,
      undefined,
      logEntry(ctx, {
        kind: 'invite.revoke',
        districtId: invite.districtId,
        openid: null,
        inviteId: invite._id,
        before: { status: invite.status },
        after: { status: 'revoked' },
      }),
    )
    if (!applied) throw new LostRace()
    return { invite: inviteView(tree, { ...invite, ...patch }, ctx.now, new Map()) }
  })
}

async function inviteByCode(ctx: HandlerContext, code: string): Promise<Invite> {
  const invite = await ctx.stores.onboarding.invite(hashCode(code))
  if (!invite) throw new AppError('not-found', '邀请码无效，请核对后重试或联系区级办公室')
  return invite
}

export async function previewInvite(
  ctx: HandlerContext,
  input: ActionParsedInput<'invite.preview'>,
): Promise<ActionOutput<'invite.preview'>> {
  const { tree } = await ctx.stores.grids.index()
  const invite = await inviteByCode(ctx, input.code)
  const state = inviteState(invite, ctx.now)
  return {
    role: invite.role,
    roleLabel: roleLabels[invite.role],
    ...(invite.districtUnit ? { districtUnit: invite.districtUnit } : {}),
    grid: ref(tree, invite.gridId),
    name: invite.name,
    state,
    stateLabel: inviteStateLabels[state],
    expiresAt: invite.expiresAt,
    mine: invite.usedBy === ctx.actor.openid,
  }
}

/** The caller (from the invocation's WeChat context, never the payload) becomes the invited staff member. */
export async function redeemInvite(
  ctx: HandlerContext,
  input: ActionParsedInput<'invite.redeem'>,
): Promise<ActionOutput<'invite.redeem'>> {
  return retry(async () => {
    const [invite, user] = await Promise.all([
      inviteByCode(ctx, input.code),
      ctx.stores.users.get(ctx.actor.openid),
    ])
    if (!user) throw new AppError('not-registered')
    const decision = orRefuse(decideRedeem(invite, user, ctx.now))
    if (decision.replayed) return { me: await meNow(ctx), replayed: true }
    const applied = await ctx.stores.onboarding.applyInvite(
      invite,
      decision.invite,
      { before: user, after: decision.after, nickname: decision.nickname },
      logEntry(ctx, {
        kind: 'invite.redeem',
        districtId: invite.districtId,
        openid: user.openid,
        inviteId: invite._id,
        before: { ...standingOf(user) },
        after: { ...decision.after },
      }),
    )
    if (!applied) throw new LostRace()
    return { me: await meAs(ctx, standing(user, decision.after, decision.nickname)), replayed: false }
  })
}

/** The person with a new standing: the optional fields the new role lacks are dropped, not kept. */
function standing(user: User, after: Standing, nickname = user.nickname): User {
  const { districtUnit: _u, districtId: _d, ...rest } = user
  return { ...rest, ...after, nickname }
}

// The handler context was built from the person before the change; what they see next is the person after it.
function meAs(ctx: HandlerContext, user: User) {
  return getMe({ ...ctx, user, actor: actorOf(user) })
}

/** A replayed request answers with the person as stored now. */
async function meNow(ctx: HandlerContext) {
  return meAs(ctx, (await ctx.stores.users.get(ctx.actor.openid)) ?? ctx.user)
}

export async function listStaff(
  ctx: HandlerContext,
  input: ActionParsedInput<'staff.list'>,
): Promise<ActionOutput<'staff.list'>> {
  const { tree, districtId } = await officeOf(ctx)
  const { items, total, hasMore } = await ctx.stores.onboarding.listStaff(
    districtId,
    input.role,
    input.page,
    input.pageSize,
  )
  return {
    items: items.map((user) => staffView(tree, user)),
    total,
    hasMore,
    page: input.page,
    pageSize: input.pageSize,
  }
}

async function target(ctx: HandlerContext, openid: string): Promise<User> {
  const user = await ctx.stores.users.get(openid)
  if (!user) throw new AppError('not-found', '本区没有这名工作人员')
  return user
}

export async function revokeRole(
  ctx: HandlerContext,
  input: ActionParsedInput<'staff.revokeRole'>,
): Promise<ActionOutput<'staff.revokeRole'>> {
  const { tree, districtId } = await officeOf(ctx)
  return retry(async () => {
    const person = await target(ctx, input.openid)
    const { after } = orRefuse(decideRevokeRole(tree, ctx.actor, person))
    const applied = await ctx.stores.onboarding.applyStanding(
      { before: person, after },
      logEntry(ctx, {
        kind: 'staff.revokeRole',
        districtId,
        openid: person.openid,
        inviteId: null,
        before: { ...standingOf(person) },
        after: { ...after },
      }),
    )
    if (!applied) throw new LostRace()
    return { staff: staffView(tree, standing(person, after)) }
  })
}

export async function moveStaff(
  ctx: HandlerContext,
  input: ActionParsedInput<'staff.move'>,
): Promise<ActionOutput<'staff.move'>> {
  const { tree, districtId } = await officeOf(ctx)
  return retry(async () => {
    const person = await target(ctx, input.openid)
    const decision = orRefuse(decideMove(tree, ctx.actor, person, input.gridId))
    // Already there (a retried move): nothing to write, nothing to log.
    if (!decision.changed) return { staff: staffView(tree, person), changed: false }
    const applied = await ctx.stores.onboarding.applyStanding(
      { before: person, after: decision.after },
      logEntry(ctx, {
        kind: 'staff.move',
        districtId,
        openid: person.openid,
        inviteId: null,
        before: { ...standingOf(person) },
        after: { ...decision.after },
      }),
    )
    if (!applied) throw new LostRace()
    return { staff: staffView(tree, standing(person, decision.after)), changed: true }
  })
}

const bootstrapClosed = '初始化码已失效：本系统已有区级办公室账号，请向其申请邀请'

/**
 * The first district office: the code's hash comes from deploy configuration, and the code dies once any office
 * account exists. Claimed again by the same person (a retried tap), it answers the same.
 */
export async function claimBootstrap(
  ctx: HandlerContext,
  input: ActionParsedInput<'bootstrap.claim'>,
): Promise<ActionOutput<'bootstrap.claim'>> {
  const expected = ctx.runtime.bootstrapCodeHash
  const code = input.code.replace(/[\s-]/g, '').toUpperCase()
  if (!expected) throw new AppError('bootstrap-closed', '未配置初始化码，请联系系统管理员')
  const marker = await ctx.stores.onboarding.change(bootstrapChangeId)
  if (marker?.openid === ctx.actor.openid && codeMatches(code, expected))
    return { me: await meNow(ctx), replayed: true }
  if (marker) throw new AppError('bootstrap-closed', bootstrapClosed)
  if (!codeMatches(code, expected))
    throw new AppError('invalid-input', '初始化码不正确', { fields: { code: '初始化码不正确' } })
  if (await ctx.stores.onboarding.anyOffice()) throw new AppError('bootstrap-closed', bootstrapClosed)

  const { tree } = await ctx.stores.grids.index()
  return retry(async () => {
    const user = await ctx.stores.users.get(ctx.actor.openid)
    if (!user) throw new AppError('not-registered')
    const { after } = orRefuse(decideBootstrap(tree, user, input.districtId, input.districtUnit))
    const nickname = input.name || user.nickname
    const applied = await ctx.stores.onboarding.bootstrap(
      { before: user, after, nickname },
      logEntry(ctx, {
        kind: 'bootstrap.claim',
        districtId: after.districtId!,
        openid: user.openid,
        inviteId: null,
        before: { ...standingOf(user) },
        after: { ...after },
      }),
    )
    if (applied) return { me: await meAs(ctx, standing(user, after, nickname)), replayed: false }
    // Lost: either someone else claimed it (the code is now dead) or this person changed meanwhile.
    const winner = await ctx.stores.onboarding.change(bootstrapChangeId)
    if (winner?.openid === user.openid) return { me: await meNow(ctx), replayed: true }
    if (winner) throw new AppError('bootstrap-closed', bootstrapClosed)
    throw new LostRace()
  })
}
