import type { ActionOutput, ActionParsedInput } from '../../../src/domain/contract'
import { AppError } from '../../../src/domain/shared/errors'
import { findCategory } from '../../../src/domain/case/categories'
import { caseStatusLabels } from '../../../src/domain/case/status'
import type { CaseRecord } from '../../../src/domain/case/record'
import type { GridNode, GridTree } from '../../../src/domain/grid/tree'
import { isStaff } from '../../../src/domain/people/roles'
import { caseSourceLabels } from '../../../src/domain/reports/case-figures'
import { periodMarks } from '../../../src/domain/reports/contributions'
import { contributionKeyOf, statsIndicatorLabels } from '../../../src/domain/reports/indicators'
import {
  categoryBars,
  chartWeeks,
  closeTimeChart,
  rankingBars,
  weekBars,
} from '../../../src/domain/reports/charts'
import { figuresOf } from '../../../src/domain/reports/overview'
import { gridsUnder } from '../../../src/domain/patrol/rollup'
import { statsDocId, statsHomeOf, statsLevels } from '../../../src/domain/reports/rollup'
import { periodEnded, periodKeyOf, periodKindOf, periodLabel } from '../../../src/domain/shared/time'
import type { HandlerContext } from '../runtime/context'
import { gridRef } from '../cases/views'
import { statsStoreFor } from './store'

/**
 * The node whose figures the caller asks for, within their scope: staff see their own grids and every
 * grid below them (a grid member their grid, a leader their subtree, a district office or the supervisor
 * their district); residents and volunteers see no statistics. Without a grid, the caller's first.
 */
export function scopedNode(ctx: HandlerContext, tree: GridTree, gridId: string | undefined): GridNode {
  if (!isStaff(ctx.actor.role)) throw new AppError('forbidden', '统计数据仅供网格工作人员和区级部门查看')
  const mine = ctx.actor.gridIds.filter((id) => statsLevels.includes(tree.get(id)?.level ?? 'city'))
  const wanted = gridId ?? mine[0]
  if (!wanted) throw new AppError('forbidden', '您还没有分配网格，请联系管理员')
  const node = tree.get(wanted)
  if (!node) throw new AppError('not-found', '没有找到这个网格')
  if (!statsLevels.includes(node.level))
    throw new AppError('invalid-input', '只能查看区、街道、社区或网格的统计数据')
  if (!ctx.actor.gridIds.some((id) => tree.covers(id, node._id)))
    throw new AppError('forbidden', '该网格不在您的负责范围内')
  return node
}

/**
 * A node's indicators for one period: one read of its street's (or district's) stats document, which the
 * stats job keeps, and alongside it one of the node's patrol document, which the patrol-coverage job keeps.
 * Nothing is counted over cases or check-ins here.
 */
export async function statsOverview(
  ctx: HandlerContext,
  input: ActionParsedInput<'stats.overview'>,
): Promise<ActionOutput<'stats.overview'>> {
  const { tree } = await ctx.stores.grids.index()
  const node = scopedNode(ctx, tree, input.gridId)
  const home = statsHomeOf(tree, node._id)!
  const [{ sheet, updatedAt }, patrolled] = await Promise.all([
    statsStoreFor(ctx.runtime).sheetOf(statsDocId(home, input.period), node._id),
    ctx.stores.patrols.periodFigures(node._id, input.period),
  ])
  const categoryIds = ctx.runtime.settings.categories.categories.map((category) => category.id)
  return {
    gridId: node._id,
    grid: gridRef(tree, node._id),
    period: input.period,
    periodKind: periodKindOf(input.period)!,
    periodLabel: periodLabel(input.period),
    periodEnded: periodEnded(input.period, ctx.now),
    updatedAt,
    ...figuresOf(sheet, categoryIds),
    patrol: {
      rounds: patrolled?.rounds ?? 0,
      checkIns: patrolled?.checkIns ?? 0,
      daysPatrolled: patrolled?.daysPatrolled ?? 0,
      gridsPatrolled: patrolled?.gridsPatrolled ?? 0,
      gridsInScope: gridsUnder(tree, node._id),
    },
  }
}

