import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import BoardPage from '../../src/pkg-staff/pages/board/index'
import { pullDown, resetTaro } from '../fakes/taro'
import { fail, ok, onAction, payloadsOf, resetPlatform } from '../fakes/platform'
import { boardPage, caseView, meView } from './fixtures'

jest.mock('@tarojs/taro', () => require('../fakes/taro'))
jest.mock('@tarojs/components', () => require('../fakes/taro-components'))
jest.mock('@/platform/cloud', () => require('../fakes/platform').cloud)
jest.mock('@/pkg-staff/pages/board/index.scss', () => ({}))

beforeEach(() => {
  resetTaro()
  resetPlatform()
  onAction('me.get', () => ok(meView()))
})

function $(selector: string): HTMLElement {
  const element = document.querySelector<HTMLElement>(selector)
  if (!element) throw new Error(`no element matches ${selector}`)
  return element
}

describe('grid board', () => {
  it('shows the server’s refusal when a second member claims a case someone else already has', async () => {
    const item = caseView({ id: 'case-7', caseNo: 'BG202501010007' })
    onAction('board.list', () => ok(boardPage([item])))
    onAction('case.claim', () => fail('not-claimable', '该问题已被秦网格长认领'))
    render(<BoardPage />)

    const button = await waitFor(() => $('.bg-claim-BG202501010007'))
    await act(async () => {
      fireEvent.click(button)
    })

    await waitFor(() =>
      expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '该问题已被秦网格长认领', icon: 'none' })),
    )
    expect(Taro.showToast).not.toHaveBeenCalledWith(expect.objectContaining({ title: '认领成功' }))
    expect(payloadsOf('case.claim')).toEqual([{ caseId: 'case-7' }])
  })

  it('says 认领成功 and shows who has the case after a successful claim', async () => {
    const item = caseView({ id: 'case-8', caseNo: 'BG202501010008' })
    onAction('board.list', () => ok(boardPage([item])))
    onAction('case.claim', () =>
      ok({ case: { ...item, status: 'claimed', statusLabel: '处理中', claimedBy: { nickname: '网格员小许', at: new Date().toISOString() } } }),
    )
    render(<BoardPage />)
    const button = await waitFor(() => $('.bg-claim-BG202501010008'))
    await act(async () => {
      fireEvent.click(button)
    })
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '认领成功' })))
    expect(await screen.findByText('认领人：网格员小许')).toBeTruthy()
    expect(document.querySelector('.bg-claim-BG202501010008')).toBeNull()
  })

  it('lists newest first with the waiting time, and filters by tab', async () => {
    const older = caseView({ id: 'a', caseNo: 'BG1', createdAt: new Date(Date.now() - 3 * 86400000).toISOString() })
    const newer = caseView({ id: 'b', caseNo: 'BG2', createdAt: new Date(Date.now() - 2 * 3600000).toISOString() })
    onAction('board.list', () => ok(boardPage([older, newer])))
    render(<BoardPage />)

    await waitFor(() => expect(document.querySelectorAll('.bg-case-card')).toHaveLength(2))
    const cards = Array.from(document.querySelectorAll('.bg-case-card'))
    expect(cards[0]?.className).toContain('bg-case-card-BG2')
    expect(cards[0]?.textContent).toContain('已等待 2小时')
    expect(cards[1]?.textContent).toContain('已等待 3天')

    fireEvent.click($('.bg-filter-unclaimed'))
    await waitFor(() => expect(payloadsOf('board.list')).toContainEqual(expect.objectContaining({ filter: 'unclaimed' })))
  })

  it('shows 暂无问题 for an empty board, and an error with a retry button when loading fails', async () => {
    onAction('board.list', () => ok(boardPage([])))
    const { unmount } = render(<BoardPage />)
    expect(await screen.findByText('暂无问题')).toBeTruthy()
    unmount()

    onAction('board.list', () => fail('forbidden', '您没有权限进行此操作'))
    render(<BoardPage />)
    expect(await screen.findByText('您没有权限进行此操作')).toBeTruthy()
    onAction('board.list', () => ok(boardPage([caseView()])))
    fireEvent.click($('.bg-retry'))
    await waitFor(() => expect(document.querySelectorAll('.bg-case-card')).toHaveLength(1))
  })

  it('reloads on pull-down and loads further pages with 加载更多', async () => {
    let calls = 0
    onAction('board.list', (payload) => {
      calls += 1
      const page = (payload as { page: number }).page
      const item = caseView({ id: `p${page}-${calls}`, caseNo: `BGP${page}N${calls}` })
      return ok({ ...boardPage([item]), total: 2, page })
    })
    render(<BoardPage />)
    await waitFor(() => expect(document.querySelectorAll('.bg-case-card')).toHaveLength(1))
    fireEvent.click($('.bg-load-more'))
    await waitFor(() => expect(document.querySelectorAll('.bg-case-card')).toHaveLength(2))
    expect(document.querySelector('.bg-load-more')).toBeNull()

    await act(async () => {
      pullDown()
    })
    await waitFor(() => expect(Taro.stopPullDownRefresh).toHaveBeenCalled())
    expect(document.querySelectorAll('.bg-case-card')).toHaveLength(1)
  })
})
