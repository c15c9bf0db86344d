import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import CaseDetailPage from '../../src/pages/case-detail/index'
import type { CaseView, EventView } from '../../src/domain/contract'
import { resetTaro, router } from '../fakes/taro'
import { fail, ok, onAction, payloadsOf, resetPlatform } from '../fakes/platform'
import { caseView, meView } from './fixtures'

jest.mock('@tarojs/taro', () => require('../fakes/taro'))
jest.mock('@tarojs/components', () => require('../fakes/taro-components'))
jest.mock('@/platform/cloud', () => require('../fakes/platform').cloud)

const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60000).toISOString()

function event(seq: number, type: string, label: string, overrides: Partial<EventView> = {}): EventView {
  return {
    seq,
    type,
    label,
    actorLabel: '',
    from: '',
    to: 'pending',
    note: '',
    evidence: [],
    heldEvidence: [],
    at: at(100 - seq),
    ...overrides,
  }
}

/** The trail of a case that was reported, claimed, fixed with an after-photo and verified. */
const verifiedTrail: EventView[] = [
  event(1, 'submit', '登记', { actorLabel: '林女士', to: 'pending' }),
  event(2, 'claim', '认领', { actorLabel: '网格员 网格员小许', to: 'claimed' }),
  event(3, 'rectify', '已整改', {
    actorLabel: '网格员 网格员小许',
    to: 'rectified',
    note: '已督促工地冲洗车辆',
    evidence: ['cloud://bluegrid-local.test/reports/after.jpg'],
  }),
  event(4, 'verify', '核查通过', { actorLabel: '网格长 网格长老周', to: 'verified' }),
]

function mine(overrides: Partial<CaseView> = {}): CaseView {
  return caseView({ id: 'case-1', isMine: true, status: 'verified', statusLabel: '待市民确认', ...overrides })
}

beforeEach(() => {
  resetTaro()
  resetPlatform()
  router.params = { id: 'case-1' }
  onAction('me.get', () => ok(meView({ role: 'resident', roleLabel: '市民', nickname: '林女士' })))
})

function $(selector: string): HTMLElement {
  const element = document.querySelector<HTMLElement>(selector)
  if (!element) throw new Error(`no element matches ${selector}`)
  return element
}

