import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import WeeklyListPage from '../../src/pkg-staff/pages/weekly/index'
import WeeklyReportPage from '../../src/pkg-staff/pages/weekly-report/index'
import { resetTaro, router } from '../fakes/taro'
import { ok, onAction, payloadsOf, resetPlatform } from '../fakes/platform'
import { meView } from './fixtures'
import { streetWeeklyView, weeklyList, weeklyView } from './weekly-fixtures'

jest.mock('@tarojs/taro', () => require('../fakes/taro'))
jest.mock('@tarojs/components', () => require('../fakes/taro-components'))
jest.mock('@/platform/cloud', () => require('../fakes/platform').cloud)

// Wednesday 2 December 2026 in Beijing: the report week that ended last is 2026-R48.
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
const community = weeklyView().grid
const street = streetWeeklyView().grid
const leaderOf = (grid: typeof community) =>
  ok(meView({ nickname: '社区网格长', role: 'grid_leader', roleLabel: '网格长', grids: [grid] }))
const type = (selector: string, value: string) =>
  fireEvent.change($(`${selector} textarea`), { target: { value } })

describe('the week’s reports (周报)', () => {
  it('lists the last week’s reports with their status and the late ones, and opens one', async () => {
    onAction('report.weekly.list', () =>
      ok(
        weeklyList([
          streetWeeklyView({ status: 'merged', statusLabel: '已汇总', version: 1 }),
          weeklyView({ status: 'late', statusLabel: '逾期未交', late: true }),
        ]),
      ),
    )
    render(<WeeklyListPage />)
    expect(await screen.findByText('2026年第48周周报（11月19日—11月25日）')).toBeTruthy()
    expect(payloadsOf('report.weekly.list')).toEqual([{ week: '2026-R48' }])
    expect($(`.bg-weekly-item-${street.id}`).textContent).toContain('已汇总')
    expect($(`.bg-weekly-item-${community.id}`).textContent).toContain('逾期未交')
    expect($(`.bg-weekly-item-${community.id}`).textContent).toContain('结案率 75.0%')
    expect($('.bg-weekly-late').textContent).toContain('映月路社区：未提交')
    await act(async () => {
      fireEvent.click($(`.bg-weekly-item-${community.id}`))
    })
    expect(Taro.navigateTo).toHaveBeenCalledWith({
      url: `/pkg-staff/pages/weekly-report/index?report=${encodeURIComponent(weeklyView().id)}`,
    })
  })

  it('exports the week as a workbook and opens its download link', async () => {
    const open = jest.spyOn(window, 'open').mockImplementation(() => null)
    onAction('report.weekly.list', () => ok(weeklyList([weeklyView()])))
    onAction('report.weekly.export', () =>
      ok({
        fileID: 'cloud://env.bucket/exports/abc/weekly.xlsx',
        url: 'https://files.example/weekly.xlsx?sign=1',
        fileName: '航海东路街道周报.xlsx',
        expiresAt: '2026-12-02T02:10:00.000Z',
      }),
    )
    render(<WeeklyListPage />)
    const button = await waitFor(() => $('.bg-export-weekly'))
    await act(async () => {
      fireEvent.click(button)
    })
    expect(payloadsOf('report.weekly.export')).toEqual([{ week: '2026-R48' }])
    await waitFor(() =>
      expect(open).toHaveBeenCalledWith('https://files.example/weekly.xlsx?sign=1', '_blank'),
    )
    open.mockRestore()
  })

  it('says when the week has no reports yet', async () => {
    onAction('report.weekly.list', () => ok(weeklyList([])))
    render(<WeeklyListPage />)
    expect(await screen.findByText('2026年第48周周报（11月19日—11月25日）尚未生成')).toBeTruthy()
  })
})

