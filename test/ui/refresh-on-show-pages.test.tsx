import { act, screen, render, waitFor } from '@testing-library/react'
import HomePage from '../../src/pages/home/index'
import MyCasesPage from '../../src/pages/my-cases/index'
import { resetTaro } from '../fakes/taro'
import { ok, onAction, payloadsOf, resetPlatform } from '../fakes/platform'
import { caseView, meView } from './fixtures'
import { showPageAgain } from './support/page-shows'

jest.mock('@tarojs/taro', () => require('./support/page-shows').taro)
jest.mock('@tarojs/components', () => require('../fakes/taro-components'))
jest.mock('@/platform/cloud', () => require('../fakes/platform').cloud)

beforeEach(() => {
  resetTaro()
  resetPlatform()
})

/** case.mine answers with the reports made so far; a test adds one "from another page". */
function serveMyCases() {
  const reports = [caseView({ id: 'c1', caseNo: 'BG1', checkName: '出入车辆未100%冲洗', isMine: true })]
  onAction('case.mine', (payload) => {
    const { page, pageSize } = payload as { page: number; pageSize: number }
    const hasMore = reports.length > pageSize
    return ok({
      items: reports.slice(0, pageSize),
      total: hasMore ? null : reports.length,
      hasMore,
      page,
      pageSize,
    })
  })
  return reports
}

describe('lists refresh when their page is shown again', () => {
  it('my cases shows a report made on another page once the list is shown again', async () => {
    const reports = serveMyCases()
    render(<MyCasesPage />)
    expect(await screen.findByText('共 1 条举报')).toBeTruthy()
    expect(payloadsOf('case.mine')).toHaveLength(1)

    reports.unshift(caseView({ id: 'c2', caseNo: 'BG2', checkName: '露天焚烧垃圾', isMine: true }))
    act(() => showPageAgain())
    expect(await screen.findByText('共 2 条举报')).toBeTruthy()
    expect(screen.getByText('露天焚烧垃圾')).toBeTruthy()
    expect(payloadsOf('case.mine')).toHaveLength(2)
  })

  it('home refreshes my points and my recent cases when shown again', async () => {
    serveMyCases()
    let points = 3
    onAction('me.get', () => ok(meView({ points })))
    render(<HomePage />)
    await waitFor(() => expect(document.querySelector('.bg-points')?.textContent).toBe('3'))

    points = 5
    act(() => showPageAgain())
    await waitFor(() => expect(document.querySelector('.bg-points')?.textContent).toBe('5'))
    expect(payloadsOf('me.get')).toHaveLength(2)
    expect(payloadsOf('case.mine')).toHaveLength(2)
  })
})