describe('case detail', () => {
  it('shows the trail newest first like parcel tracking, with the photos from before and after the fix', async () => {
    onAction('case.get', () => ok({ case: mine(), events: verifiedTrail }))
    render(<CaseDetailPage />)

    await screen.findByText('处理进度')
    const labels = Array.from(document.querySelectorAll('.bg-timeline__label')).map(
      (node) => node.textContent,
    )
    expect(labels).toEqual(['核查通过', '已整改', '认领', '登记'])
    expect($('.bg-timeline-rectify').textContent).toContain('已督促工地冲洗车辆')
    expect($('.bg-photos-before').textContent).toContain('整改前')
    expect($('.bg-photos-after img').getAttribute('src')).toBe(
      `/storage/file?fileID=${encodeURIComponent('cloud://bluegrid-local.test/reports/after.jpg')}`,
    )
    expect($('.bg-timeline-rectify img')).toBeTruthy()
  })

  it('shows 图片审核中 in the trail where an after-photo is still being checked', async () => {
    const checking = verifiedTrail.map((shown) =>
      shown.type === 'rectify'
        ? { ...shown, evidence: [], heldEvidence: [{ state: 'checking' as const, label: '图片审核中' }] }
        : shown,
    )
    onAction('case.get', () => ok({ case: mine(), events: checking }))
    render(<CaseDetailPage />)

    await screen.findByText('处理进度')
    expect($('.bg-timeline-rectify .bg-timeline__held--checking').textContent).toBe('图片审核中')
    expect(document.querySelector('.bg-timeline-rectify img')).toBeNull()
    expect(document.querySelector('.bg-photos-after')).toBeNull()
  })

  it('gives the reporter the receipt of the sealed trail to keep, and nobody else', async () => {
    onAction('case.get', () => ok({ case: mine({ receipt: '3f9a0c51d2e47b68' }), events: verifiedTrail }))
    const { unmount } = render(<CaseDetailPage />)
    expect((await screen.findByText(/存证回执/)).textContent).toContain('3f9a0c51d2e47b68')
    unmount()
    onAction('case.get', () => ok({ case: caseView({ id: 'case-1' }), events: verifiedTrail }))
    render(<CaseDetailPage />)
    await screen.findByText('处理进度')
    expect(screen.queryByText(/存证回执/)).toBeNull()
  })

  it('tells the reporter their case waits for the content check before the public sees it', async () => {
    const waiting = mine({ status: 'pending', screening: { state: 'checking', label: '内容安全检测中' } })
    onAction('case.get', () => ok({ case: waiting, events: verifiedTrail.slice(0, 1) }))
    const { unmount } = render(<CaseDetailPage />)
    expect((await screen.findByText(/内容安全检测中/)).textContent).toBe(
      '内容安全检测中：通过前仅举报人和工作人员可见',
    )
    unmount()
    onAction('case.get', () =>
      ok({
        case: mine({ screening: { state: 'passed', label: '已通过内容安全检测' } }),
        events: verifiedTrail,
      }),
    )
    render(<CaseDetailPage />)
    await screen.findByText('处理进度')
    expect(screen.queryByText(/内容安全/)).toBeNull()
  })

  it('lets the reporter confirm a verified fix with a rating and a comment, after a modal confirm', async () => {
    // Like the server: once confirmed, case.get answers with the closed case too.
    let current = mine()
    onAction('case.get', () => ok({ case: current, events: verifiedTrail }))
    onAction('case.confirm', (payload) => {
      current = mine({
        status: 'closed',
        statusLabel: '已结案',
        rating: (payload as { rating: number }).rating,
      })
      return ok({ case: current })
    })
    render(<CaseDetailPage />)
    await screen.findByText('整改结果满意吗？')

    // No stars yet: refused next to the rating, nothing sent.
    fireEvent.click($('.bg-feedback-send'))
    expect(await screen.findByText('请为处理结果打分（1–5星）')).toBeTruthy()
    expect(payloadsOf('case.confirm')).toEqual([])

    fireEvent.click(document.querySelectorAll('.bg-rating .nut-rate-item')[3]!)
    fireEvent.change($('.bg-feedback-comment textarea'), { target: { value: '处理及时' } })
    await act(async () => {
      fireEvent.click($('.bg-feedback-send'))
    })
    await waitFor(() =>
      expect(payloadsOf('case.confirm')).toEqual([{ caseId: 'case-1', rating: 4, comment: '处理及时' }]),
    )
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '确认结案' }))
    expect(Taro.showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '已确认结案，感谢您的评价' }),
    )
    await waitFor(() => expect($('.bg-case-status').textContent).toContain('已结案'))
    expect(document.querySelector('.bg-rated')).toBeTruthy()
  })

  it('lets the reporter dispute the fix with a reason instead', async () => {
    onAction('case.get', () => ok({ case: mine(), events: verifiedTrail }))
    onAction('case.dispute', () =>
      ok({ case: mine({ status: 'pending', statusLabel: '待认领', disputeCount: 1 }) }),
    )
    render(<CaseDetailPage />)
    await screen.findByText('整改结果满意吗？')

    fireEvent.click($('.bg-feedback-dispute-mode'))
    fireEvent.click($('.bg-feedback-send'))
    expect(await screen.findByText('请写明不满意的原因')).toBeTruthy()
    fireEvent.change($('.bg-dispute-reason textarea'), { target: { value: '工地仍未冲洗车辆' } })
    await act(async () => {
      fireEvent.click($('.bg-feedback-send'))
    })
    await waitFor(() =>
      expect(payloadsOf('case.dispute')).toEqual([{ caseId: 'case-1', reason: '工地仍未冲洗车辆' }]),
    )
    expect(Taro.showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '已提交异议，问题将重新办理' }),
    )
  })

  it('shows the server’s refusal honestly when confirming fails', async () => {
    onAction('case.get', () => ok({ case: mine(), events: verifiedTrail }))
    onAction('case.confirm', () => fail('illegal-transition', '该问题当前状态为“已结案”，不能进行此操作'))
    render(<CaseDetailPage />)
    await screen.findByText('整改结果满意吗？')
    fireEvent.click(document.querySelectorAll('.bg-rating .nut-rate-item')[4]!)
    await act(async () => {
      fireEvent.click($('.bg-feedback-send'))
    })
    await waitFor(() =>
      expect(Taro.showToast).toHaveBeenCalledWith(
        expect.objectContaining({ title: '该问题当前状态为“已结案”，不能进行此操作' }),
      ),
    )
  })

  it('offers no confirmation to someone who is not the reporter, but lets them join an open case', async () => {
    let current = caseView({ id: 'case-1', followerCount: 1 })
    onAction('case.get', () => ok({ case: current, events: verifiedTrail.slice(0, 1) }))
    onAction('case.join', () => {
      current = caseView({ id: 'case-1', isFollowing: true, followerCount: 2 })
      return ok({ case: current })
    })
    render(<CaseDetailPage />)
    await screen.findByText('处理进度')
    expect(screen.queryByText('整改结果满意吗？')).toBeNull()
    expect($('.bg-follow-status').textContent).toBe('1人附议')

    await act(async () => {
      fireEvent.click($('.bg-join-case'))
    })
    await waitFor(() =>
      expect($('.bg-follow-status').textContent).toBe('您已附议，共2人附议，处理进度会通知您'),
    )
    expect(payloadsOf('case.join')).toEqual([{ caseId: 'case-1' }])
    expect(document.querySelector('.bg-join-case')).toBeNull()
  })

  it('offers grid staff a way to the handling page', async () => {
    onAction('me.get', () => ok(meView()))
    onAction('case.get', () => ok({ case: caseView({ id: 'case-1' }), events: verifiedTrail.slice(0, 1) }))
    render(<CaseDetailPage />)
    fireEvent.click(await waitFor(() => $('.bg-handle-entry')))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pkg-staff/pages/handle/index?id=case-1' })
  })

  it('shows someone else’s case as its public summary: the community, a rounded place, no reporter or photos', async () => {
    const summary = caseView({
      id: 'case-1',
      view: 'summary',
      photos: [],
      reporter: null,
      address: '航海东路街道 / 映月路社区',
      location: { lng: 113.693, lat: 34.729 },
    })
    const publicTrail = verifiedTrail.map((event) => ({ ...event, evidence: [] }))
    onAction('case.get', () => ok({ case: summary, events: publicTrail }))
    render(<CaseDetailPage />)
    await screen.findByText('处理进度')
    expect($('.bg-public-summary').textContent).toContain('以下为公开信息')
    expect(screen.getByText('所在区域')).toBeTruthy()
    expect(screen.getByText('航海东路街道 / 映月路社区')).toBeTruthy()
    expect(screen.getByText('约 113.693, 34.729')).toBeTruthy()
    expect(screen.getByText('不公开')).toBeTruthy()
    expect(document.querySelector('.bg-photos-before')).toBeNull()
    expect(document.querySelector('.bg-photos-after')).toBeNull()
  })

  it('offers staff no way to handle a case outside their grids, which they see as its summary', async () => {
    onAction('me.get', () => ok(meView()))
    onAction('case.get', () =>
      ok({ case: caseView({ id: 'case-1', view: 'summary', photos: [], reporter: null }), events: [] }),
    )
    render(<CaseDetailPage />)
    await screen.findByText('处理进度')
    expect(document.querySelector('.bg-handle-entry')).toBeNull()
  })

  it('shows a skeleton while loading and an error with retry when the case cannot be loaded', async () => {
    onAction('case.get', () => fail('not-found', '没有找到这个问题'))
    render(<CaseDetailPage />)
    expect(document.querySelector('.bg-state--loading .nut-skeleton')).toBeTruthy()
    expect(await screen.findByText('没有找到这个问题')).toBeTruthy()
    onAction('case.get', () => ok({ case: mine(), events: verifiedTrail }))
    fireEvent.click($('.bg-retry'))
    expect(await screen.findByText('处理进度')).toBeTruthy()
  })
})

