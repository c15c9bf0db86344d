import type { ActionOutput, CaseView } from '../../src/domain/contract'

const grid = {
  id: 'grid-410104010001001',
  name: '映月路社区第1网格',
  level: 'block' as const,
  label: '航海东路街道 / 映月路社区 / 映月路社区第1网格',
}

/** A case as the api shows it, pending in 映月路社区第1网格; override what the test is about. */
export function caseView(overrides: Partial<CaseView> = {}): CaseView {
  return {
    id: 'case-1',
    caseNo: 'BG202501010001',
    status: 'pending',
    statusLabel: '待认领',
    view: 'full',
    categoryId: 'construction-site',
    categoryName: '建筑工地',
    checkId: 'construction-truck-unwashed',
    checkName: '出入车辆未100%冲洗',
    description: '渣土车带泥上路',
    photos: ['cloud://bluegrid-local.test/reports/a.jpg'],
    location: { lng: 113.6925, lat: 34.7288 },
    address: '映月路与航海东路交叉口',
    anonymous: false,
    channel: 'resident',
    grid,
    claimedBy: null,
    reporter: { nickname: '林女士' },
    isMine: false,
    receipt: null,
    viewer: { isReporter: false, isClaimer: false, isJointHandler: false },
    isFollowing: false,
    followerCount: 0,
    major: false,
    deadlineAt: new Date(Date.now() + 20 * 3600 * 1000).toISOString(),
    card: 'none',
    supervised: false,
    signOffs: [],
    jointHandlers: [],
    disputeCount: 0,
    rating: null,
    resolution: null,
    waitingSince: new Date(Date.now() - 2 * 3600 * 1000).toISOString(),
    createdAt: new Date(Date.now() - 2 * 3600 * 1000).toISOString(),
    updatedAt: new Date(Date.now() - 2 * 3600 * 1000).toISOString(),
    ...overrides,
  }
}

export function meView(overrides: Partial<ActionOutput<'me.get'>> = {}): ActionOutput<'me.get'> {
  return {
    nickname: '网格员小许',
    role: 'grid_member',
    roleLabel: '网格员',
    grids: [grid],
    points: 0,
    ...overrides,
  }
}

export function boardPage(items: CaseView[]): ActionOutput<'board.list'> {
  return { items, total: items.length, hasMore: false, page: 1, pageSize: 10, grid, grids: [grid] }
}
