import type { ActionOutput } from '../../../src/domain/contract'
import { roleLabels } from '../../../src/domain/people/roles'
import type { HandlerContext } from '../runtime/context'
import { gridRef } from '../cases/views'

export async function getMe(ctx: HandlerContext): Promise<ActionOutput<'me.get'>> {
  const { tree } = await ctx.stores.grids.index()
  return {
    nickname: ctx.user.nickname,
    role: ctx.user.role,
    roleLabel: roleLabels[ctx.user.role],
    ...(ctx.user.districtUnit ? { districtUnit: ctx.user.districtUnit } : {}),
    grids: ctx.user.gridIds.filter((id) => tree.get(id)).map((id) => gridRef(tree, id)),
    points: ctx.user.points,
  }
}
