import type { ActionOutput, ActionParsedInput } from '../../../src/domain/contract'
import { AppError } from '../../../src/domain/shared/errors'
import type { GridTree } from '../../../src/domain/grid/tree'
import { isPeriodKey } from '../../../src/domain/rewards/points'
import { awardStore, draftAward, publishAward, toAwardView } from './awards'
import type { HandlerContext } from '../runtime/context'

/** The districts a district office speaks for (its grids, or the district above them). */
function officeDistricts(ctx: HandlerContext, tree: GridTree): string[] {
  if (ctx.actor.role !== 'district_office') return []
  const ids = ctx.actor.gridIds.map(
    (gridId) => tree.lineage(gridId).find((node) => node.level === 'district')?._id,
  )
  return [...new Set(ids.filter((id): id is string => Boolean(id)))]
}

function requireOffice(ctx: HandlerContext, tree: GridTree): string[] {
  const districts = officeDistricts(ctx, tree)
  if (districts.length === 0) throw new AppError('forbidden', '只有区级办公室可以审核和发布评选结果')
  return districts
}

/** Drafts the district's award for a period (again, after a review that leaves someone out). */
export async function draftAwardAction(
  ctx: HandlerContext,
  input: ActionParsedInput<'award.draft'>,
): Promise<ActionOutput<'award.draft'>> {
  const { tree } = await ctx.stores.grids.index()
  const [districtId] = requireOffice(ctx, tree)
  if (!isPeriodKey(input.kind, input.period)) {
    throw new AppError('invalid-input', undefined, {
      fields: { period: '周期与评选类型不符，例如月度为 2026-11' },
    })
  }
  const award = await draftAward(
    ctx.runtime,
    {
      kind: input.kind,
      period: input.period,
      list: input.list,
      districtId: districtId!,
      exclude: input.exclude,
      note: input.note,
    },
    { openid: ctx.actor.openid, nickname: ctx.user.nickname },
    ctx.now,
  )
  return { award: toAwardView(award, tree, ctx.now, true) }
}

export async function publishAwardAction(
  ctx: HandlerContext,
  input: ActionParsedInput<'award.publish'>,
): Promise<ActionOutput<'award.publish'>> {
  const { tree } = await ctx.stores.grids.index()
  const districts = requireOffice(ctx, tree)
  const award = await awardStore(ctx.runtime).get(input.awardId)
  if (!award) throw new AppError('not-found', '没有找到这项评选')
  if (!districts.includes(award.districtId)) throw new AppError('forbidden', '只能发布本区的评选结果')
  const published = await publishAward(
    ctx.runtime,
    award._id,
    { openid: ctx.actor.openid, nickname: ctx.user.nickname },
    ctx.now,
  )
  return { award: toAwardView(published, tree, ctx.now, true) }
}

/** The honour roll: published awards for everyone, newest period first; drafts for the district office. */
export async function listAwards(
  ctx: HandlerContext,
  input: ActionParsedInput<'award.list'>,
): Promise<ActionOutput<'award.list'>> {
  const { tree } = await ctx.stores.grids.index()
  const districts = officeDistricts(ctx, tree)
  if (input.status !== 'published' && districts.length === 0) {
    throw new AppError('forbidden', '只有区级办公室可以查看评选草稿')
  }
  const { items, total, hasMore } = await awardStore(ctx.runtime).page(
    { status: input.status, kind: input.kind, districtIds: districts },
    input.page,
    input.pageSize,
  )
  return {
    items: items.map((award) => toAwardView(award, tree, ctx.now, districts.includes(award.districtId))),
    total,
    hasMore,
    page: input.page,
    pageSize: input.pageSize,
  }
}
