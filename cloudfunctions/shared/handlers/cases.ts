import { createHash } from 'node:crypto'
import { findCategory, findCheck } from '../../../src/domain/categories'
import type { CaseEvent, CaseRecord } from '../../../src/domain/case'
import { caseStatusLabels, decideTransition, type CaseCommand } from '../../../src/domain/case-status'
import type { ActionOutput, ActionParsedInput } from '../../../src/domain/contract'
import { AppError } from '../../../src/domain/errors'
import { isStaff } from '../../../src/domain/roles'
import { businessDayKey, formatCaseNo } from '../../../src/domain/time'
import type { HandlerContext } from '../context'
import { nextCounterValue } from '../data/counters'
import { toCaseView, toEventView } from '../views'

/** A case id derived from who submitted and their request id: the same retry always maps to it. */
export function caseIdFor(openid: string, requestId: string): string {
  return 'case-' + createHash('sha256').update(`${openid}\n${requestId}`).digest('hex').slice(0, 24)
}

async function viewOf(ctx: HandlerContext, record: CaseRecord) {
  const { tree } = await ctx.stores.grids.index()
  const nicknames = await ctx.stores.users.nicknames([record.reporterId])
  return toCaseView(record, ctx.actor, tree, nicknames)
}

export async function submitCase(
  ctx: HandlerContext,
  input: ActionParsedInput<'case.submit'>,
): Promise<ActionOutput<'case.submit'>> {
  const caseId = caseIdFor(ctx.actor.openid, input.requestId)
  const earlier = await ctx.stores.cases.get(caseId)
  if (earlier) return { case: await viewOf(ctx, earlier), replayed: true }

  if (!findCategory(input.categoryId)) {
    throw new AppError('invalid-input', undefined, { fields: { categoryId: '请选择有效的问题类别' } })
  }
  if (!findCheck(input.categoryId, input.checkId)) {
    throw new AppError('invalid-input', undefined, { fields: { checkId: '请选择该类别下的具体问题' } })
  }
  const decision = decideTransition('none', 'submit', ctx.actor.role)
  if (!decision.ok) throw new AppError('forbidden')

  const { tree, locator } = await ctx.stores.grids.index()
  const grid = locator.locate(input.location)
  if (!grid) {
    throw new AppError('outside-service-area', '该位置不在任何网格范围内，请确认位置后重试', {
      fields: { location: '该位置不在服务范围内' },
    })
  }

  const dayKey = businessDayKey(ctx.now)
  const serial = await nextCounterValue(ctx.runtime.db, `case-no-${dayKey}`)
  const at = ctx.now.toISOString()
  const record: CaseRecord = {
    _id: caseId,
    caseNo: formatCaseNo(dayKey, serial),
    status: decision.to,
    categoryId: input.categoryId,
    checkId: input.checkId,
    description: input.description,
    photos: input.photos,
    location: input.location,
    accuracyMeters: input.accuracyMeters,
    address: input.address,
    anonymous: input.anonymous,
    channel: isStaff(ctx.actor.role) && input.channel === 'resident' ? 'patrol' : input.channel,
    reporterId: ctx.actor.openid,
    gridId: grid._id,
    gridPath: tree.lineage(grid._id).map((node) => node._id),
    claim: null,
    requestKey: `${ctx.actor.openid}:${input.requestId}`,
    createdAt: at,
    updatedAt: at,
    unclaimedAlertAt: null,
  }
  const event = eventFor(ctx, record, 'submit', 'none', 0, `转办至${tree.label(grid._id)}`)
  const { inserted } = await ctx.stores.cases.insertWithEvent(record, event)
  if (!inserted) {
    // A concurrent retry of the same request won the insert: answer with its case.
    const winner = await ctx.stores.cases.get(caseId)
    if (!winner) throw new AppError('conflict')
    return { case: await viewOf(ctx, winner), replayed: true }
  }
  return { case: await viewOf(ctx, record), replayed: false }
}

