import type { ActionOutput, AwardView, LedgerItem } from '../../src/domain/contract'

export function ledgerItem(overrides: Partial<LedgerItem> = {}): LedgerItem {
  return {
    id: 'report-accepted:case-1:demo-resident',
    points: 10,
    reason: 'report-accepted',
    reasonLabel: '举报被受理',
    note: '举报的问题20261123-0001已被受理',
    caseId: 'case-1',
    patrolId: null,
    at: '2026-11-23T02:00:00.000Z',
    ruleVersion: 1,
    capped: false,
    ...overrides,
  }
}

export function myPoints(overrides: Partial<ActionOutput<'points.mine'>> = {}): ActionOutput<'points.mine'> {
  return {
    balance: 15,
    list: 'public',
    listLabel: '市民榜',
    month: {
      kind: 'month',
      period: '2026-11',
      periodLabel: '2026年11月',
      title: '月度环保市民',
      winners: 10,
      points: 15,
      acceptedReports: 1,
      rank: 13,
      total: null,
      gap: 12,
    },
    rules: ['举报被网格受理：+10分（匿名举报不计分）'],
    ledger: { items: [ledgerItem()], total: 1, hasMore: false, page: 1, pageSize: 20 },
    ...overrides,
  }
}

export function awardView(overrides: Partial<AwardView> = {}): AwardView {
  return {
    id: 'month:2026-11:public:grid-410104',
    kind: 'month',
    title: '月度环保市民',
    period: '2026-11',
    periodLabel: '2026年11月',
    periodEnded: true,
    list: 'public',
    listLabel: '市民榜',
    districtId: 'grid-410104',
    districtName: '管城回族区',
    status: 'draft',
    statusLabel: '草稿·待审核发布',
    winners: [
      { rank: 1, nickname: '林女士', points: 120, acceptedReports: 9, openid: 'demo-resident' },
      { rank: 2, nickname: '周先生', points: 90, acceptedReports: 7, openid: 'demo-resident-2' },
    ],
    excludedCount: 0,
    note: '',
    draftedAt: '2026-11-30T16:10:00.000Z',
    draftedBy: '系统',
    publishedAt: null,
    publishedBy: null,
    ...overrides,
  }
}
