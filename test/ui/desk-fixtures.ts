import type { ActionOutput } from '../../src/domain/contract'
import {
  categoryBars,
  chartWeeks,
  closeTimeChart,
  rankingBars,
  weekBars,
} from '../../src/domain/reports/charts'
import { bucketField, bucketOf } from '../../src/domain/reports/histogram'
import { figuresOf } from '../../src/domain/reports/overview'

export const deskDistrict = {
  id: 'grid-410104',
  name: '管城回族区',
  level: 'district' as const,
  label: '管城回族区',
}
export const deskStreet = {
  id: 'grid-410104010',
  name: '航海东路街道',
  level: 'street' as const,
  label: '航海东路街道',
}
export const deskOtherStreet = {
  id: 'grid-410104011',
  name: '紫荆山南路街道',
  level: 'street' as const,
  label: '紫荆山南路街道',
}
export const deskCatalogue = [
  { id: 'road-dust', name: '道路扬尘' },
  { id: 'coal-stove', name: '散煤燃烧' },
  { id: 'construction-site', name: '工地扬尘' },
]

/** A district's month as `stats.overview` answers it (figures from a stored sheet, as the server folds them). */
export function deskOverview(
  overrides: Partial<ActionOutput<'stats.overview'>> = {},
): ActionOutput<'stats.overview'> {
  const figures = figuresOf(
    {
      c: {
        received: 42,
        accepted: 40,
        due: 10,
        closed: 8,
        closedOnTime: 6,
        overdue: 2,
        finished: 8,
        rated: 4,
        satisfied: 3,
      },
      s: { finished: 8 * 30 * 3600, satisfied: 13 },
      src: { resident: 30, patrol: 12 },
      cat: { 'road-dust': 25, 'coal-stove': 17 },
    },
    deskCatalogue.map((category) => category.id),
  )
  return {
    gridId: deskDistrict.id,
    grid: deskDistrict,
    period: '2026-12',
    periodKind: 'month',
    periodLabel: '2026年12月',
    periodEnded: false,
    updatedAt: '2026-12-02T01:50:00.000Z',
    ...figures,
    patrol: { rounds: 6, checkIns: 21, daysPatrolled: 11, gridsPatrolled: 7, gridsInScope: 12 },
    ...overrides,
  }
}

const histogramOf = (hours: number[]) => {
  const buckets: Record<string, number> = {}
  for (const h of hours)
    buckets[bucketField(bucketOf(h * 3600))] = (buckets[bucketField(bucketOf(h * 3600))] ?? 0) + 1
  return buckets
}

/** A district's charts as `stats.charts` answers them at `now` (the pure functions the server uses). */
export function deskCharts(now: Date, weeks = 12): ActionOutput<'stats.charts'> {
  const keys = chartWeeks(now, weeks)
  return {
    gridId: deskDistrict.id,
    grid: deskDistrict,
    weeks: weekBars(
      keys,
      (week) => {
        const i = keys.indexOf(week)
        return i % 4 === 0 ? undefined : { c: { received: 10 + i, closed: 5 + i } }
      },
      now,
    ),
    month: { period: '2026-12', label: '2026年12月', ended: false },
    categories: categoryBars({ cat: { 'road-dust': 25, 'coal-stove': 17 } }, deskCatalogue),
    closeTime: closeTimeChart(histogramOf([0.5, 3, 3, 20, 30, 70, 300])),
    ranking: rankingBars([
      { grid: deskStreet, sheet: { c: { received: 30, due: 8, closedOnTime: 6 } } },
      { grid: deskOtherStreet, sheet: { c: { received: 12, due: 2, closedOnTime: 2 } } },
    ]),
  }
}

export function deskCases(
  indicator: ActionOutput<'stats.cases'>['indicator'],
  ids: string[],
  more = false,
): ActionOutput<'stats.cases'> {
  return {
    grid: deskDistrict,
    period: '2026-12',
    indicator,
    indicatorLabel: '超期',
    items: ids.map((id) => ({
      id,
      caseNo: `20261201-${id}`,
      status: 'claimed',
      statusLabel: '处理中',
      categoryId: 'road-dust',
      categoryName: '道路扬尘',
      source: 'resident',
      sourceLabel: '市民随手拍',
      grid: { ...deskStreet, id: 'grid-1', name: '映月路社区第1网格', level: 'block' as const },
      createdAt: '2026-12-01T02:00:00.000Z',
      dueAt: '2026-12-01T10:00:00.000Z',
      closedAt: null,
    })),
    total: more ? null : ids.length,
    hasMore: more,
    page: 1,
    pageSize: 20,
  }
}
