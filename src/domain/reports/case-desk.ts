import type { GridTree } from '../grid/tree'
import { stepFigures, type CaseFigures, type FigureEvent } from './case-figures'
import { contributionsOf, marksOf } from './contributions'
import { trackedNodes } from './rollup'

/** What a case document carries for the desk: its figures, and the marks its lists are found by. */
export interface CaseDeskFields {
  figures: CaseFigures
  figureMarks: string[]
}

export function deskFieldsOf(figures: CaseFigures, categoryId: string, tree: GridTree): CaseDeskFields {
  const nodes = new Map<string, string[]>()
  const nodesOf = (gridId: string) => {
    if (!nodes.has(gridId)) nodes.set(gridId, trackedNodes(tree, gridId))
    return nodes.get(gridId)!
  }
  return { figures, figureMarks: marksOf(contributionsOf(figures, categoryId), nodesOf) }
}

/**
 * The desk fields an act changes on a case, for the act's own write (nothing when its figures stay as
 * they were, or the case predates them).
 */
export function deskPatch(
  record: { figures?: CaseFigures; categoryId: string },
  event: FigureEvent,
  tree: GridTree,
): Partial<CaseDeskFields> {
  if (!record.figures) return {}
  const figures = stepFigures(record.figures, event)
  if (!figures || JSON.stringify(figures) === JSON.stringify(record.figures)) return {}
  return deskFieldsOf(figures, record.categoryId, tree)
}
