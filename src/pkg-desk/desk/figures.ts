import type { ActionOutput } from '@/domain/contract'
import type { StatsIndicator } from '@/domain/reports/indicators'
import { caseSourceLabels, caseSources } from '@/domain/reports/case-figures'
import { periodKeyOf, previousPeriod, type CalendarPeriod } from '@/domain/shared/time'

type StatsOverview = ActionOutput<'stats.overview'>

/** `0.825` as `82.5%`; a rate of nothing as a dash (a rate of nothing is not 0%). */
export const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`)

/** Hours as the desk reads them: minutes under an hour, days from two days on. */
export function hoursText(hours: number | null): string {
  if (hours === null) return '—'
  if (hours < 1) return `${Math.round(hours * 60)}分钟`
  if (hours < 48) return `${Math.round(hours * 10) / 10}小时`
  return `${Math.round((hours / 24) * 10) / 10}天`
}

/** The period kinds the overview offers (the report week has its own pages). */
export const overviewKinds: ReadonlyArray<{ kind: CalendarPeriod; label: string }> = [
  { kind: 'day', label: '日' },
  { kind: 'week', label: '周' },
  { kind: 'month', label: '月' },
  { kind: 'quarter', label: '季' },
  { kind: 'year', label: '年' },
]

/** This period of a kind, or the one before it. */
export function overviewPeriod(kind: CalendarPeriod, previous: boolean, now: Date): string {
  const current = periodKeyOf(kind, now)
  return previous ? previousPeriod(current) : current
}

/** One tappable figure: what it shows, and the cases `stats.cases` lists behind it. */
export interface Figure {
  hook: string
  label: string
  value: string
  /** The cases behind the figure; none for the patrol figures, which count check-ins, not cases. */
  indicator?: StatsIndicator
  value2?: string
  /** The source or category of a by-source or by-category figure. */
  of?: string
  alert?: boolean
}

export interface FigureGroup {
  title: string
  figures: Figure[]
}

const count = (indicator: StatsIndicator, label: string, n: number, alert = false): Figure => ({
  hook: indicator,
  label,
  value: String(n),
  indicator,
  alert: alert && n > 0,
})
const share = (hook: string, label: string, value: number | null, indicator: StatsIndicator): Figure => ({
  hook,
  label,
  value: percent(value),
  indicator,
})
const duration = (hook: StatsIndicator, label: string, d: StatsOverview['timeToClose']): Figure => ({
  hook,
  label,
  value: hoursText(d.avgHours),
  value2: `${d.count} 件 · 九成在 ${hoursText(d.p90Hours)} 内`,
  indicator: hook,
})

/**
 * Every indicator of an overview, grouped as the desk reads them; each rate drills into its numerator's
 * cases (结案率 into the closed ones), each duration into the cases that reached the step.
 */
export function figureGroups(o: StatsOverview, categoryName: (id: string) => string): FigureGroup[] {
  return [
    {
      title: '受理与办结',
      figures: [
        count('received', '受理', o.received),
        count('accepted', '立案', o.accepted),
        count('due', '应结案', o.due),
        count('closed', '结案', o.closed),
        count('closedOnTime', '按期结案', o.closedOnTime),
        count('reworked', '返工', o.reworked, true),
        count('overdue', '超期', o.overdue, true),
        count('missedByPatrol', '漏报', o.missedByPatrol, true),
      ],
    },
    {
      title: '网格巡查',
      figures: [
        {
          hook: 'gridsPatrolled',
          label: '巡查网格',
          value: `${o.patrol.gridsPatrolled}/${o.patrol.gridsInScope}`,
          alert: o.patrol.gridsInScope > 0 && o.patrol.gridsPatrolled < o.patrol.gridsInScope,
        },
        { hook: 'patrolRounds', label: '巡查轮次', value: String(o.patrol.rounds) },
        { hook: 'patrolCheckIns', label: '巡查打卡', value: String(o.patrol.checkIns) },
        { hook: 'daysPatrolled', label: '有巡查的天数', value: String(o.patrol.daysPatrolled) },
      ],
    },
    {
      title: '比率',
      figures: [
        share('closure', '结案率', o.rates.closure, 'closed'),
        share('onTimeClosure', '按期结案率', o.rates.onTimeClosure, 'closedOnTime'),
        share('rework', '返工率', o.rates.rework, 'reworked'),
        share('overdueRate', '超期率', o.rates.overdue, 'overdue'),
        share('missedRate', '漏报率', o.missedByPatrolRatio, 'missedByPatrol'),
        share('satisfactionRate', '满意率', o.satisfaction.rate, 'satisfied'),
      ],
    },
    {
      title: '用时（平均）',
      figures: [
        duration('timeToClaim', '认领用时', o.timeToClaim),
        duration('timeToRectify', '整改用时', o.timeToRectify),
        duration('timeToClose', '办结用时', o.timeToClose),
      ],
    },
    {
      title: '评价与督办',
      figures: [
        count('satisfaction', '评价', o.satisfaction.rated),
        {
          ...count('satisfied', '满意', o.satisfaction.satisfied),
          value2: o.satisfaction.avgRating === null ? undefined : `平均 ${o.satisfaction.avgRating} 星`,
        },
        count('escalations', '上报上级', o.escalations),
        count('signOffs', '会签报市', o.signOffs),
        count('yellowCards', '黄牌', o.cards.yellow, true),
        count('redCards', '红牌', o.cards.red, true),
      ],
    },
    {
      title: '按来源受理',
      figures: caseSources.map((source) => ({
        hook: `source-${source}`,
        label: caseSourceLabels[source],
        value: String(o.bySource[source]),
        indicator: 'bySource' as const,
        of: source,
      })),
    },
    {
      title: '按类别受理',
      figures: Object.entries(o.byCategory)
        .sort(([, a], [, b]) => b - a)
        .map(([id, n]) => ({
          hook: `category-${id}`,
          label: categoryName(id),
          value: String(n),
          indicator: 'byCategory' as const,
          of: id,
        })),
    },
  ]
}
