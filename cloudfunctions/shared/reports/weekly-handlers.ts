import { createHash } from 'node:crypto'
import type { ActionOutput, ActionParsedInput, WeeklyReportView } from '../../../src/domain/contract'
import type { GridNode, GridTree } from '../../../src/domain/grid/tree'
import { isStaff } from '../../../src/domain/people/roles'
import { lateReports, submitDeadline } from '../../../src/domain/reports/weekly'
import { AppError } from '../../../src/domain/shared/errors'
import { isPeriodKey, periodLabel, previousPeriodKey } from '../../../src/domain/shared/time'
import { LostRace, retry } from '../db/retry'
import type { HandlerContext } from '../runtime/context'
import { weeklyWorkbook } from './weekly-export'
import { mergedVersionsOf, weeklyViewOf } from './weekly-views'
import { weeklyIdOf, weeklyStoreFor, type WeeklyRecord } from './weekly-store'

/** The levels weekly reports are kept at: a 社区's, the 街道's merge, the 区 seeing both. */
const reportLevels: ReadonlyArray<GridNode['level']> = ['community', 'street', 'district']

/**
 * The node whose reports the caller asks for, within their scope: a community's staff see their
 * community's, a street's its own and its communities', a district office or the supervisor its district's.
 * Staff of a 三级网格 only, residents and volunteers see none. Without a grid, the caller's first.
 */
function scopedNode(ctx: HandlerContext, tree: GridTree, gridId: string | undefined): GridNode {
  if (!isStaff(ctx.actor.role)) throw new AppError('forbidden', '周报仅供社区、街道和区级工作人员查看')
  const mine = ctx.actor.gridIds.filter((id) => reportLevels.includes(tree.get(id)?.level ?? 'block'))
  const wanted = gridId ?? mine[0]
  if (!wanted) throw new AppError('forbidden', '周报由社区填报，您负责的网格没有周报')
  const node = tree.get(wanted)
  if (!node) throw new AppError('not-found', '没有找到这个网格')
  if (!reportLevels.includes(node.level)) throw new AppError('invalid-input', '只能查看社区、街道或区的周报')
  if (!mine.some((id) => tree.covers(id, node._id)))
    throw new AppError('forbidden', '该网格不在您的负责范围内')
  return node
}

/** A report id's grid and week (`<grid>:<week>`); undefined for anything else. */
function parseReportId(id: string): { gridId: string; week: string } | undefined {
  const at = id.lastIndexOf(':')
  const [gridId, week] = [id.slice(0, at), id.slice(at + 1)]
  return at > 0 && isPeriodKey('report-week', week) ? { gridId, week } : undefined
}

const notDrafted = () => new AppError('not-found', '该周报尚未生成')

/** The live reports of a node's week: one index read for a street or a district, one by id for a community. */
async function recordsOf(ctx: HandlerContext, tree: GridTree, node: GridNode, week: string) {
  const store = weeklyStoreFor(ctx.runtime)
  if (node.level === 'district') return store.ofWeek({ districtId: node._id }, week)
  if (node.level === 'street') return store.ofWeek({ streetId: node._id }, week)
  const street = tree.ancestorAt(node._id, 'street')
  const records = await store.byIds([
    weeklyIdOf(node._id, week),
    ...(street ? [weeklyIdOf(street._id, week)] : []),
  ])
  // A community's staff see their own report; the street's is read for whether it merged it.
  return records
}

function viewsOf(ctx: HandlerContext, tree: GridTree, records: readonly WeeklyRecord[], node: GridNode) {
  const merged = mergedVersionsOf(records)
  const catalog = ctx.runtime.settings.categories
  return records
    .filter((record) => node.level !== 'community' || record.gridId === node._id)
    .sort((a, b) =>
      a.streetId === b.streetId
        ? (a.kind === 'street' ? 0 : 1) - (b.kind === 'street' ? 0 : 1) || a.gridId.localeCompare(b.gridId)
        : a.streetId.localeCompare(b.streetId),
    )
    .map((record) =>
      weeklyViewOf(record, { tree, catalog, now: ctx.now, mergedVersion: merged.get(record.gridId) }),
    )
}

