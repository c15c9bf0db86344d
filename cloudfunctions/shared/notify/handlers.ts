import type { ActionOutput, ActionParsedInput } from '../../../src/domain/contract'
import type { HandlerContext } from '../runtime/context'
import { AppError } from '../../../src/domain/shared/errors'
import { templateIdsOf } from '../../../src/domain/notify/subscription'
import { SubscriptionQuota } from './quota'

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
