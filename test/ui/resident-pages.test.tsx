import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import MePage from '../../src/pages/me/index'
import MessagesPage from '../../src/pages/messages/index'
import MyCasesPage from '../../src/pages/my-cases/index'
import PrivacyPage from '../../src/pages/privacy/index'
import ReportPage from '../../src/pages/report/index'
import { pullDown, reachBottom, resetTaro } from '../fakes/taro'
import { devLogin, fail, ok, onAction, payloadsOf, privacy, resetPlatform } from '../fakes/platform'
import { caseView, meView } from './fixtures'

jest.mock('@tarojs/taro', () => require('../fakes/taro'))
jest.mock('@tarojs/components', () => require('../fakes/taro-components'))
jest.mock('@/platform/cloud', () => require('../fakes/platform').cloud)
jest.mock('@/platform/media', () => require('../fakes/platform').media)
jest.mock('@/platform/location', () => require('../fakes/platform').location)
jest.mock('@/platform/dev-login', () => require('../fakes/platform').devLogin)
jest.mock('@/platform/privacy', () => require('../fakes/platform').privacy)
jest.mock('@/platform/subscribe', () => require('../fakes/platform').subscribe)

beforeEach(() => {
  resetTaro()
  resetPlatform()
})

function $(selector: string): HTMLElement {
  const element = document.querySelector<HTMLElement>(selector)
  if (!element) throw new Error(`no element matches ${selector}`)
  return element
}

describe('my cases', () => {
  it('lists my reports ten at a time, loading the next page at the end of the list', async () => {
    onAction('case.mine', (payload) => {
      const { page, pageSize } = payload as { page: number; pageSize: number }
      const items = Array.from({ length: page === 1 ? 10 : 2 }, (_, index) =>
        caseView({ id: `c${page}-${index}`, caseNo: `BG${page}${index}`, isMine: true }),
      )
      return ok({ items, total: page === 1 ? null : 12, hasMore: page === 1, page, pageSize })
    })
    render(<MyCasesPage />)
    await waitFor(() => expect(document.querySelectorAll('.bg-case-card')).toHaveLength(10))
    // More follow, and lists are not counted in full: the count is exact once the last page is in.
    expect(screen.getByText('共 10+ 条举报')).toBeTruthy()
    expect(payloadsOf('case.mine')).toEqual([{ page: 1, pageSize: 10 }])

    await act(async () => {
      reachBottom()
    })
    await waitFor(() => expect(document.querySelectorAll('.bg-case-card')).toHaveLength(12))
    expect(payloadsOf('case.mine')).toEqual([
      { page: 1, pageSize: 10 },
      { page: 2, pageSize: 10 },
    ])
    expect(screen.getByText('没有更多了')).toBeTruthy()
    expect(screen.getByText('共 12 条举报')).toBeTruthy()

    fireEvent.click($('.bg-case-card-BG10 .bg-case-card__body'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/case-detail/index?id=c1-0' })

    await act(async () => {
      pullDown()
    })
    await waitFor(() => expect(Taro.stopPullDownRefresh).toHaveBeenCalled())
  })

  it('invites the first report when there is none yet', async () => {
    onAction('case.mine', () => ok({ items: [], total: 0, hasMore: false, page: 1, pageSize: 10 }))
    render(<MyCasesPage />)
    expect(await screen.findByText('您还没有举报过问题')).toBeTruthy()
    fireEvent.click($('.bg-empty-action'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/report/index' })
  })
})

describe('messages (the in-app fallback for subscription messages)', () => {
  it('lists what was sent about my cases and opens the case on tap', async () => {
    onAction('notification.list', () =>
      ok({
        items: [
          {
            id: 'n1',
            kind: 'case-claimed',
            caseId: 'case-1',
            caseNo: '20261123-0001',
            title: '您的举报已被认领',
            body: '网格工作人员网格员小许已认领，正在处理',
            createdAt: new Date().toISOString(),
          },
        ],
        total: 1,
        hasMore: false,
        page: 1,
        pageSize: 20,
      }),
    )
    render(<MessagesPage />)
    expect(await screen.findByText('您的举报已被认领')).toBeTruthy()
    expect(screen.getByText('问题编号 20261123-0001 ›')).toBeTruthy()
    fireEvent.click($('.bg-message-case-claimed'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/case-detail/index?id=case-1' })
  })

  it('says so when there are none, and offers a retry when loading fails', async () => {
    onAction('notification.list', () => fail('not-signed-in', '请先登录'))
    render(<MessagesPage />)
    expect(await screen.findByText('请先登录')).toBeTruthy()
    onAction('notification.list', () => ok({ items: [], total: 0, hasMore: false, page: 1, pageSize: 20 }))
    fireEvent.click($('.bg-retry'))
    expect(await screen.findByText('暂无消息')).toBeTruthy()
  })
})

describe('privacy', () => {
  it('says in plain Chinese what is stored, why, who sees it and for how long', () => {
    render(<PrivacyPage />)
    const text = document.body.textContent ?? ''
    for (const heading of ['我们保存什么', '为什么需要', '谁能看到', '保存多久'])
      expect(text).toContain(heading)
    expect(text).toContain('EXIF')
    expect(text).toContain('匿名举报不计积分')
    expect(text).toContain('您选择的位置')
  })

  it('in WeChat, shows the notice when WeChat asks for consent and answers WeChat from the agree button', async () => {
    let askWeChat: ((answer: (agreed: boolean) => void) => void) | undefined
    const original = privacy.consentMode
    ;(privacy as { consentMode: string }).consentMode = 'wechat'
    privacy.listenForConsentRequests.mockImplementation((show) => {
      askWeChat = show
      return () => undefined
    })
    try {
      render(<ReportPage />)
      await waitFor(() => expect(askWeChat).toBeDefined())
      const answer = jest.fn()
      act(() => askWeChat!(answer))
      expect(await screen.findByText('隐私保护提示')).toBeTruthy()
      // The agree button is WeChat's own kind, carrying the id WeChat checks.
      expect($('.bg-privacy-agree').getAttribute('data-open-type')).toBe('agreePrivacyAuthorization')
      expect($('.bg-privacy-agree').id).toBe('bg-privacy-agree')
      fireEvent.click($('.bg-privacy-agree'))
      expect(answer).toHaveBeenCalledWith(true)
      expect(screen.queryByText('隐私保护提示')).toBeNull()
    } finally {
      ;(privacy as { consentMode: string }).consentMode = original
    }
  })
})

describe('me page', () => {
  it('shows role, grid and points, and links to my reports, messages and the privacy page', async () => {
    devLogin.devSession.mockImplementation(async () => ({
      account: {
        openid: 'demo-grid-member',
        nickname: '网格员小许',
        role: 'grid_member',
        roleLabel: '网格员',
        description: '',
      },
    }))
    onAction('me.get', () => ok(meView({ points: 30 })))
    render(<MePage />)
    await waitFor(() => expect(document.querySelector('.bg-me-nickname')?.textContent).toBe('网格员小许'))
    expect($('.bg-me-role').textContent).toBe('网格员')
    expect($('.bg-points').textContent).toBe('30')
    expect(screen.getByText('航海东路街道 / 映月路社区 / 映月路社区第1网格')).toBeTruthy()

    fireEvent.click($('.bg-my-cases-entry'))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/my-cases/index' })
    fireEvent.click($('.bg-messages-entry'))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/messages/index' })
    fireEvent.click($('.bg-overdue-entry'))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pkg-staff/pages/board/index?filter=overdue' })
    fireEvent.click($('.bg-privacy-entry'))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/privacy/index' })
  })
})
