import { createHash } from 'node:crypto'
import type { ActionOutput, ActionParsedInput } from '../../../src/domain/contract'
import { findCategory } from '../../../src/domain/case/categories'
import { exportStatusLabels, type ExportView } from '../../../src/domain/exports/contract'
import { exportFileNameOf, exportFilterLabel, exportSelectionOf } from '../../../src/domain/exports/selection'
import type { GridTree } from '../../../src/domain/grid/tree'
import { isStaff } from '../../../src/domain/people/roles'
import { AppError } from '../../../src/domain/shared/errors'
import { gridRef } from '../cases/views'
import type { HandlerContext } from '../runtime/context'
import type { Runtime } from '../runtime/runtime'
import { writeWhole } from './service'
import { exportStoreFor, type ExportRecord } from './store'

/** How long a download link lasts: long enough to tap it, short enough that a forwarded one goes stale. */
export const exportUrlMaxAgeSeconds = 10 * 60
/** How many of a person's exports the list shows. */
const recentExports = 10

/** The grid an export covers: one of the caller's grids or one below them; their first when none is named. */
function exportGrid(ctx: HandlerContext, tree: GridTree, gridId: string | undefined): string {
  if (!isStaff(ctx.actor.role)) throw new AppError('forbidden', '只有网格工作人员可以导出案件清单')
  const mine = ctx.actor.gridIds.filter((id) => tree.get(id))
  if (mine.length === 0) throw new AppError('forbidden', '您还没有分配网格，请联系管理员')
  const wanted = gridId ?? mine[0]!
  if (!tree.get(wanted)) throw new AppError('not-found', '没有找到这个网格')
  if (!mine.some((id) => tree.covers(id, wanted))) throw new AppError('forbidden', '该网格不在您的负责范围内')
  return wanted
}

/** An export's id: its owner and request, hashed (no openid in a path or a link). */
function exportIdOf(openid: string, requestId: string): string {
  return createHash('sha256').update(`${openid}:${requestId}`).digest('hex').slice(0, 32)
}

/** An export as its owner sees it, with a fresh download link once done. */
async function viewOf(
  runtime: Runtime,
  tree: GridTree,
  record: ExportRecord,
  now: Date,
): Promise<ExportView> {
  return (await viewsOf(runtime, tree, [record], now))[0]!
}

/** Several exports as their owner sees them, their download links from one storage call. */
async function viewsOf(
  runtime: Runtime,
  tree: GridTree,
  records: readonly ExportRecord[],
  now: Date,
): Promise<ExportView[]> {
  const fileIDs = records.flatMap((record) => (record.fileID ? [record.fileID] : []))
  const urls =
    fileIDs.length > 0
      ? await runtime.files.temporaryUrls(fileIDs, exportUrlMaxAgeSeconds)
      : new Map<string, string>()
  return records.map((record) => viewWith(runtime, tree, record, now, urls))
}

function viewWith(
  runtime: Runtime,
  tree: GridTree,
  record: ExportRecord,
  now: Date,
  urls: ReadonlyMap<string, string>,
): ExportView {
  const url = record.fileID ? (urls.get(record.fileID) ?? null) : null
  const category = record.filters.categoryId
    ? findCategory(record.filters.categoryId, runtime.settings.categories)
    : undefined
  return {
    id: record._id,
    format: record.format,
    grid: gridRef(tree, record.gridId),
    filters: record.filters,
    filterLabel: exportFilterLabel(record.filters, category?.name),
    status: record.status,
    statusLabel: exportStatusLabels[record.status],
    progress: { done: record.done, total: record.total },
    rows: record.rows,
    fileName: record.fileName,
    fileID: record.fileID,
    url,
    expiresAt: url ? new Date(now.getTime() + exportUrlMaxAgeSeconds * 1000).toISOString() : null,
    message: record.message,
    createdAt: record.createdAt,
    finishedAt: record.finishedAt,
  }
}

/**
 * Starts an export of the cases under a grid of the caller's scope. Counted first, by the index the pages
 * use: over the configured limit it is refused; small enough, it is written now; otherwise it is saved
 * running, for the jobs function to continue a page at a time.
 */
export async function startExport(
  ctx: HandlerContext,
  input: ActionParsedInput<'export.start'>,
): Promise<ActionOutput<'export.start'>> {
  const { tree } = await ctx.stores.grids.index()
  const gridId = exportGrid(ctx, tree, input.filters.gridId)
  const store = exportStoreFor(ctx.runtime)
  const id = exportIdOf(ctx.actor.openid, input.requestId)
  const first = await store.get(id)
  if (first) return { export: await viewOf(ctx.runtime, tree, first, ctx.now), replayed: true }

  const filters = { ...input.filters, gridId }
  const selection = exportSelectionOf(filters, gridId, ctx.now)
  const { maxCases, inlineCases, pageCases } = ctx.runtime.settings.policy.exports
  const total = await ctx.stores.cases.countForExport(selection)
  if (total > maxCases)
    throw new AppError(
      'invalid-input',
      `一次最多导出${maxCases}条案件（本次${total}条），请缩小时间范围或按下级网格分别导出`,
      { details: { total, maxCases } },
    )
  const now = ctx.now.toISOString()
  const record: ExportRecord = {
    _id: id,
    owner: ctx.actor.openid,
    viewer: { openid: ctx.actor.openid, role: ctx.actor.role, gridIds: [...ctx.actor.gridIds] },
    format: input.format,
    filters,
    gridId,
    selection,
    status: 'running',
    total,
    done: 0,
    rows: 0,
    step: 0,
    cursor: null,
    parts: [],
    fileName: exportFileNameOf(tree.get(gridId)?.name ?? gridId, filters, input.format, ctx.now),
    fileID: null,
    message: null,
    createdAt: now,
    updatedAt: now,
    finishedAt: null,
  }
  const saved = await store.insertOnce(
    total <= inlineCases ? await writeWhole(ctx.runtime, tree, record, pageCases) : record,
  )
  return { export: await viewOf(ctx.runtime, tree, saved.record, ctx.now), replayed: saved.replayed }
}

/** One of the caller's own exports; anyone else's is not found. */
export async function getExport(
  ctx: HandlerContext,
  input: ActionParsedInput<'export.get'>,
): Promise<ActionOutput<'export.get'>> {
  const record = await exportStoreFor(ctx.runtime).get(input.id)
  if (!record || record.owner !== ctx.actor.openid) throw new AppError('not-found', '没有找到这次导出')
  const { tree } = await ctx.stores.grids.index()
  return viewOf(ctx.runtime, tree, record, ctx.now)
}

/** The caller's latest exports, newest first; download links only for the finished ones. */
export async function listExports(ctx: HandlerContext): Promise<ActionOutput<'export.list'>> {
  const records = await exportStoreFor(ctx.runtime).recent(ctx.actor.openid, recentExports)
  const { tree } = await ctx.stores.grids.index()
  return { items: await viewsOf(ctx.runtime, tree, records, ctx.now) }
}
