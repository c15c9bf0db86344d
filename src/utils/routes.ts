/** Page URLs, in one place so pages and tests agree. */
export const routes = {
  home: '/pages/home/index',
  me: '/pages/me/index',
  report: '/pages/report/index',
  board: '/pkg-staff/pages/board/index',
  caseDetail: (id: string) => `/pages/case-detail/index?id=${encodeURIComponent(id)}`,
}
