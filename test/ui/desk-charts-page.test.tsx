import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import DeskChartsPage from '../../src/pkg-desk/pages/charts/index'
import { actions } from '../../src/domain/contract'
import { resetTaro, router } from '../fakes/taro'
import { fail, ok, onAction, payloadsOf, resetPlatform } from '../fakes/platform'
import { deskCharts, deskDistrict, deskOtherStreet, deskStreet } from './desk-fixtures'

jest.mock('@tarojs/taro', () => require('../fakes/taro'))
jest.mock('@tarojs/components', () => require('../fakes/taro-components'))
jest.mock('@/platform/cloud', () => require('../fakes/platform').cloud)

// Wednesday 2 December 2026, 10:00 in Beijing: 2026-W49 runs.
const now = new Date('2026-12-02T02:00:00.000Z')

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
const heightOf = (selector: string) => $(selector).style.height

describe('图表分析', () => {
  it('draws twelve weeks of received and closed, the running week marked and empty weeks flat', async () => {
    const charts = deskCharts(now)
    expect(actions['stats.charts'].output.safeParse(charts).success).toBe(true)
    onAction('stats.charts', () => ok(charts))
    render(<DeskChartsPage />)
    expect(await screen.findByText('每周受理与结案')).toBeTruthy()
    expect(payloadsOf('stats.charts')).toEqual([{ weeks: 12 }])
    expect(document.querySelectorAll('.bg-charts__week')).toHaveLength(12)
    // The running week's axis says so; the one before is labelled by its Monday.
    expect($('.bg-chart-week-2026-W49 .bg-charts__axis').textContent).toBe('统计中')
    expect($('.bg-chart-week-2026-W48 .bg-charts__axis').textContent).toBe('11/23')
    // The busiest bar is the running week's received (21): full height; a week never counted is flat.
    expect(heightOf('.bg-chart-week-2026-W49 .bg-charts__bar--received')).toBe('100%')
    expect($('.bg-chart-week-2026-W49').textContent).toContain('21')
    expect(heightOf('.bg-chart-week-2026-W38 .bg-charts__bar--received')).toBe('0%')
    const w48 = Number.parseFloat(heightOf('.bg-chart-week-2026-W48 .bg-charts__bar--received'))
    expect(w48).toBeCloseTo((20 / 21) * 100, 5)
  })

  it("draws this month's categories by name, times to close in bins, and the streets ranked", async () => {
    onAction('stats.charts', () => ok(deskCharts(now)))
    render(<DeskChartsPage />)
    expect(await screen.findByText('问题类别构成')).toBeTruthy()
    expect($('.bg-chart-category-road-dust').textContent).toContain('道路扬尘25')
    expect($('.bg-chart-category-road-dust .bg-charts__fill').style.width).toBe('100%')
    // A category nothing was received in is left out of the bars.
    expect(document.querySelector('.bg-chart-category-construction-site')).toBeNull()

    // The slowest of seven (300 h) sets the 90th percentile: its bucket's upper edge, 2^8.25 h ≈ 12.7 days.
    expect(screen.getByText('2026年12月办结 7 件 · 九成在 12.7天 内')).toBeTruthy()
    expect($('.bg-chart-bin-0').textContent).toContain('1小时内')
    expect($('.bg-chart-bin-2').textContent).toBe('22–4小时')
    expect($('.bg-chart-bin-9').textContent).toBe('1256小时以上')

    const ranks = Array.from(document.querySelectorAll('.bg-chart-ranking .bg-charts__row')).map(
      (row) => row.textContent,
    )
    expect(ranks).toEqual([
      `1. ${deskOtherStreet.name}100.0% · 受理 12`,
      `2. ${deskStreet.name}75.0% · 受理 30`,
    ])
    fireEvent.click($('.bg-charts-open-overview'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({
      url: `/pkg-desk/pages/overview/index?gridId=${deskDistrict.id}`,
    })
  })

  it('opens on the node it was given, and says what went wrong', async () => {
    router.params = { gridId: encodeURIComponent(deskStreet.id) }
    onAction('stats.charts', () => fail('forbidden', '该网格不在您的负责范围内'))
    render(<DeskChartsPage />)
    expect(await screen.findByText('该网格不在您的负责范围内')).toBeTruthy()
    expect(payloadsOf('stats.charts')).toEqual([{ gridId: deskStreet.id, weeks: 12 }])
  })
})