/** A week's reports in the caller's scope (the last ended report week unless one is chosen), with the late ones. */
export async function listWeekly(
  ctx: HandlerContext,
  input: ActionParsedInput<'report.weekly.list'>,
): Promise<ActionOutput<'report.weekly.list'>> {
  const { tree } = await ctx.stores.grids.index()
  const node = scopedNode(ctx, tree, input.gridId)
  const week = input.week ?? previousPeriodKey('report-week', ctx.now)
  const items = viewsOf(ctx, tree, await recordsOf(ctx, tree, node, week), node)
  const deadline =
    items[0]?.deadline ??
    submitDeadline(week, ctx.runtime.settings.policy.weeklyReport.submitByHour).toISOString()
  const communities = items.filter((item) => item.kind === 'community')
  return {
    week,
    weekLabel: periodLabel(week),
    deadline,
    items,
    late: lateReports(communities, new Date(deadline), ctx.now).map((item) => ({
      id: item.id,
      grid: item.grid,
      submittedAt: item.submittedAt,
    })),
  }
}

/** One report, with its figures, its text and its history, within the caller's scope. */
export async function getWeekly(
  ctx: HandlerContext,
  input: ActionParsedInput<'report.weekly.get'>,
): Promise<ActionOutput<'report.weekly.get'>> {
  const { tree } = await ctx.stores.grids.index()
  const parsed = parseReportId(input.id)
  if (!parsed || !tree.get(parsed.gridId)) throw notDrafted()
  const node = scopedNode(ctx, tree, parsed.gridId)
  if (node.level === 'district') throw notDrafted()
  const records = await recordsOf(ctx, tree, node, parsed.week)
  const found = records.find((record) => record._id === input.id)
  if (!found) throw notDrafted()
  const merged = mergedVersionsOf(records)
  return {
    report: weeklyViewOf(found, {
      tree,
      catalog: ctx.runtime.settings.categories,
      now: ctx.now,
      mergedVersion: merged.get(found.gridId),
    }),
  }
}

const historyEntryOf = (record: WeeklyRecord) => ({
  version: record.version,
  submittedAt: record.submittedAt!,
  submittedBy: record.submittedByName ?? '',
})

/**
 * The community leader's section 6. Submitting again replaces the text and keeps the version it replaced
 * as history (`<id>:v<n>` and the report's `history`); the same text again changes nothing. Late
 * submissions are taken, and listed as late.
 */
export async function submitWeekly(
  ctx: HandlerContext,
  input: ActionParsedInput<'report.weekly.submit'>,
): Promise<ActionOutput<'report.weekly.submit'>> {
  const { tree } = await ctx.stores.grids.index()
  const parsed = parseReportId(input.id)
  const node = parsed ? tree.get(parsed.gridId) : undefined
  if (!parsed || !node) throw notDrafted()
  if (node.level !== 'community') throw new AppError('invalid-input', '只有社区周报需要填报，街道请使用汇总')
  if (ctx.actor.role !== 'grid_leader' || !ctx.actor.gridIds.includes(node._id))
    throw new AppError('forbidden', '只有本社区的网格长可以填报周报')
  const store = weeklyStoreFor(ctx.runtime)
  const text = { problems: input.problems, suggestions: input.suggestions, nextWeek: input.nextWeek }
  const saved = await retry(async () => {
    const before = await store.get(input.id)
    if (!before || before.status === 'superseded' || before.kind !== 'community') throw notDrafted()
    if (before.text && JSON.stringify(before.text) === JSON.stringify(text)) return before
    const after: WeeklyRecord = {
      ...before,
      status: 'submitted',
      version: before.version + 1,
      text,
      submittedAt: ctx.now.toISOString(),
      submittedBy: ctx.actor.openid,
      submittedByName: ctx.user.nickname,
      history: before.version > 0 ? [...before.history, historyEntryOf(before)] : [],
    }
    if (!(await store.replace(before, after))) throw new LostRace()
    return after
  })
  return { report: view(ctx, tree, saved, undefined) }
}

/**
 * The street merges its communities' submitted reports (their latest versions) into its own report of the
 * week and adds its text; a community that has submitted nothing is listed as missing. Merging again
 * takes the communities' latest versions and keeps the merge it replaced as history.
 */
