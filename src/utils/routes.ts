/** Page URLs, in one place so pages and tests agree. */
export type BoardFilter = 'all' | 'unclaimed' | 'mine' | 'overdue' | 'escalated'

export const routes = {
  home: '/pages/home/index',
  me: '/pages/me/index',
  report: '/pages/report/index',
  myCases: '/pages/my-cases/index',
  messages: '/pages/messages/index',
  privacy: '/pages/privacy/index',
  board: '/pkg-staff/pages/board/index',
  /** The board opened on one filter, e.g. 逾期 for "my overdue". */
  boardFiltered: (filter: BoardFilter) => `/pkg-staff/pages/board/index?filter=${filter}`,
  // Rewards (subpackage pkg-rewards): my points, leaderboards, the honour roll, the district office's review.
  points: '/pkg-rewards/pages/points/index',
  leaderboard: '/pkg-rewards/pages/leaderboard/index',
  honors: '/pkg-rewards/pages/honors/index',
  awardReview: '/pkg-rewards/pages/review/index',
  // Onboarding (subpackage pkg-onboard): accepting an invite, and the district office's people and invites.
  join: (code: string) => `/pkg-onboard/pages/join/index?code=${encodeURIComponent(code)}`,
  staffAdmin: '/pkg-onboard/pages/staff/index',
  caseDetail: (id: string) => `/pages/case-detail/index?id=${encodeURIComponent(id)}`,
  /** The month's assessment: leagues, grades, 红黑榜; drafting and publishing for the district office. */
  assessment: '/pkg-staff/pages/assessment/index',
  /** 来电登记: the district office's operator enters a caller's complaint (12369). */
  hotline: '/pkg-staff/pages/hotline/index',
  patrol: '/pkg-staff/pages/patrol/index',
  handle: (id: string) => `/pkg-staff/pages/handle/index?id=${encodeURIComponent(id)}`,
  /** The 督查室's lists (overdue, red-carded, flagged) and the daily bulletins. */
  supervision: '/pkg-staff/pages/supervision/index',
  /** The district office's subscription messages that did not go out (failed, interrupted, not subscribed). */
  deliveries: '/pkg-staff/pages/deliveries/index',
  /** The week's Thursday reports in the caller's scope. */
  weeklyReports: '/pkg-staff/pages/weekly/index',
  /** 一企一档: the sites in the caller's grids, one site's page with its cases, the spreadsheet import. */
  sites: '/pkg-staff/pages/sites/index',
  site: (id: string) => `/pkg-staff/pages/site/index?site=${encodeURIComponent(id)}`,
  siteImport: '/pkg-staff/pages/site-import/index',
  // The desk (subpackage pkg-desk): every indicator of a node and period with the cases behind each, and
  // the charts; both open on the caller's first node unless given one.
  deskOverview: (gridId?: string) =>
    `/pkg-desk/pages/overview/index${gridId ? `?gridId=${encodeURIComponent(gridId)}` : ''}`,
  deskCharts: (gridId?: string) =>
    `/pkg-desk/pages/charts/index${gridId ? `?gridId=${encodeURIComponent(gridId)}` : ''}`,
  /** 挂图作战 (subpackage pkg-desk): the caller's grids coloured by an indicator, with the open cases. */
  deskMap: '/pkg-desk/pages/map/index',
  /** The site form: a new site, or (with its id) a change to one. */
  siteEdit: (id?: string) =>
    id
      ? `/pkg-staff/pages/site-edit/index?site=${encodeURIComponent(id)}`
      : '/pkg-staff/pages/site-edit/index',
  /** 重污染天气预警: the district office sets, lifts and reviews its district's alerts. */
  alerts: '/pkg-staff/pages/alerts/index',
  /** 在线监测站点: the district office registers its monitoring stations and follows their episodes. */
  stations: '/pkg-staff/pages/stations/index',
}

/** A query value as the page received it (WeChat passes it still encoded; H5 decodes it). */
export function decodedParam(value: string | undefined): string {
  if (!value) return ''
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
