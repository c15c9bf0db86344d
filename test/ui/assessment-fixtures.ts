import type { AssessmentEntry, AssessmentView } from '../../src/domain/contract'

export function assessmentEntry(overrides: Partial<AssessmentEntry> = {}): AssessmentEntry {
  return {
    nodeId: 'grid-street-1',
    name: '航海东路街道',
    parentName: '管城回族区',
    base: 92,
    score: 92,
    grade: 'A',
    rank: 1,
    rates: { closure: 1, onTimeClosure: 0.9, rework: 0.1, missedByPatrol: 0.2, satisfaction: null },
    yellow: 0,
    red: 0,
    supervisions: 0,
    interviews: 0,
    deduction: 0,
    notes: [],
    ...overrides,
  }
}

/** November's draft for 管城区: two streets, one with a red card, and no community or grid figures. */
export function assessmentView(overrides: Partial<AssessmentView> = {}): AssessmentView {
  const best = assessmentEntry()
  const worst = assessmentEntry({
    nodeId: 'grid-street-2',
    name: '北下街街道',
    base: 60,
    score: 58,
    grade: 'D',
    rank: 2,
    red: 1,
    interviews: 1,
    deduction: 2,
    notes: ['红牌1张，扣2分，约谈负责人'],
  })
  return {
    id: 'grid-410104:2026-11',
    districtId: 'grid-410104',
    districtName: '管城回族区',
    month: '2026-11',
    monthLabel: '2026年11月',
    periodEnded: true,
    status: 'draft',
    statusLabel: '草稿',
    version: 1,
    weights: [
      { id: 'closure', label: '结案率', weight: 30 },
      { id: 'satisfaction', label: '满意率', weight: 0 },
    ],
    leagues: [
      {
        level: 'street',
        levelLabel: '街道',
        entries: [best, worst],
        top: [best.nodeId],
        bottom: [worst.nodeId],
      },
      { level: 'community', levelLabel: '社区', entries: [], top: [], bottom: [] },
      { level: 'block', levelLabel: '网格', entries: [], top: [], bottom: [] },
    ],
    figuresAsOf: '2026-12-01T01:50:00.000Z',
    draftedAt: '2026-12-01T02:00:00.000Z',
    draftedBy: '大气办小王',
    publishedAt: null,
    publishedBy: null,
    history: [],
    ...overrides,
  }
}
