import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import BoardPage from '../../src/pkg-staff/pages/board/index'
import { pullDown, reachBottom, resetTaro, router } from '../fakes/taro'
import { fail, ok, onAction, payloadsOf, resetPlatform, subscribe } from '../fakes/platform'
import { boardPage, caseView, meView } from './fixtures'

jest.mock('@tarojs/taro', () => require('../fakes/taro'))
jest.mock('@tarojs/components', () => require('../fakes/taro-components'))
jest.mock('@/platform/cloud', () => require('../fakes/platform').cloud)
jest.mock('@/platform/subscribe', () => require('../fakes/platform').subscribe)
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
      expect(Taro.showToast).toHaveBeenCalledWith(
        expect.objectContaining({ title: '该问题已被秦网格长认领', icon: 'none' }),
      ),
    )
    expect(Taro.showToast).not.toHaveBeenCalledWith(expect.objectContaining({ title: '认领成功' }))
    expect(payloadsOf('case.claim')).toEqual([{ caseId: 'case-7' }])
  })

  it('says 认领成功 and shows who has the case after a successful claim', async () => {
    const item = caseView({ id: 'case-8', caseNo: 'BG202501010008' })
    onAction('board.list', () => ok(boardPage([item])))
    onAction('case.claim', () =>
      ok({
        case: {
          ...item,
          status: 'claimed',
          statusLabel: '处理中',
          claimedBy: { nickname: '网格员小许', at: new Date().toISOString() },
        },
      }),
    )
    render(<BoardPage />)
    const button = await waitFor(() => $('.bg-claim-BG202501010008'))
    await act(async () => {
      fireEvent.click(button)
    })
    await waitFor(() =>
      expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '认领成功' })),
    )
    expect(await screen.findByText('认领人：网格员小许')).toBeTruthy()
    expect(document.querySelector('.bg-claim-BG202501010008')).toBeNull()
  })

  it('asks for WeChat notices on the claim tap and records what the claimer allowed once the claim is won', async () => {
    const item = caseView({ id: 'case-9', caseNo: 'BG202501010009' })
    onAction('board.list', () => ok(boardPage([item])))
    onAction('case.claim', () => ok({ case: { ...item, status: 'claimed', statusLabel: '处理中' } }))
    onAction('notification.subscribe', () => ok({ remaining: { 'tmpl-assigned': 1 } }))
    subscribe.requestCaseUpdates.mockResolvedValueOnce({ outcome: 'accepted', accepted: ['tmpl-assigned'] })
    render(<BoardPage />)
    const button = await waitFor(() => $('.bg-claim-BG202501010009'))
    await act(async () => {
      fireEvent.click(button)
    })
    expect(subscribe.requestCaseUpdates).toHaveBeenCalledTimes(1)
    await waitFor(() =>
      expect(payloadsOf('notification.subscribe')).toEqual([{ accepted: ['tmpl-assigned'] }]),
    )
  })

  it('records no subscription when the claim is lost', async () => {
    const item = caseView({ id: 'case-10', caseNo: 'BG202501010010' })
    onAction('board.list', () => ok(boardPage([item])))
    onAction('case.claim', () => fail('not-claimable', '该问题已被秦网格长认领'))
    subscribe.requestCaseUpdates.mockResolvedValueOnce({ outcome: 'accepted', accepted: ['tmpl-assigned'] })
    render(<BoardPage />)
    const button = await waitFor(() => $('.bg-claim-BG202501010010'))
    await act(async () => {
      fireEvent.click(button)
    })
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalled())
    expect(payloadsOf('notification.subscribe')).toEqual([])
  })

  it('lists newest first with the waiting time, and filters by tab', async () => {
    const threeDaysAgo = new Date(Date.now() - 3 * 86400000).toISOString()
    const twoHoursAgo = new Date(Date.now() - 2 * 3600000).toISOString()
    // The waiting time counts from when the case landed on this board.
    const older = caseView({ id: 'a', caseNo: 'BG1', createdAt: threeDaysAgo, waitingSince: threeDaysAgo })
    const newer = caseView({ id: 'b', caseNo: 'BG2', createdAt: twoHoursAgo, waitingSince: twoHoursAgo })
    onAction('board.list', () => ok(boardPage([older, newer])))
    render(<BoardPage />)

    await waitFor(() => expect(document.querySelectorAll('.bg-case-card')).toHaveLength(2))
    const cards = Array.from(document.querySelectorAll('.bg-case-card'))
    expect(cards[0]?.className).toContain('bg-case-card-BG2')
    expect(cards[0]?.textContent).toContain('已等待 2小时')
    expect(cards[1]?.textContent).toContain('已等待 3天')

    fireEvent.click($('.bg-filter-unclaimed'))
    await waitFor(() =>
      expect(payloadsOf('board.list')).toContainEqual(expect.objectContaining({ filter: 'unclaimed' })),
    )
  })

  it('shows an empty state for an empty board, and an error with a retry button when loading fails', async () => {
    onAction('board.list', () => ok(boardPage([])))
    const { unmount } = render(<BoardPage />)
    expect(await screen.findByText('本网格暂无问题')).toBeTruthy()
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
      return ok({ ...boardPage([item]), total: page < 2 ? null : 2, hasMore: page < 2, page })
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

  it('offers 逾期 and 上报给我 filters and asks the server for them', async () => {
    onAction('board.list', () => ok(boardPage([])))
    render(<BoardPage />)
    await screen.findByText('本网格暂无问题')

    fireEvent.click($('.bg-filter-overdue'))
    await waitFor(() =>
      expect(payloadsOf('board.list')).toContainEqual(expect.objectContaining({ filter: 'overdue' })),
    )
    expect(await screen.findByText('没有逾期的问题')).toBeTruthy()

    fireEvent.click($('.bg-filter-escalated'))
    await waitFor(() =>
      expect(payloadsOf('board.list')).toContainEqual(expect.objectContaining({ filter: 'escalated' })),
    )
    expect(await screen.findByText('没有上报到本网格的问题')).toBeTruthy()
  })

  it('opens on the filter in the page URL, so 我的逾期问题 lands on the overdue list', async () => {
    router.params = { filter: 'overdue' }
    onAction('board.list', () => ok(boardPage([])))
    render(<BoardPage />)
    await waitFor(() =>
      expect(payloadsOf('board.list')).toEqual([expect.objectContaining({ filter: 'overdue' })]),
    )
  })

  it('colours yellow- and red-carded cases and says how overdue they are', async () => {
    const yellow = caseView({
      id: 'y',
      caseNo: 'BGY',
      status: 'claimed',
      statusLabel: '处理中',
      card: 'yellow',
      deadlineAt: new Date(Date.now() + 90 * 60000).toISOString(),
    })
    const red = caseView({
      id: 'r',
      caseNo: 'BGR',
      status: 'claimed',
      statusLabel: '处理中',
      card: 'red',
      deadlineAt: new Date(Date.now() - 3 * 3600000).toISOString(),
    })
    onAction('board.list', () => ok(boardPage([yellow, red])))
    onAction('grid.cards', () =>
      ok({ grid: boardPage([]).grid, month: '2026-11', yellow: 1, red: 1, openOverdue: 1 }),
    )
    render(<BoardPage />)

    await waitFor(() => expect(document.querySelectorAll('.bg-case-card')).toHaveLength(2))
    expect($('.bg-case-card-BGY').className).toContain('bg-case-card--yellow')
    expect($('.bg-case-card-BGY').textContent).toContain('黄牌预警')
    expect($('.bg-case-card-BGY').textContent).toContain('剩余 1小时')
    expect($('.bg-case-card-BGR').className).toContain('bg-case-card--red')
    expect($('.bg-case-card-BGR').textContent).toContain('红牌警告')
    expect($('.bg-case-card-BGR').textContent).toContain('已逾期 3小时')
    // The grid's tally of cards, with a shortcut to the overdue list.
    expect(await screen.findByText('逾期未办 1 ›')).toBeTruthy()
    fireEvent.click(screen.getByText('逾期未办 1 ›'))
    await waitFor(() =>
      expect(payloadsOf('board.list')).toContainEqual(expect.objectContaining({ filter: 'overdue' })),
    )
  })

  it('opens the handling page when a card is tapped', async () => {
    onAction('board.list', () => ok(boardPage([caseView({ id: 'case-9', caseNo: 'BG9' })])))
    render(<BoardPage />)
    const card = await waitFor(() => $('.bg-case-card-BG9 .bg-case-card__body'))
    fireEvent.click(card)
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pkg-staff/pages/handle/index?id=case-9' })
  })

  it('loads the next page when scrolled to the end', async () => {
    onAction('board.list', (payload) => {
      const page = (payload as { page: number }).page
      return ok({
        ...boardPage([caseView({ id: `p${page}`, caseNo: `BGP${page}` })]),
        total: page < 2 ? null : 2,
        hasMore: page < 2,
        page,
      })
    })
    render(<BoardPage />)
    await waitFor(() => expect(document.querySelectorAll('.bg-case-card')).toHaveLength(1))
    await act(async () => {
      reachBottom()
    })
    await waitFor(() => expect(document.querySelectorAll('.bg-case-card')).toHaveLength(2))
  })
})
