import type { ActionOutput, ActionParsedInput } from '../../../../src/domain/contract'
import { AppError } from '../../../../src/domain/shared/errors'
import { isStaff } from '../../../../src/domain/people/roles'
import type { HandlerContext } from '../../runtime/context'
import { gridRef, toCaseView } from '../views'

/**
 * A grid's board, like its WeChat group: every case in the grid or below it, newest first.
 * Staff see the boards of their own grids and of any grid beneath them.
 */
export async function listBoard(
  ctx: HandlerContext,
  input: ActionParsedInput<'board.list'>,
): Promise<ActionOutput<'board.list'>> {
  if (!isStaff(ctx.actor.role)) throw new AppError('forbidden', '只有网格工作人员可以查看网格工作台')
  const { tree } = await ctx.stores.grids.index()
  const myGrids = ctx.actor.gridIds.filter((id) => tree.get(id))
  if (myGrids.length === 0) throw new AppError('forbidden', '您还没有分配网格，请联系管理员')

  const gridId = input.gridId ?? myGrids[0]!
  if (!tree.get(gridId)) throw new AppError('not-found', '没有找到这个网格')
  if (!myGrids.some((mine) => tree.covers(mine, gridId)))
    throw new AppError('forbidden', '该网格不在您的负责范围内')

  const { items, total, hasMore } = await ctx.stores.cases.listForBoard(
    { gridId, filter: input.filter, openid: ctx.actor.openid, now: ctx.now.toISOString() },
    input.page,
    input.pageSize,
  )
  return {
    grid: gridRef(tree, gridId),
    grids: myGrids.map((id) => gridRef(tree, id)),
    items: items.map((record) => toCaseView(record, ctx.actor, tree, ctx.runtime.settings.categories)),
    total,
    hasMore,
    page: input.page,
    pageSize: input.pageSize,
  }
}
