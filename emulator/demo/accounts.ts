import { GridTree } from '../../src/domain/grid/tree'
import { districtOf } from '../../src/domain/people/onboarding'
import type { DistrictUnit, Role, User } from '../../src/domain/people/roles'
import { demoGridIds, demoGridNodes } from './grids'

/**
 * A ready-made identity for the emulator's dev login page. In the emulator the openid stands in for the
 * WeChat OPENID that the cloud would supply, so picking an account is the only way to "be" someone.
 */
export interface DemoAccount {
  openid: string
  nickname: string
  role: Role
  /** Grids the person works in (staff) or lives in (residents, optional). */
  gridIds: string[]
  /** Only for district_office accounts: which office they speak for. */
  districtUnit?: DistrictUnit
  /** One line shown on the dev login page. */
  description: string
}

/*
 * One account per seat in the escalation chain around 映月路社区第1网格, so a single case can be walked from the
 * reporter up to the district offices. Nicknames are invented generic forms of address; none is taken from the
 * source documents, which name real people.
 */
export const demoAccounts: DemoAccount[] = [
  {
    openid: 'demo-resident',
    nickname: '林女士',
    role: 'resident',
    gridIds: [demoGridIds.yingyueRoadGrid1],
    description: '市民，住映月路社区第1网格',
  },
  {
    // A resident with no registered home grid: the product must not assume residents have one.
    openid: 'demo-resident-2',
    nickname: '周先生',
    role: 'resident',
    gridIds: [],
    description: '市民，未登记居住网格',
  },
  {
    openid: 'demo-volunteer',
    nickname: '志愿者小唐',
    role: 'volunteer',
    gridIds: [demoGridIds.yingyueRoad],
    description: '环保志愿者（大学生），随映月路社区网格巡查',
  },
  {
    openid: 'demo-grid-member',
    nickname: '网格员小许',
    role: 'grid_member',
    gridIds: [demoGridIds.yingyueRoadGrid1],
    description: '网格员，映月路社区第1网格巡查小组',
  },
  {
    openid: 'demo-grid-leader-3',
    nickname: '秦网格长',
    role: 'grid_leader',
    gridIds: [demoGridIds.yingyueRoadGrid1],
    description: '三级网格长，映月路社区第1网格',
  },
  {
    openid: 'demo-grid-leader-2',
    nickname: '方网格长',
    role: 'grid_leader',
    gridIds: [demoGridIds.yingyueRoad],
    description: '二级网格长，映月路社区',
  },
  {
    openid: 'demo-grid-leader-1',
    nickname: '马网格长',
    role: 'grid_leader',
    gridIds: [demoGridIds.hanghaiEastRoad],
    description: '一级网格长，航海东路街道',
  },
  {
    openid: 'demo-sunk-staff',
    nickname: '下沉执法员老彭',
    role: 'sunk_staff',
    gridIds: [demoGridIds.yingyueRoadGrid1, demoGridIds.yingyueRoadGrid2],
    description: '下沉人员（区直执法单位），映月路社区第1、第2网格',
  },
  {
    openid: 'demo-air-office',
    nickname: '大气办小江',
    role: 'district_office',
    gridIds: [demoGridIds.guancheng],
    districtUnit: 'air_office',
    description: '管城回族区大气办',
  },
  {
    openid: 'demo-long-term-office',
    nickname: '长效办小胡',
    role: 'district_office',
    gridIds: [demoGridIds.guancheng],
    districtUnit: 'long_term_office',
    description: '管城回族区长效办',
  },
  {
    openid: 'demo-supervisor',
    nickname: '督查室小冯',
    role: 'supervisor',
    gridIds: [demoGridIds.guancheng],
    description: '督查室，督办管城回族区逾期和挂牌案件',
  },
]

export function findDemoAccount(openid: string): DemoAccount | undefined {
  return demoAccounts.find((account) => account.openid === openid)
}

let demoTree: GridTree | undefined

/**
 * The user document a demo account stands for (as the emulator seeds it, with no points yet). Everyone with a
 * role belongs to their grids' district, as if they had joined by its office's invitation.
 */
export function demoUser(account: DemoAccount): User {
  demoTree ??= new GridTree(demoGridNodes)
  const districtId = account.role === 'resident' ? undefined : districtOf(demoTree, account.gridIds)
  return {
    _id: account.openid,
    openid: account.openid,
    nickname: account.nickname,
    role: account.role,
    gridIds: account.gridIds,
    ...(districtId ? { districtId } : {}),
    ...(account.districtUnit ? { districtUnit: account.districtUnit } : {}),
    points: 0,
  }
}
