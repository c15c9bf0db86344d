import type { ActionOutput, WeeklyReportView } from '../../src/domain/contract'

type Row = WeeklyReportView['figures']['own']

export function handlingRow(overrides: Partial<Row> = {}): Row {
  return {
    gridId: 'grid-community-1',
    name: '映月路社区',
    received: 12,
    due: 8,
    closed: 6,
    closedOnTime: 5,
    reworked: 1,
    overdue: 2,
    closureRate: 0.75,
    onTimeRate: 0.625,
    reworkRate: 0.125,
    overdueRate: 0.25,
    rank: 2,
    ...overrides,
  }
}

/** 映月路社区's report of 2026-R48, drafted and not yet filled in. */
export function weeklyView(overrides: Partial<WeeklyReportView> = {}): WeeklyReportView {
  const own = handlingRow()
  const best = handlingRow({ gridId: 'grid-community-2', name: '紫荆山南路社区', onTimeRate: 0.9, rank: 1 })
  return {
    id: 'grid-community-1:2026-R48',
    kind: 'community',
    grid: {
      id: 'grid-community-1',
      name: '映月路社区',
      level: 'community',
      label: '航海东路街道 / 映月路社区',
    },
    streetId: 'grid-street-1',
    week: '2026-R48',
    weekLabel: '2026年第48周周报（11月19日—11月25日）',
    dueDate: '2026-11-26',
    deadline: '2026-11-26T10:00:00.000Z',
    status: 'draft',
    statusLabel: '待填报',
    late: false,
    version: 0,
    figures: {
      airQuality: { note: '暂未接入空气质量监测数据，以下为传感器报警转办的问题数', sensorReports: 1 },
      received: 12,
      byCategory: [
        { id: 'construction-site', label: '施工工地', count: 7 },
        { id: 'open-burning', label: '露天焚烧', count: 0 },
      ],
      bySource: [
        { id: 'resident', label: '市民随手拍', count: 6 },
        { id: 'volunteer', label: '志愿者', count: 1 },
        { id: 'patrol', label: '网格巡查', count: 4 },
        { id: 'hotline', label: '12369热线', count: 0 },
        { id: 'sensor', label: '传感器', count: 1 },
      ],
      own,
      peers: [best, own],
      cards: { yellow: 3, red: 1 },
      escalations: 2,
      hotspots: [{ id: 'grid-block-1', label: '映月路社区第1网格', count: 9 }],
    },
    figuresAsOf: '2026-11-25T15:55:00.000Z',
    draftedAt: '2026-11-26T01:00:00.000Z',
    text: null,
    mergeText: null,
    merged: [],
    missing: [],
    submittedAt: null,
    submittedBy: null,
    history: [],
    ...overrides,
  }
}

/** 航海东路街道's merged report of the same week, before the merge. */
export function streetWeeklyView(overrides: Partial<WeeklyReportView> = {}): WeeklyReportView {
  return weeklyView({
    id: 'grid-street-1:2026-R48',
    kind: 'street',
    grid: { id: 'grid-street-1', name: '航海东路街道', level: 'street', label: '航海东路街道' },
    ...overrides,
  })
}

export function weeklyList(items: WeeklyReportView[]): ActionOutput<'report.weekly.list'> {
  return {
    week: '2026-R48',
    weekLabel: '2026年第48周周报（11月19日—11月25日）',
    deadline: '2026-11-26T10:00:00.000Z',
    items,
    late: items
      .filter((item) => item.kind === 'community' && item.late)
      .map((item) => ({ id: item.id, grid: item.grid, submittedAt: item.submittedAt })),
  }
}
