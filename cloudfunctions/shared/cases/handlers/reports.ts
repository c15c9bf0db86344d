import { createHash } from 'node:crypto'
import { findCategory, findCheck } from '../../../../src/domain/case/categories'
import type { CaseRecord } from '../../../../src/domain/case/record'
import { computeDeadline } from '../../../../src/domain/case/deadlines'
import type { ActionOutput, ActionParsedInput } from '../../../../src/domain/contract'
import { AppError } from '../../../../src/domain/shared/errors'
import { decideTransition } from '../../../../src/domain/case/status'
import type { NotificationIntent } from '../../../../src/domain/case/decide'
import { isStaff } from '../../../../src/domain/people/roles'
import { businessDayKey, formatCaseNo } from '../../../../src/domain/shared/time'
import { outboxEntries, sealEvent } from '../act'
import type { HandlerContext } from '../../runtime/context'
import { nextCounterValue } from '../../db/counters'
import { checkSubmitRate } from '../rate-limit'
import { toCaseView, toEventView } from '../views'

/** A case id derived from who submitted and their request id: the same retry always maps to it. */
export function caseIdFor(openid: string, requestId: string): string {
  return 'case-' + createHash('sha256').update(`${openid}\n${requestId}`).digest('hex').slice(0, 24)
}

export async function viewOf(ctx: HandlerContext, record: CaseRecord) {
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
  const ticket = await checkSubmitRate(ctx)

  const policy = ctx.runtime.settings.policy
  const major = input.major || policy.majorCategoryIds.includes(input.categoryId)
  const dayKey = businessDayKey(ctx.now)
  const serial = await nextCounterValue(ctx.runtime.db, `case-no-${dayKey}`)
  const at = ctx.now.toISOString()
  const base: CaseRecord = {
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
    waitingSince: at,
    originGridId: grid._id,
    major,
    deadlineAt: computeDeadline({
      categoryId: input.categoryId,
      level: grid.level,
      major,
      from: ctx.now,
    }).toISOString(),
    card: 'none',
    supervision: null,
    signOffs: [],
    jointHandlers: [],
    followers: [],
    disputeCount: 0,
    verifiedAt: null,
    rating: null,
    resolution: null,
    eventCount: 1,
    lastHash: '',
  }
  const event = sealEvent({
    _id: `${caseId}#0`,
    caseId,
    seq: 0,
    type: 'submit',
    actorId: ctx.actor.openid,
    actorRole: ctx.actor.role,
    gridId: grid._id,
    from: 'none',
    to: base.status,
    note: `转办至${tree.label(grid._id)}`,
    evidence: input.photos,
    details: { major, channel: base.channel },
    at,
    prevHash: '',
  })
  const record: CaseRecord = { ...base, lastHash: event.hash }
  const notifications = outboxEntries(record, event, submitNotifications(record, tree.lineage(grid._id)))
  const { inserted } = await ctx.stores.cases
    .insertWithEvent(record, event, notifications)
    .catch(async (error: unknown) => {
      await ticket.release()
      throw error
    })
  if (!inserted) {
    // A concurrent retry of the same request won the insert: answer with its case, and count it once.
    await ticket.release()
    const winner = await ctx.stores.cases.get(caseId)
    if (!winner) throw new AppError('conflict')
    return { case: await viewOf(ctx, winner), replayed: true }
  }
  return { case: await viewOf(ctx, record), replayed: false }
}

/** Who hears of a new case: the grid's staff, the reporter, and for major events the district at once. */
function submitNotifications(
  record: CaseRecord,
  lineage: { _id: string; level: string }[],
): NotificationIntent[] {
  const intents: NotificationIntent[] = [
    {
      audience: { gridId: record.gridId, roles: ['grid_member', 'grid_leader', 'sunk_staff'] },
      kind: 'new-case',
      title: '网格内有新问题待认领',
      body: record.description || '请尽快认领处理',
    },
    {
      audience: { openid: record.reporterId },
      kind: 'case-routed',
      title: '您的举报已受理',
      body: `已转办至所属网格，编号${record.caseNo}`,
    },
  ]
  const district = lineage.find((node) => node.level === 'district')
  if (record.major && district) {
    intents.push({
      audience: { gridId: district._id, roles: ['district_office'] },
      kind: 'major-event',
      title: '重大或突发污染问题',
      body: record.description || '请立即研判处置',
    })
  }
  return intents
}

export async function loadCase(ctx: HandlerContext, caseId: string): Promise<CaseRecord> {
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
  const nicknames = await ctx.stores.users.nicknames([
    record.reporterId,
    ...trail.map((event) => event.actorId),
  ])
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