describe('a Thursday report', () => {
  it('shows the figures, and lets the community’s leader fill in and submit the text', async () => {
    router.params = { report: weeklyView().id }
    onAction('me.get', () => leaderOf(community))
    onAction('report.weekly.get', () => ok({ report: weeklyView() }))
    onAction('report.weekly.submit', (payload) =>
      ok({
        report: weeklyView({
          status: 'submitted',
          statusLabel: '已提交',
          version: 1,
          text: payload as never,
          submittedAt: '2026-12-02T02:00:00.000Z',
          submittedBy: '社区网格长',
        }),
      }),
    )
    render(<WeeklyReportPage />)
    expect(await screen.findByText('航海东路街道 / 映月路社区')).toBeTruthy()
    expect($('.bg-weekly-rates').textContent).toBe(
      '结案率 75.0% · 按期结案率 62.5% · 返工率 12.5% · 超期率 25.0%',
    )
    expect($(`.bg-weekly-row-${community.id}`).textContent).toContain('62.5%')
    expect($('.bg-weekly-cards').textContent).toBe('黄牌 3 · 红牌 1 · 督办 2')
    expect(screen.getByText('1. 映月路社区第1网格：9件')).toBeTruthy()

    // Nothing filled in: the form says what is missing, and nothing is sent.
    const submit = await waitFor(() => $('.bg-submit-weekly'))
    await act(async () => {
      fireEvent.click(submit)
    })
    expect($('.bg-field-error-problems').textContent).toBe('请填写存在的问题')
    expect($('.bg-field-error-nextWeek').textContent).toBe('请填写下周工作重点')
    expect(payloadsOf('report.weekly.submit')).toEqual([])

    type('.bg-weekly-problems', '  工地围挡缺失 ')
    type('.bg-weekly-suggestions', '加强夜间巡查')
    type('.bg-weekly-nextWeek', '重点检查渣土车')
    expect(document.querySelector('.bg-field-error-problems')).toBeNull()
    await act(async () => {
      fireEvent.click($('.bg-submit-weekly'))
    })
    expect(payloadsOf('report.weekly.submit')).toEqual([
      {
        id: weeklyView().id,
        problems: '工地围挡缺失',
        suggestions: '加强夜间巡查',
        nextWeek: '重点检查渣土车',
      },
    ])
    expect(await screen.findByText('已提交')).toBeTruthy()
    expect($('.bg-submit-weekly').textContent).toBe('修改并重新提交')
  })

  it('shows the text read-only to anyone but the community’s leader, with its history', async () => {
    router.params = { report: weeklyView().id }
    onAction('me.get', () => ok(meView({ role: 'district_office', roleLabel: '区级办公室' })))
    onAction('report.weekly.get', () =>
      ok({
        report: weeklyView({
          status: 'submitted',
          statusLabel: '已提交',
          version: 2,
          text: { problems: '道路扬尘', suggestions: '增加洒水', nextWeek: '巡查工地' },
          submittedAt: '2026-11-26T03:00:00.000Z',
          submittedBy: '社区网格长',
          history: [{ version: 1, submittedAt: '2026-11-26T02:00:00.000Z', submittedBy: '社区网格长' }],
        }),
      }),
    )
    render(<WeeklyReportPage />)
    expect(await screen.findByText('存在的问题：道路扬尘')).toBeTruthy()
    expect(document.querySelector('.bg-weekly-form')).toBeNull()
    expect($('.bg-weekly-history').textContent).toContain('第1版：社区网格长')
  })

  it('lets the street’s leader merge the submitted reports with the street’s text', async () => {
    router.params = { report: streetWeeklyView().id }
    const merged = {
      communityId: community.id,
      name: '映月路社区',
      version: 2,
      submittedAt: '2026-11-26T03:00:00.000Z',
      submittedBy: '社区网格长',
      text: { problems: '道路扬尘', suggestions: '增加洒水', nextWeek: '巡查工地' },
    }
    onAction('me.get', () => leaderOf(street))
    onAction('report.weekly.get', () => ok({ report: streetWeeklyView() }))
    onAction('report.weekly.merge', () =>
      ok({
        report: streetWeeklyView({
          status: 'merged',
          statusLabel: '已汇总',
          version: 1,
          mergeText: '各社区扬尘问题突出',
          merged: [merged],
          missing: [{ id: 'grid-community-2', name: '紫荆山南路社区', level: 'community', label: '' }],
        }),
      }),
    )
    render(<WeeklyReportPage />)
    const button = await waitFor(() => $('.bg-merge-weekly'))
    await act(async () => {
      fireEvent.click(button)
    })
    expect($('.bg-field-error-text').textContent).toBe('请填写街道汇总意见')
    type('.bg-weekly-merge-text', '各社区扬尘问题突出')
    await act(async () => {
      fireEvent.click($('.bg-merge-weekly'))
    })
    expect(payloadsOf('report.weekly.merge')).toEqual([
      { streetId: street.id, week: '2026-R48', text: '各社区扬尘问题突出' },
    ])
    expect(await screen.findByText('已汇总')).toBeTruthy()
    expect($('.bg-weekly-merged').textContent).toContain('映月路社区（第2版）')
    expect($('.bg-weekly-missing').textContent).toBe('未提交：紫荆山南路社区')
  })
})
