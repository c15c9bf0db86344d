import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import AwardReviewPage from '../../src/pkg-rewards/pages/review/index'
import { resetTaro } from '../fakes/taro'
import { fail, ok, onAction, payloadsOf, resetPlatform } from '../fakes/platform'
import { awardView } from './rewards-fixtures'

jest.mock('@tarojs/taro', () => require('../fakes/taro'))
jest.mock('@tarojs/components', () => require('../fakes/taro-components'))
jest.mock('@/platform/cloud', () => require('../fakes/platform').cloud)

// The page offers the period that ended last: freeze "now" in early December 2026 (Beijing).
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

const page = (items: ReturnType<typeof awardView>[]) =>
  ok({ items, total: items.length, hasMore: false, page: 1, pageSize: 50 })
const $ = (selector: string) => {
  const element = document.querySelector<HTMLElement>(selector)
  if (!element) throw new Error(`no element matches ${selector}`)
  return element
}

describe('award review page (评选审核)', () => {
  it('publishes the reviewed draft after confirmation, and then shows it as published', async () => {
    const draft = awardView()
    onAction('award.list', () => page([draft]))
    onAction('award.publish', () =>
      ok({
        award: {
          ...draft,
          status: 'published',
          statusLabel: '已发布',
          publishedAt: '2026-12-02T02:00:00.000Z',
          publishedBy: '长效办小胡',
        },
      }),
    )
    render(<AwardReviewPage />)

    expect(await screen.findByText('草稿·待审核发布')).toBeTruthy()
    expect(screen.getByText('林女士')).toBeTruthy()
    await act(async () => {
      fireEvent.click($('.bg-publish-award'))
    })
    await waitFor(() => expect(payloadsOf('award.publish')).toEqual([{ awardId: draft.id }]))
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '发布月度环保市民' }))
    await waitFor(() =>
      expect(Taro.showToast).toHaveBeenCalledWith(
        expect.objectContaining({ title: '已发布，获奖者将收到通知' }),
      ),
    )
    expect(await screen.findByText('已发布')).toBeTruthy()
    expect(document.querySelector('.bg-publish-award')).toBeNull()
  })

  it('publishes nothing when the office cancels the confirmation', async () => {
    onAction('award.list', () => page([awardView()]))
    ;(Taro.showModal as jest.Mock).mockImplementation(() => Promise.resolve({ confirm: false, cancel: true }))
    render(<AwardReviewPage />)
    const publish = await waitFor(() => $('.bg-publish-award'))
    await act(async () => {
      fireEvent.click(publish)
    })
    expect(Taro.showModal).toHaveBeenCalled()
    expect(payloadsOf('award.publish')).toEqual([])
  })

  it('says so when someone else published first (publishing twice is refused)', async () => {
    onAction('award.list', () => page([awardView()]))
    onAction('award.publish', () => fail('already-published', '该评选结果已经发布，不能重复发布'))
    render(<AwardReviewPage />)
    const publish = await waitFor(() => $('.bg-publish-award'))
    await act(async () => {
      fireEvent.click(publish)
    })
    await waitFor(() =>
      expect(Taro.showToast).toHaveBeenCalledWith(
        expect.objectContaining({ title: '该评选结果已经发布，不能重复发布', icon: 'none' }),
      ),
    )
    // The list is read again to show the award as it now is.
    await waitFor(() => expect(payloadsOf('award.list').length).toBeGreaterThanOrEqual(2))
  })

  it('leaves out a winner: the new draft is asked without them, and publishing waits for it', async () => {
    const draft = awardView()
    onAction('award.list', () => page([draft]))
    onAction('award.draft', () => ok({ award: { ...draft, winners: [draft.winners[1]!], excludedCount: 1 } }))
    render(<AwardReviewPage />)
    fireEvent.click(await waitFor(() => $('.bg-exclude-1')))
    expect(screen.getByText('已选择排除1人，重新生成草稿后生效')).toBeTruthy()
    expect($('.bg-publish-award').hasAttribute('disabled')).toBe(true)
    // Without a reason the draft is not asked for: a review that leaves someone out says why.
    await act(async () => {
      fireEvent.click($('.bg-draft-award'))
    })
    expect(payloadsOf('award.draft')).toEqual([])
    fireEvent.change($('.bg-review__reason'), { target: { value: '重复举报刷分' } })
    await act(async () => {
      fireEvent.click($('.bg-draft-award'))
    })
    await waitFor(() =>
      expect(payloadsOf('award.draft')).toEqual([
        {
          kind: 'month',
          period: '2026-11',
          list: 'public',
          exclude: ['demo-resident'],
          note: '重复举报刷分',
        },
      ]),
    )
    await waitFor(() => expect(screen.queryByText('林女士')).toBeNull())
    expect($('.bg-publish-award').hasAttribute('disabled')).toBe(false)
  })

  it('drafts a period still running as a labelled preview that cannot be published', async () => {
    onAction('award.list', () => page([]))
    onAction('award.draft', () =>
      ok({
        award: awardView({
          period: '2026-12',
          periodLabel: '2026年12月',
          periodEnded: false,
          statusLabel: '草稿·周期未结束',
        }),
      }),
    )
    render(<AwardReviewPage />)
    fireEvent.click(await waitFor(() => $('.bg-review-period-current')))
    expect(await screen.findByText('2026年12月还没有评选草稿')).toBeTruthy()
    await act(async () => {
      fireEvent.click($('.bg-draft-award'))
    })
    expect(await screen.findByText('草稿·周期未结束')).toBeTruthy()
    expect(payloadsOf('award.draft')).toEqual([expect.objectContaining({ period: '2026-12' })])
    expect($('.bg-publish-award').hasAttribute('disabled')).toBe(true)
  })
})
