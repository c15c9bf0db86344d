import type { ActionOutput, ActionParsedInput } from '../../../src/domain/contract'
import { findCategory } from '../../../src/domain/case/categories'
import { caseStatusLabels, openStatuses, type CaseStatus } from '../../../src/domain/case/status'
import type { GridNode, GridTree } from '../../../src/domain/grid/tree'
import { binningOf } from '../../../src/domain/desk/bins'
import { mapIndicatorSpecs, maxMapMarkers, type MarkerFilter } from '../../../src/domain/desk/indicators'
import { figuresOf } from '../../../src/domain/reports/overview'
import { statsDocId, statsHomeOf, statsLevels } from '../../../src/domain/reports/rollup'
import { periodLabel } from '../../../src/domain/shared/time'
import { gridRef } from '../cases/views'
import { scopedNode } from '../reports/handlers'
import { statsStoreFor } from '../reports/store'
import type { HandlerContext } from '../runtime/context'

const markerStatuses: Record<Exclude<MarkerFilter, 'overdue'>, readonly CaseStatus[]> = {
  open: openStatuses,
  unclaimed: ['pending'],
  claimed: ['claimed'],
  rectified: ['rectified'],
}

/**
 * Open cases read when a category narrows the markers: no index of the case collection leads with the
 * grid and the category, so the grid's open cases are read (lean, one request) and sorted out here.
 */
const categoryScanLimit = 1000

/** The grids a node's map shows: its children at a stats level, or the node itself when it has none. */
function areasOf(tree: GridTree, node: GridNode): GridNode[] {
  const children = tree.children(node._id).filter((child) => statsLevels.includes(child.level))
  return children.length > 0 ? children : [node]
}

/**
 * 挂图作战: a node's child grids coloured by one indicator of a period, read from the stats projection
 * (one request for every child's sheet, whichever documents they live in), and the node's open cases as
 * markers (one index read). With the caller, three requests.
 */
export async function deskMap(
  ctx: HandlerContext,
  input: ActionParsedInput<'desk.map'>,
): Promise<ActionOutput<'desk.map'>> {
  const { tree } = await ctx.stores.grids.index()
  const node = scopedNode(ctx, tree, input.gridId)
  const spec = mapIndicatorSpecs[input.indicator]
  const catalog = ctx.runtime.settings.categories
  const categoryIds = catalog.categories.map((category) => category.id)
  const shown = areasOf(tree, node)
  const now = ctx.now.toISOString()

  const [sheets, rows] = await Promise.all([
    statsStoreFor(ctx.runtime).sheetsOf(
      shown.map((area) => ({
        docId: statsDocId(statsHomeOf(tree, area._id)!, input.period),
        nodeId: area._id,
      })),
    ),
    input.status === 'overdue'
      ? ctx.stores.cases.mapMarkers(
          node._id,
          openStatuses,
          input.category ? categoryScanLimit : maxMapMarkers + 1,
          now,
        )
      : ctx.stores.cases.mapMarkers(
          node._id,
          markerStatuses[input.status],
          input.category ? categoryScanLimit : maxMapMarkers + 1,
        ),
  ])

  const values = shown.map((area) => spec.value(figuresOf(sheets.get(area._id), categoryIds)))
  const binning = binningOf(values, spec.unit, spec.higherIsWorse)
  const matching = input.category ? rows.filter((row) => row.categoryId === input.category) : rows
  const parent = node.parentId === null ? undefined : tree.get(node.parentId)
  const parentVisible =
    parent !== undefined &&
    statsLevels.includes(parent.level) &&
    ctx.actor.gridIds.some((id) => tree.covers(id, parent._id))

  return {
    grid: gridRef(tree, node._id),
    polygon: node.polygon ?? null,
    parent: parentVisible ? gridRef(tree, parent._id) : null,
    period: input.period,
    periodLabel: periodLabel(input.period),
    indicator: input.indicator,
    indicatorLabel: spec.label,
    unit: spec.unit,
    higherIsWorse: spec.higherIsWorse,
    areas: shown.map((area, index) => {
      const value = values[index] ?? null
      return {
        grid: gridRef(tree, area._id),
        polygon: area.polygon ?? null,
        value,
        bin: binning.binOf(value),
        colour: binning.colourOf(value),
        drillable:
          area._id !== node._id && tree.children(area._id).some((c) => statsLevels.includes(c.level)),
      }
    }),
    legend: binning.legend,
    markers: matching.slice(0, maxMapMarkers).map((row) => ({
      id: row._id,
      caseNo: row.caseNo,
      status: row.status,
      statusLabel: caseStatusLabels[row.status],
      categoryId: row.categoryId,
      categoryName: findCategory(row.categoryId, catalog)?.name ?? row.categoryId,
      location: { lng: row.location.lng, lat: row.location.lat },
      overdue: row.deadlineAt !== null && row.deadlineAt !== undefined && row.deadlineAt < now,
      createdAt: row.createdAt,
    })),
    // With a category, a full scan may have left matching cases unread.
    truncated:
      matching.length > maxMapMarkers || (input.category !== undefined && rows.length >= categoryScanLimit),
    categories: catalog.categories.map((category) => ({ id: category.id, name: category.name })),
  }
}