/**
 * A node's charts: received and closed in each of its last weeks, and this month's categories, times to
 * close and children ranked by on-time closure. One read by id of the documents holding them (the node's
 * home's weeks and month, and for a district its streets' months), each cut to the node and its children.
 */
export async function statsCharts(
  ctx: HandlerContext,
  input: ActionParsedInput<'stats.charts'>,
): Promise<ActionOutput<'stats.charts'>> {
  const { tree } = await ctx.stores.grids.index()
  const node = scopedNode(ctx, tree, input.gridId)
  const home = statsHomeOf(tree, node._id)!
  const weeks = chartWeeks(ctx.now, input.weeks)
  const month = periodKeyOf('month', ctx.now)
  const children = tree.children(node._id).filter((child) => statsLevels.includes(child.level))
  // A district's streets keep their figures in documents of their own; anything below a street shares its.
  const monthDocOf = (nodeId: string) => statsDocId(statsHomeOf(tree, nodeId)!, month)
  const ids = new Set([...weeks.map((week) => statsDocId(home, week)), monthDocOf(node._id)])
  for (const child of children) ids.add(monthDocOf(child._id))
  const docs = await statsStoreFor(ctx.runtime).nodeSheets(
    [...ids],
    [node._id, ...children.map((child) => child._id)],
  )
  const sheetIn = (docId: string, nodeId: string) => docs.get(docId)?.get(nodeId)
  const monthSheet = sheetIn(monthDocOf(node._id), node._id)
  return {
    gridId: node._id,
    grid: gridRef(tree, node._id),
    weeks: weekBars(weeks, (week) => sheetIn(statsDocId(home, week), node._id), ctx.now),
    month: { period: month, label: periodLabel(month), ended: periodEnded(month, ctx.now) },
    categories: categoryBars(monthSheet, ctx.runtime.settings.categories.categories),
    closeTime: closeTimeChart(monthSheet?.h?.finished),
    ranking: rankingBars(
      children.map((child) => ({
        grid: gridRef(tree, child._id),
        sheet: sheetIn(monthDocOf(child._id), child._id),
      })),
    ),
  }
}

/**
 * The cases behind one figure of a node and period, newest report first: those holding one of the
 * figure's marks for the period's days (one index read), as the projection counted them.
 */
export async function statsCases(
  ctx: HandlerContext,
  input: ActionParsedInput<'stats.cases'>,
): Promise<ActionOutput<'stats.cases'>> {
  const { tree } = await ctx.stores.grids.index()
  const node = scopedNode(ctx, tree, input.gridId)
  const marks = periodMarks(node._id, contributionKeyOf(input.indicator, input.value), input.period)
  const { items, total, hasMore } = await ctx.stores.cases.listByMarks(marks, input.page, input.pageSize)
  return {
    grid: gridRef(tree, node._id),
    period: input.period,
    indicator: input.indicator,
    indicatorLabel: statsIndicatorLabels[input.indicator],
    items: items.map((record) => itemOf(ctx, tree, record)),
    total,
    hasMore,
    page: input.page,
    pageSize: input.pageSize,
  }
}

function itemOf(ctx: HandlerContext, tree: GridTree, record: CaseRecord) {
  const figures = record.figures
  const source = figures?.source ?? 'resident'
  return {
    id: record._id,
    caseNo: record.caseNo,
    status: record.status,
    statusLabel: caseStatusLabels[record.status],
    categoryId: record.categoryId,
    categoryName: findCategory(record.categoryId, ctx.runtime.settings.categories)?.name ?? record.categoryId,
    source,
    sourceLabel: caseSourceLabels[source],
    grid: gridRef(tree, figures?.gridId ?? record.originGridId),
    createdAt: record.createdAt,
    dueAt: figures?.dueAt ?? null,
    closedAt: figures?.closedAt ?? null,
  }
}
