import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import AssessmentPage from '../../src/pkg-staff/pages/assessment/index'
import { resetTaro } from '../fakes/taro'
import { fail, ok, onAction, payloadsOf, resetPlatform } from '../fakes/platform'
import { assessmentView } from './assessment-fixtures'
import { meView } from './fixtures'

jest.mock('@tarojs/taro', () => require('../fakes/taro'))
jest.mock('@tarojs/components', () => require('../fakes/taro-components'))
jest.mock('@/platform/cloud', () => require('../fakes/platform').cloud)

// The page opens on the month that ended last: freeze "now" in early December 2026 (Beijing).
beforeAll(() => {
  jest.useFakeTimers({
    now: new Date('2026-12-02T02:00:00.000Z'),
    doNotFake: ['setTimeout', 'setImmediate', 'setInterval', 'nextTick', 'queueMicrotask'],
  })
})
afterAll(() => jest.useRealTimers())

beforeEach(() => {
  resetTaro()
  resetPlatform()
})

const $ = (selector: string) => {
  const element = document.querySelector<HTMLElement>(selector)
  if (!element) throw new Error(`no element matches ${selector}`)
  return element
}
const office = () => ok(meView({ role: 'district_office', roleLabel: '区级办公室' }))

describe('assessment page (月度考核)', () => {
  it('shows last month’s league with grades, the 红榜 and 黑榜, and the card notes', async () => {
    onAction('me.get', () => ok(meView()))
    onAction('assessment.list', () =>
      ok({ items: [assessmentView({ status: 'published', statusLabel: '已发布' })] }),
    )
    render(<AssessmentPage />)

    expect(await screen.findByText('2026年11月 · 已发布')).toBeTruthy()
    expect(payloadsOf('assessment.list')).toEqual([{ month: '2026-11' }])
    expect($('.bg-assess-top').textContent).toContain('航海东路街道')
    expect($('.bg-assess-bottom').textContent).toContain('北下街街道')
    expect($('.bg-assess-row-grid-street-2').textContent).toContain('58.0')
    expect($('.bg-assess-row-grid-street-2').textContent).toContain('D')
    expect(screen.getByText('红牌1张，扣2分，约谈负责人')).toBeTruthy()
    // Weights of 0 are not shown as part of the formula.
    expect(screen.getByText(/综合指标值 = 结案率×30（/)).toBeTruthy()
    // A grid member neither drafts nor publishes.
    expect(document.querySelector('.bg-draft-assessment')).toBeNull()
    expect(document.querySelector('.bg-publish-assessment')).toBeNull()
  })

  it('switches to another league, and says when a month has nothing published', async () => {
    onAction('me.get', () => ok(meView()))
    onAction('assessment.list', (payload) =>
      ok({ items: (payload as { month: string }).month === '2026-11' ? [assessmentView()] : [] }),
    )
    render(<AssessmentPage />)
    await screen.findByText('2026年11月 · 草稿')
    await act(async () => {
      fireEvent.click($('.bg-assess-level-block'))
    })
    expect(document.querySelector('.bg-assess-row-grid-street-1')).toBeNull()
    await act(async () => {
      fireEvent.click($('.bg-assess-month-current'))
    })
    expect(await screen.findByText('2026年12月的考核结果尚未发布')).toBeTruthy()
  })

  it('lets the district office draft a month, then publish it after confirming', async () => {
    onAction('me.get', office)
    onAction('assessment.list', () => ok({ items: [] }))
    onAction('assessment.draft', () => ok({ assessment: assessmentView() }))
    onAction('assessment.publish', () =>
      ok({
        assessment: assessmentView({ status: 'published', statusLabel: '已发布', publishedBy: '大气办小王' }),
      }),
    )
    render(<AssessmentPage />)
    const draft = await waitFor(() => $('.bg-draft-assessment'))
    expect(draft.textContent).toBe('生成草稿')
    await act(async () => {
      fireEvent.click(draft)
    })
    expect(payloadsOf('assessment.draft')).toEqual([{ month: '2026-11' }])
    expect(await screen.findByText('2026年11月 · 草稿')).toBeTruthy()
    await act(async () => {
      fireEvent.click($('.bg-publish-assessment'))
    })
    await waitFor(() => expect(payloadsOf('assessment.publish')).toEqual([{ month: '2026-11' }]))
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '发布2026年11月考核结果' }))
    expect(await screen.findByText('2026年11月 · 已发布')).toBeTruthy()
    expect(document.querySelector('.bg-publish-assessment')).toBeNull()
    expect(document.querySelector('.bg-draft-assessment')).toBeNull()
  })

  it('does not offer publishing a month that has not ended, and shows a refusal in plain Chinese', async () => {
    onAction('me.get', office)
    onAction('assessment.list', () => ok({ items: [assessmentView({ periodEnded: false })] }))
    onAction('assessment.draft', () => fail('already-published', '该月考核结果已经发布，不能再修改'))
    render(<AssessmentPage />)
    const publish = await waitFor(() => $('.bg-publish-assessment'))
    expect(publish.getAttribute('disabled')).not.toBeNull()
    await act(async () => {
      fireEvent.click($('.bg-draft-assessment'))
    })
    await waitFor(() =>
      expect(Taro.showToast).toHaveBeenCalledWith(
        expect.objectContaining({ title: '该月考核结果已经发布，不能再修改' }),
      ),
    )
  })
})
