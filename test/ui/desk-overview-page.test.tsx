import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import DeskOverviewPage from '../../src/pkg-desk/pages/overview/index'
import HomePage from '../../src/pages/home/index'
import { actions } from '../../src/domain/contract'
import { periodLabel } from '../../src/domain/shared/time'
import { reachBottom, resetTaro, router } from '../fakes/taro'
import { fail, ok, onAction, payloadsOf, resetPlatform } from '../fakes/platform'
import { meView } from './fixtures'
import { deskCases, deskCharts, deskDistrict, deskOverview, deskStreet } from './desk-fixtures'

jest.mock('@tarojs/taro', () => require('../fakes/taro'))
jest.mock('@tarojs/components', () => require('../fakes/taro-components'))
jest.mock('@/platform/cloud', () => require('../fakes/platform').cloud)

// Wednesday 2 December 2026, 10:00 in Beijing: December runs, November has ended.
const now = new Date('2026-12-02T02:00:00.000Z')
beforeAll(() => {
  jest.useFakeTimers({
    now,
    doNotFake: ['setTimeout', 'setImmediate', 'setInterval', 'nextTick', 'queueMicrotask'],
  })
})
afterAll(() => jest.useRealTimers())

beforeEach(() => {
  resetTaro()
  resetPlatform()
  router.params = {}
})

const $ = (selector: string) => {
  const element = document.querySelector<HTMLElement>(selector)
  if (!element) throw new Error(`no element matches ${selector}`)
  return element
}

function answerAll() {
  onAction('stats.overview', (payload) => {
    const { period, gridId } = payload as { period: string; gridId?: string }
    const ended = period !== '2026-12'
    return ok(
      deskOverview({
        period,
        periodLabel: periodLabel(period),
        periodEnded: ended,
        ...(gridId === deskStreet.id ? { gridId, grid: deskStreet } : {}),
      }),
    )
  })
  onAction('stats.charts', () => ok(deskCharts(now, 1)))
}

