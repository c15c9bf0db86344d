import type { ActionOutput, ActionParsedInput } from '../../../src/domain/contract'
import type { HandlerContext } from '../runtime/context'
import { AppError } from '../../../src/domain/shared/errors'
import { templateIdsOf } from '../../../src/domain/notify/subscription'
import { SubscriptionQuota } from './quota'
import type { OutboxEntry } from './outbox'
import {
  deliveryStateLabels,
  type DeliveryProblemState,
  type DeliveryView,
} from '../../../src/domain/notify/contract'

/** The in-app message list: what was sent to me, plus what was sent to my grids in my role. */
export async function listNotifications(
  ctx: HandlerContext,
  input: ActionParsedInput<'notification.list'>,
): Promise<ActionOutput<'notification.list'>> {
  const { items, total, hasMore } = await ctx.stores.outbox.forActor(ctx.actor, input.page, input.pageSize)
  return {
    items: items.map((entry) => ({
      id: entry._id,
      kind: entry.kind,
      caseId: entry.caseId,
      caseNo: entry.caseNo,
      title: entry.title,
      body: entry.body,
      createdAt: entry.createdAt,
    })),
    total,
    hasMore,
    page: input.page,
    pageSize: input.pageSize,
  }
}

/**
 * Records what the user accepted in `wx.requestSubscribeMessage`: one more send of each template. Only the
 * deployment's own templates count, so a client cannot grow a count nothing will ever use.
 */
export async function subscribe(
  ctx: HandlerContext,
  input: ActionParsedInput<'notification.subscribe'>,
): Promise<ActionOutput<'notification.subscribe'>> {
  const known = new Set(templateIdsOf(ctx.runtime.settings.subscriptions))
  const accepted = [...new Set(input.accepted)]
  const unknown = accepted.filter((templateId) => !known.has(templateId))
  if (unknown.length > 0)
    throw new AppError('invalid-input', '没有这个订阅消息模板', {
      fields: { accepted: '没有这个订阅消息模板' },
    })
  if (accepted.length === 0) return { remaining: {} }
  return {
    remaining: await new SubscriptionQuota(ctx.runtime.db).accept(ctx.actor.openid, accepted, ctx.now),
  }
}

/** The districts a district office answers for: those its grids lie in. */
async function officeDistricts(ctx: HandlerContext): Promise<string[]> {
  if (ctx.user.role !== 'district_office')
    throw new AppError('forbidden', '只有区级办公室可以查看和重发订阅消息')
  const { tree } = await ctx.stores.grids.index()
  const ids = ctx.user.gridIds.flatMap((gridId) => tree.ancestorAt(gridId, 'district')?._id ?? [])
  if (ids.length === 0) throw new AppError('forbidden', '您还没有负责的区')
  return [...new Set(ids)]
}

function deliveryViewOf(entry: OutboxEntry, now: Date, stuckAfterMinutes: number): DeliveryView {
  const state = entry.delivery.state as DeliveryProblemState
  const claimedAt = entry.delivery.claimedAt ?? null
  const stuck =
    state === 'sending' &&
    claimedAt !== null &&
    now.getTime() - new Date(claimedAt).getTime() > stuckAfterMinutes * 60_000
  return {
    id: entry._id,
    kind: entry.kind,
    caseId: entry.caseId,
    caseNo: entry.caseNo,
    title: entry.title,
    state,
    stateLabel: stuck ? '发送中断' : deliveryStateLabels[state],
    attempts: entry.delivery.attempts,
    errCode: entry.delivery.errCode ?? null,
    errMsg: entry.delivery.errMsg ?? '',
    createdAt: entry.createdAt,
    claimedAt,
    stuck,
    canResend: state === 'failed',
  }
}

/**
 * The district office's view of its district's subscription messages that did not go out: given up after
 * their retries, held by a send (stuck when its run stopped), or not sent because the person has no accepted
 * send left. Whom a message is for is never shown.
 */
export async function listDeliveries(
  ctx: HandlerContext,
  input: ActionParsedInput<'notification.deliveries'>,
): Promise<ActionOutput<'notification.deliveries'>> {
  const districts = await officeDistricts(ctx)
  const { items, total, hasMore } = await ctx.stores.outbox.inDistricts(
    districts,
    input.state,
    input.page,
    input.pageSize,
  )
  const stuckAfter = ctx.runtime.settings.subscriptions.retry.stuckAfterMinutes
  return {
    items: items.map((entry) => deliveryViewOf(entry, ctx.now, stuckAfter)),
    total,
    hasMore,
    page: input.page,
    pageSize: input.pageSize,
  }
}

/**
 * Queues a failed message for one more attempt by the sender. Only a failed one: a message held by a
 * stopped send may have reached its person, and no one gets the same message twice.
 */
export async function resendDelivery(
  ctx: HandlerContext,
  input: ActionParsedInput<'notification.resend'>,
): Promise<ActionOutput<'notification.resend'>> {
  const districts = await officeDistricts(ctx)
  const entry = await ctx.stores.outbox.retryFailed(input.id, districts, ctx.now)
  if (!entry)
    throw new AppError('conflict', '只能重发本区发送失败的消息，该消息可能已重新排队或已发出', {
      fields: { id: '该消息不能重发' },
    })
  const stuckAfter = ctx.runtime.settings.subscriptions.retry.stuckAfterMinutes
  return { delivery: deliveryViewOf(entry, ctx.now, stuckAfter) }
}