function eventFor(
  ctx: HandlerContext,
  record: CaseRecord,
  type: CaseCommand,
  from: CaseEvent['from'],
  seq: number,
  note: string,
): CaseEvent {
  return {
    _id: `${record._id}#${seq}`,
    caseId: record._id,
    seq,
    type,
    actorId: ctx.actor.openid,
    actorRole: ctx.actor.role,
    gridId: record.gridId,
    from,
    to: record.status,
    note,
    at: ctx.now.toISOString(),
  }
}

async function loadCase(ctx: HandlerContext, caseId: string): Promise<CaseRecord> {
  const record = await ctx.stores.cases.get(caseId)
  if (!record) throw new AppError('not-found', '没有找到这个问题')
  return record
}

export async function getCase(
  ctx: HandlerContext,
  input: ActionParsedInput<'case.get'>,
): Promise<ActionOutput<'case.get'>> {
  const record = await loadCase(ctx, input.caseId)
  const trail = await ctx.stores.cases.trail(record._id)
  const { tree } = await ctx.stores.grids.index()
  const nicknames = await ctx.stores.users.nicknames([record.reporterId, ...trail.map((event) => event.actorId)])
  return {
    case: toCaseView(record, ctx.actor, tree, nicknames),
    events: trail.map((event) => toEventView(event, record, ctx.actor, nicknames)),
  }
}

export async function myCases(
  ctx: HandlerContext,
  input: ActionParsedInput<'case.mine'>,
): Promise<ActionOutput<'case.mine'>> {
  const { items, total } = await ctx.stores.cases.listByReporter(ctx.actor.openid, input.page, input.pageSize)
  const { tree } = await ctx.stores.grids.index()
  const nicknames = new Map([[ctx.actor.openid, ctx.user.nickname]])
  return {
    items: items.map((record) => toCaseView(record, ctx.actor, tree, nicknames)),
    total,
    page: input.page,
    pageSize: input.pageSize,
  }
}

/** True when the actor works in the case's grid or in a grid above it. */
export function coversCase(ctx: HandlerContext, record: CaseRecord): boolean {
  return ctx.actor.gridIds.some((gridId) => record.gridPath.includes(gridId))
}

export async function claimCase(
  ctx: HandlerContext,
  input: ActionParsedInput<'case.claim'>,
): Promise<ActionOutput<'case.claim'>> {
  const record = await loadCase(ctx, input.caseId)
  const decision = decideTransition(record.status, 'claim', ctx.actor.role)
  if (!decision.ok && decision.reason === 'forbidden') throw new AppError('forbidden')
  if (!coversCase(ctx, record)) throw new AppError('forbidden', '该问题不在您负责的网格内')
  if (!decision.ok) throw refusalFor(record)

  const at = ctx.now.toISOString()
  const claimed: CaseRecord = {
    ...record,
    status: decision.to,
    claim: { userId: ctx.actor.openid, nickname: ctx.user.nickname, at },
    updatedAt: at,
  }
  const seq = (await ctx.stores.cases.lastEventSeq(record._id)) + 1
  const event = eventFor(ctx, claimed, 'claim', record.status, seq, '')
  const outcome = await ctx.stores.cases.applyChange(
    record,
    { status: claimed.status, claim: claimed.claim, updatedAt: at },
    event,
  )
  if (!outcome.applied) throw refusalFor((await ctx.stores.cases.get(record._id)) ?? record)
  return { case: await viewOf(ctx, outcome.record) }
}

/** Why a claim cannot go ahead, naming who has the case when someone does. */
function refusalFor(current: CaseRecord): AppError {
  if (current.status === 'claimed' && current.claim) {
    return new AppError('not-claimable', `该问题已被${current.claim.nickname}认领`, {
      details: { claimedBy: current.claim.nickname, status: current.status },
    })
  }
  return new AppError('illegal-transition', `该问题当前状态为“${caseStatusLabels[current.status]}”，不能认领`, {
    details: { status: current.status },
  })
}