describe('指标总览', () => {
  it('shows every indicator of the month, running, with rates as percentages and a dash for none', async () => {
    answerAll()
    render(<DeskOverviewPage />)
    expect(await screen.findByText('管城回族区 · 2026年12月')).toBeTruthy()
    expect($('.bg-desk-running').textContent).toBe('统计中')
    expect(payloadsOf('stats.overview')).toEqual([{ period: '2026-12' }])
    expect($('.bg-desk-figure-received').textContent).toContain('42')
    expect($('.bg-desk-figure-closure').textContent).toContain('80.0%')
    expect($('.bg-desk-figure-onTimeClosure').textContent).toContain('60.0%')
    // No rework over 10 due is a rate of 0, not of nothing.
    expect($('.bg-desk-figure-rework').textContent).toContain('0.0%')
    expect($('.bg-desk-figure-timeToClose').textContent).toContain('30小时')
    expect($('.bg-desk-figure-timeToClaim').textContent).toContain('—')
    expect($('.bg-desk-figure-source-patrol').textContent).toContain('12')
    // Category names come with the catalogue the charts carry.
    expect(await screen.findByText('道路扬尘')).toBeTruthy()
    expect($('.bg-desk-figure-category-road-dust').textContent).toContain('25')
    expect(actions['stats.overview'].output.safeParse(deskOverview()).success).toBe(true)
  })

  it('shows the patrol next to 漏报, which counts check-ins and so opens no case list', async () => {
    answerAll()
    render(<DeskOverviewPage />)
    expect(await screen.findByText('管城回族区 · 2026年12月')).toBeTruthy()
    expect($('.bg-desk-figure-gridsPatrolled').textContent).toContain('7/12')
    expect($('.bg-desk-figure-patrolCheckIns').textContent).toContain('21')
    fireEvent.click($('.bg-desk-figure-gridsPatrolled'))
    fireEvent.click($('.bg-desk-figure-missedByPatrol'))
    await waitFor(() => expect(payloadsOf('stats.cases')).toHaveLength(1))
    expect(payloadsOf('stats.cases')[0]).toMatchObject({ indicator: 'missedByPatrol' })
  })

  it('switches period kinds and to the previous period, which is no longer counting', async () => {
    answerAll()
    render(<DeskOverviewPage />)
    await screen.findByText('管城回族区 · 2026年12月')
    fireEvent.click($('.bg-desk-period-previous'))
    expect(await screen.findByText('管城回族区 · 2026年11月')).toBeTruthy()
    expect(document.querySelector('.bg-desk-running')).toBeNull()
    fireEvent.click($('.bg-desk-kind-week'))
    await waitFor(() => expect(payloadsOf('stats.overview')).toContainEqual({ period: '2026-W48' }))
    fireEvent.click($('.bg-desk-period-current'))
    fireEvent.click($('.bg-desk-kind-quarter'))
    await waitFor(() => expect(payloadsOf('stats.overview')).toContainEqual({ period: '2026-Q4' }))
    fireEvent.click($('.bg-desk-kind-day'))
    await waitFor(() => expect(payloadsOf('stats.overview')).toContainEqual({ period: '2026-12-02' }))
  })

  it('moves down to a child and back up', async () => {
    answerAll()
    render(<DeskOverviewPage />)
    await screen.findByText('管城回族区 · 2026年12月')
    fireEvent.click(await screen.findByText('航海东路街道 ›'))
    expect(await screen.findByText('航海东路街道 · 2026年12月')).toBeTruthy()
    expect(payloadsOf('stats.overview')).toContainEqual({ gridId: deskStreet.id, period: '2026-12' })
    expect(payloadsOf('stats.charts')).toContainEqual({ gridId: deskStreet.id, weeks: 1 })
    fireEvent.click($('.bg-desk-node-up'))
    expect(await screen.findByText('管城回族区 · 2026年12月')).toBeTruthy()
  })

  it('drills from a figure into its cases, page by page, each opening the case to handle', async () => {
    answerAll()
    onAction('stats.cases', (payload) => {
      const { page } = payload as { page: number }
      return ok(
        page === 1
          ? deskCases('overdue', ['0001', '0002'], true)
          : { ...deskCases('overdue', ['0003']), total: 3, page: 2 },
      )
    })
    render(<DeskOverviewPage />)
    await screen.findByText('管城回族区 · 2026年12月')
    fireEvent.click($('.bg-desk-figure-overdueRate'))
    expect(await screen.findByText('超期率（2026年12月）：共 2+ 件')).toBeTruthy()
    expect(payloadsOf('stats.cases')[0]).toEqual({
      gridId: deskDistrict.id,
      period: '2026-12',
      indicator: 'overdue',
      page: 1,
      pageSize: 20,
    })
    await act(async () => reachBottom())
    expect(await screen.findByText('20261201-0003')).toBeTruthy()
    expect(screen.getByText('超期率（2026年12月）：共 3 件')).toBeTruthy()
    fireEvent.click($('.bg-desk-case-20261201-0002'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pkg-staff/pages/handle/index?id=0002' })

    fireEvent.click($('.bg-desk-drill-back'))
    fireEvent.click($('.bg-desk-figure-category-coal-stove'))
    await waitFor(() =>
      expect(payloadsOf('stats.cases')).toContainEqual(
        expect.objectContaining({ indicator: 'byCategory', value: 'coal-stove' }),
      ),
    )
    expect(actions['stats.cases'].output.safeParse(deskCases('overdue', ['0001'])).success).toBe(true)
  })

  it('opens on the node it was given, and says what went wrong', async () => {
    router.params = { gridId: encodeURIComponent(deskStreet.id) }
    onAction('stats.overview', () => fail('forbidden', '该网格不在您的负责范围内'))
    onAction('stats.charts', () => ok(deskCharts(now, 1)))
    render(<DeskOverviewPage />)
    expect(await screen.findByText('该网格不在您的负责范围内')).toBeTruthy()
    expect(payloadsOf('stats.overview')).toEqual([{ gridId: deskStreet.id, period: '2026-12' }])
  })
})

describe('the desk home panel', () => {
  it('links the overview and the charts, and the figures open the overview', async () => {
    onAction('me.get', () => ok(meView({ role: 'district_office', roleLabel: '区级办公室' })))
    onAction('case.mine', () => ok({ items: [], total: 0, hasMore: false, page: 1, pageSize: 5 }))
    onAction('stats.overview', () => ok(deskOverview()))
    render(<HomePage />)
    await waitFor(() => expect(document.querySelector('.bg-desk-received')?.textContent).toBe('42'))
    fireEvent.click($('.bg-desk-figures'))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({
      url: `/pkg-desk/pages/overview/index?gridId=${deskDistrict.id}`,
    })
    fireEvent.click($('.bg-desk-overview'))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pkg-desk/pages/overview/index' })
    fireEvent.click($('.bg-desk-charts'))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pkg-desk/pages/charts/index' })
  })
})