export async function mergeWeekly(
  ctx: HandlerContext,
  input: ActionParsedInput<'report.weekly.merge'>,
): Promise<ActionOutput<'report.weekly.merge'>> {
  const { tree } = await ctx.stores.grids.index()
  const node = tree.get(input.streetId)
  if (!node) throw new AppError('not-found', '没有找到这个街道')
  if (node.level !== 'street') throw new AppError('invalid-input', '请选择街道')
  if (ctx.actor.role !== 'grid_leader' || !ctx.actor.gridIds.includes(node._id))
    throw new AppError('forbidden', '只有本街道的网格长可以汇总周报')
  const store = weeklyStoreFor(ctx.runtime)
  const saved = await retry(async () => {
    const records = await store.ofWeek({ streetId: node._id }, input.week)
    const before = records.find((record) => record.kind === 'street')
    if (!before) throw notDrafted()
    const communities = records.filter((record) => record.kind === 'community')
    const submitted = communities.filter((record) => record.submittedAt !== null && record.text)
    if (submitted.length === 0) throw new AppError('illegal-transition', '还没有社区提交本周周报，暂不能汇总')
    const after: WeeklyRecord = {
      ...before,
      status: 'merged',
      version: before.version + 1,
      mergeText: input.text,
      merged: submitted.map((record) => ({
        communityId: record.gridId,
        name: tree.get(record.gridId)?.name ?? record.gridId,
        version: record.version,
        submittedAt: record.submittedAt!,
        submittedBy: record.submittedByName ?? '',
        text: record.text!,
      })),
      missing: communities.filter((record) => record.submittedAt === null).map((record) => record.gridId),
      submittedAt: ctx.now.toISOString(),
      submittedBy: ctx.actor.openid,
      submittedByName: ctx.user.nickname,
      history: before.version > 0 ? [...before.history, historyEntryOf(before)] : [],
    }
    if (!(await store.replace(before, after))) throw new LostRace()
    return after
  })
  return { report: view(ctx, tree, saved, undefined) }
}

function view(
  ctx: HandlerContext,
  tree: GridTree,
  record: WeeklyRecord,
  mergedVersion: number | undefined,
): WeeklyReportView {
  return weeklyViewOf(record, { tree, catalog: ctx.runtime.settings.categories, now: ctx.now, mergedVersion })
}

/** How long the download link lasts: long enough to tap it, short enough that a forwarded one goes stale. */
export const exportUrlMaxAgeSeconds = 10 * 60

/**
 * A week's reports in the caller's scope as an Excel workbook (a summary sheet, one sheet per community),
 * stored under `exports/`, which no client reads by fileID: the answer's temporary URL, handed to the
 * caller only, is the one way to download it.
 */
export async function exportWeekly(
  ctx: HandlerContext,
  input: ActionParsedInput<'report.weekly.export'>,
): Promise<ActionOutput<'report.weekly.export'>> {
  const { tree } = await ctx.stores.grids.index()
  const node = scopedNode(ctx, tree, input.gridId)
  const items = viewsOf(ctx, tree, await recordsOf(ctx, tree, node, input.week), node)
  if (items.length === 0) throw notDrafted()
  const communities = items.filter((item) => item.kind === 'community').length
  const { maxExportCommunities } = ctx.runtime.settings.policy.weeklyReport
  if (communities > maxExportCommunities)
    throw new AppError(
      'invalid-input',
      `一次最多导出${maxExportCommunities}个社区的周报（本次${communities}个），请按街道分别导出`,
    )
  const content = await weeklyWorkbook(node.name, input.week, items)
  const fileName = `${node.name}${periodLabel(input.week)}.xlsx`
  const fileID = await ctx.runtime.files.upload(
    exportPathOf(ctx.actor.openid, `weekly-${input.week}-${node._id}-${ctx.now.getTime()}.xlsx`),
    content,
  )
  const url = (await ctx.runtime.files.temporaryUrls([fileID], exportUrlMaxAgeSeconds)).get(fileID)
  if (!url) throw new Error(`storage gave no URL for the export ${fileID}`)
  return {
    fileID,
    url,
    fileName,
    expiresAt: new Date(ctx.now.getTime() + exportUrlMaxAgeSeconds * 1000).toISOString(),
  }
}

/** Where a caller's exports go: a folder named by a hash of their openid, under the functions' own `exports/`. */
export function exportPathOf(openid: string, name: string): string {
  return `exports/${createHash('sha256').update(openid).digest('hex').slice(0, 32)}/${name}`
}
