import type { ActionOutput, ActionParsedInput } from '../../../src/domain/contract'
import type { HandlerContext } from '../runtime/context'

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
