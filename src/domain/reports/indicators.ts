import { caseSources, type FigureKey } from './case-figures'
import { categoryKey, sourceKey } from './contributions'

/**
 * The figures `stats.cases` drills into, each with the marks its cases hold: an indicator of the overview
 * names the contribution it counts (`timeToClose` counts the cases closed in the period, with their times).
 */
export const statsIndicators = [
  'received',
  'accepted',
  'due',
  'closed',
  'closedOnTime',
  'reworked',
  'overdue',
  'missedByPatrol',
  'bySource',
  'byCategory',
  'timeToClaim',
  'timeToRectify',
  'timeToClose',
  'satisfaction',
  'satisfied',
  'escalations',
  'signOffs',
  'yellowCards',
  'redCards',
] as const
export type StatsIndicator = (typeof statsIndicators)[number]

export const statsIndicatorLabels: Record<StatsIndicator, string> = {
  received: '受理',
  accepted: '立案',
  due: '应结案',
  closed: '结案',
  closedOnTime: '按期结案',
  reworked: '返工',
  overdue: '超期',
  missedByPatrol: '漏报（非网格巡查发现）',
  bySource: '按来源受理',
  byCategory: '按类别受理',
  timeToClaim: '认领（认领用时）',
  timeToRectify: '整改（整改用时）',
  timeToClose: '办结（办结用时）',
  satisfaction: '市民评价',
  satisfied: '满意',
  escalations: '上报上级',
  signOffs: '会签报市',
  yellowCards: '黄牌',
  redCards: '红牌',
}

const keyOf: Record<Exclude<StatsIndicator, 'bySource' | 'byCategory'>, FigureKey> = {
  received: 'received',
  accepted: 'accepted',
  due: 'due',
  closed: 'closed',
  closedOnTime: 'closedOnTime',
  reworked: 'reworked',
  overdue: 'overdue',
  missedByPatrol: 'missedByPatrol',
  timeToClaim: 'claimed',
  timeToRectify: 'rectified',
  timeToClose: 'finished',
  satisfaction: 'rated',
  satisfied: 'satisfied',
  escalations: 'escalated',
  signOffs: 'signedOff',
  yellowCards: 'yellowCard',
  redCards: 'redCard',
}

/** The contribution a figure counts; `value` is the source or category of the by-source and by-category ones. */
export function contributionKeyOf(indicator: StatsIndicator, value?: string): string {
  if (indicator === 'bySource') return sourceKey(value ?? '')
  if (indicator === 'byCategory') return categoryKey(value ?? '')
  return keyOf[indicator]
}

export const isCaseSource = (value: string | undefined) =>
  (caseSources as readonly string[]).includes(value ?? '')