describe('a monitoring case', () => {
  it('shows its episode’s curve: station, span, peaks and the latest readings as bars', async () => {
    const curve = [230, 260, 210, 90].map((pm10, index) => ({
      at: new Date(Date.UTC(2026, 10, 23, 2, index)).toISOString(),
      pm25: 50,
      pm10,
    }))
    onAction('case.get', () =>
      ok({ case: caseView({ id: 'case-1', channel: 'sensor' }), events: [event(1, 'submit', '登记')] }),
    )
    onAction('station.episode', () =>
      ok({
        station: { id: 'st-yingyue', name: '映月路监测点' },
        openedAt: curve[0]!.at,
        closedAt: null,
        readingCount: 4,
        peak: { pm25: 50, pm10: 260 },
        curve,
      }),
    )
    render(<CaseDetailPage />)
    expect(await screen.findByText('站点：映月路监测点')).toBeTruthy()
    expect($('.bg-sensor-peak').textContent).toBe('共4条读数，峰值 PM10 260 μg/m³，PM2.5 50 μg/m³')
    expect($('.bg-sensor-span').textContent).toMatch(/尚未恢复$/)
    const bars = Array.from(document.querySelectorAll<HTMLElement>('.bg-sensor-curve__bar'))
    expect(bars.map((bar) => bar.style.height)).toEqual(['88%', '100%', '81%', '35%'])
    expect(payloadsOf('station.episode')).toEqual([{ caseId: 'case-1' }])
  })

  it('asks for no curve for a case from another channel', async () => {
    onAction('case.get', () => ok({ case: caseView({ id: 'case-1' }), events: [] }))
    render(<CaseDetailPage />)
    await waitFor(() => expect(document.querySelector('.bg-facts, .bg-section')).toBeTruthy())
    expect(payloadsOf('station.episode')).toEqual([])
    expect(document.querySelector('.bg-sensor-curve')).toBeNull()
  })
})
