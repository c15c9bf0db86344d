import type { GridTree } from '../grid/tree'
import type { NodeFigures } from '../reports/overview'
import {
  assessmentLevelLabels,
  assessmentLevels,
  type AssessmentEntry,
  type AssessmentLevel,
} from './contract'
import type { AssessmentRules } from './rules'
import { assessNode, rankLeague } from './scoring'

export interface AssessedLeague {
  level: AssessmentLevel
  levelLabel: string
  entries: AssessmentEntry[]
  top: string[]
  bottom: string[]
}

/** The nodes a district's assessment covers, by league, in grid-code order (which orders equal scores). */
export function assessedNodes(tree: GridTree, districtId: string): Record<AssessmentLevel, string[]> {
  const nodes = tree
    .all()
    .filter((node) => node._id !== districtId && tree.covers(districtId, node._id))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a._id < b._id ? -1 : 1))
  return Object.fromEntries(
    assessmentLevels.map((level) => [
      level,
      nodes.filter((node) => node.level === level).map((node) => node._id),
    ]),
  ) as Record<AssessmentLevel, string[]>
}

/**
 * A district's month in leagues: each street, community and grid scored from its month figures, ranked
 * against its own level, with the 红榜 and 黑榜. Pure: the figures are given, read from the desk's documents.
 */
export function composeLeagues(
  tree: GridTree,
  districtId: string,
  figuresOf: (nodeId: string) => NodeFigures,
  rules: AssessmentRules,
): AssessedLeague[] {
  const byLevel = assessedNodes(tree, districtId)
  return assessmentLevels.map((level) => {
    const league = rankLeague(
      byLevel[level].map((nodeId) => assessNode(nodeId, figuresOf(nodeId), rules)),
      rules.listSize,
    )
    return {
      level,
      levelLabel: assessmentLevelLabels[level],
      entries: league.entries.map((entry) => ({
        nodeId: entry.nodeId,
        name: tree.get(entry.nodeId)?.name ?? entry.nodeId,
        parentName: tree.get(tree.get(entry.nodeId)?.parentId ?? '')?.name ?? '',
        base: entry.base,
        score: entry.score,
        grade: entry.grade,
        rank: entry.rank,
        rates: entry.rates,
        yellow: entry.cards.yellow,
        red: entry.cards.red,
        supervisions: entry.cards.supervisions,
        interviews: entry.cards.interviews,
        deduction: entry.cards.deduction,
        notes: entry.cards.notes,
      })),
      top: league.top,
      bottom: league.bottom,
    }
  })
}
