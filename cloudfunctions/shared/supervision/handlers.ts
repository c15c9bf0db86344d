import type { ActionOutput, ActionParsedInput } from '../../../src/domain/contract'
import type { GridTree } from '../../../src/domain/grid/tree'
import { AppError } from '../../../src/domain/shared/errors'
import { previousPeriod, periodKeyOf } from '../../../src/domain/shared/time'
import { supervisionNoteKindLabels } from '../../../src/domain/supervision/contract'
import { bulletinStreets, isOverseer } from '../../../src/domain/supervision/scope'
import { gridRef, toCaseView } from '../cases/views'
import type { HandlerContext } from '../runtime/context'
import { bulletinId, supervisionStoreFor, type BulletinRecord, type SupervisionNoteRecord } from './store'

/** The grid an overseer asks about, within their district; their own grid when none is named. */
function overseenGrid(ctx: HandlerContext, tree: GridTree, gridId: string | undefined): string {
  if (!isOverseer(ctx.actor.role)) throw new AppError('forbidden', '只有督查室和区级部门可以督查')
  const mine = ctx.actor.gridIds.filter((id) => tree.get(id))
  const wanted = gridId ?? mine[0]
  if (!wanted) throw new AppError('forbidden', '您还没有分配网格，请联系管理员')
  if (!tree.get(wanted)) throw new AppError('not-found', '没有找到这个网格')
  if (!mine.some((id) => tree.covers(id, wanted))) throw new AppError('forbidden', '该网格不在您的督查范围内')
  return wanted
}

/** Overdue, red-carded or flagged open cases under a grid of the caller's district: one index read. */
export async function listSupervision(
  ctx: HandlerContext,
  input: ActionParsedInput<'supervision.list'>,
): Promise<ActionOutput<'supervision.list'>> {
  const { tree } = await ctx.stores.grids.index()
  const gridId = overseenGrid(ctx, tree, input.gridId)
  const { items, total, hasMore } = await ctx.stores.cases.listForSupervision(
    { gridId, filter: input.filter, now: ctx.now.toISOString() },
    input.page,
    input.pageSize,
  )
  return {
    grid: gridRef(tree, gridId),
    filter: input.filter,
    items: items.map((record) => toCaseView(record, ctx.actor, tree, ctx.runtime.settings.categories)),
    total,
    hasMore,
    page: input.page,
    pageSize: input.pageSize,
  }
}

export function noteView(tree: GridTree, record: SupervisionNoteRecord) {
  return {
    id: record._id,
    gridId: record.gridId,
    grid: gridRef(tree, record.gridId),
    kind: record.kind,
    kindLabel: supervisionNoteKindLabels[record.kind],
    note: record.note,
    caseId: record.caseId,
    byNickname: record.byNickname,
    at: record.at,
  }
}

/** An accountability note on a grid's record (and a case of it, when named). */
export async function addSupervisionNote(
  ctx: HandlerContext,
  input: ActionParsedInput<'supervision.note'>,
): Promise<ActionOutput<'supervision.note'>> {
  const { tree } = await ctx.stores.grids.index()
  const gridId = overseenGrid(ctx, tree, input.gridId)
  const districtId = tree.ancestorAt(gridId, 'district')?._id
  if (!districtId) throw new AppError('invalid-input', '该网格不属于任何区')
  if (input.caseId) {
    const record = await ctx.stores.cases.get(input.caseId)
    if (!record || !record.gridPath.includes(gridId))
      throw new AppError('not-found', '该网格下没有找到这个问题')
  }
  const { note, replayed } = await supervisionStoreFor(ctx.runtime).addNoteOnce({
    _id: `${ctx.actor.openid}:${input.requestId}`,
    districtId,
    gridId,
    kind: input.kind,
    note: input.note,
    caseId: input.caseId ?? null,
    by: ctx.actor.openid,
    byNickname: ctx.user.nickname,
    at: ctx.now.toISOString(),
  })
  return { note: noteView(tree, note), replayed }
}

/** A day's bulletins (yesterday's by default) of one street, or of every street the caller may read. */
export async function readBulletins(
  ctx: HandlerContext,
  input: ActionParsedInput<'supervision.bulletin'>,
): Promise<ActionOutput<'supervision.bulletin'>> {
  const { tree } = await ctx.stores.grids.index()
  const streets = bulletinStreets(ctx.actor.role, ctx.actor.gridIds, tree)
  if (streets.length === 0)
    throw new AppError('forbidden', '只有督查室、区级部门和街道负责人可以查看日督查通报')
  const wanted = input.streetId ? streets.filter((street) => street._id === input.streetId) : streets
  if (input.streetId && wanted.length === 0) {
    if (tree.get(input.streetId)?.level !== 'street') throw new AppError('not-found', '没有找到这个街道')
    throw new AppError('forbidden', '该街道不在您的查看范围内')
  }
  const day = input.day ?? previousPeriod(periodKeyOf('day', ctx.now))
  const records = await supervisionStoreFor(ctx.runtime).bulletins(
    wanted.slice(0, 1000).map((street) => bulletinId(street._id, day)),
  )
  return {
    day,
    bulletins: records
      .sort((a, b) => (a.streetId < b.streetId ? -1 : 1))
      .map((record) => bulletinView(tree, record)),
  }
}

function bulletinView(tree: GridTree, record: BulletinRecord) {
  const { _id: _id, districtId: _district, ...bulletin } = record
  return {
    ...bulletin,
    street: gridRef(tree, record.streetId),
    notes: record.notes.map((note) => noteView(tree, note)),
  }
}
