import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import DeskMapPage from '../../src/pkg-desk/pages/map/index'
import { GridMap as WeappGridMap } from '../../src/pkg-desk/components/grid-map.weapp'
import { deskMapView as answer, district, other, street } from './desk-map-fixtures'
import { mapPeriods } from '../../src/domain/desk/periods'
import { routes } from '../../src/utils/routes'
import { mapProps } from '../fakes/taro-components'
import { resetTaro } from '../fakes/taro'
import { ok, onAction, payloadsOf, resetPlatform } from '../fakes/platform'

jest.mock('@tarojs/taro', () => require('../fakes/taro'))
jest.mock('@tarojs/components', () => require('../fakes/taro-components'))
jest.mock('@/platform/cloud', () => require('../fakes/platform').cloud)
// The H5 drawing, as the H5 build resolves it (the plain file is only the type face).
jest.mock('@/pkg-desk/components/grid-map', () => require('../../src/pkg-desk/components/grid-map.h5'))

beforeEach(() => {
  resetTaro()
  resetPlatform()
})

const $ = (selector: string) => {
  const element = document.querySelector<HTMLElement>(selector)
  if (!element) throw new Error(`no element matches ${selector}`)
  return element
}
const lastPayload = () => payloadsOf('desk.map').at(-1) as Record<string, unknown>

describe('挂图作战, the map page', () => {
  it('draws the grids in their colours with their values, the legend and the open cases', async () => {
    onAction('desk.map', () => ok(answer()))
    render(<DeskMapPage />)
    await screen.findByText('管城回族区 · 2026年12月 · 受理')
    expect(lastPayload()).toEqual({
      period: mapPeriods(new Date())[0]!.key,
      indicator: 'received',
      status: 'open',
    })
    const area = $(`.bg-map-area-${street.id}`)
    expect(area.getAttribute('fill')).toBe(answer().areas[0]!.colour)
    expect(area.getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){4}Z$/)
    expect($(`.bg-map-row-${street.id} .bg-map__row-value`).textContent).toBe('12')
    expect($(`.bg-map-row-${other.id} .bg-map__row-value`).textContent).toBe('0')
    expect(screen.getByText('受理（越高越差）')).toBeTruthy()
    expect(screen.getByText(answer().legend[4]!.label)).toBeTruthy()
    expect(screen.getByText('未结问题 1 件')).toBeTruthy()
    expect($('.bg-map-marker-case-7').getAttribute('class')).toContain('bg-grid-map__marker--overdue')
  })

  it('asks again for the chosen period, indicator, status and category', async () => {
    onAction('desk.map', () => ok(answer()))
    render(<DeskMapPage />)
    await screen.findByText('管城回族区 · 2026年12月 · 受理')
    fireEvent.click(screen.getByText('上月'))
    fireEvent.click(screen.getByText('按期结案率'))
    fireEvent.click(screen.getByText('已超期'))
    fireEvent.click(screen.getByText('道路扬尘', { selector: '.bg-map__chip' }))
    await waitFor(() =>
      expect(lastPayload()).toEqual({
        period: mapPeriods(new Date())[2]!.key,
        indicator: 'onTimeClosure',
        status: 'overdue',
        category: 'road-dust',
      }),
    )
  })

  it('drills into a tapped grid and climbs back up; a tapped case opens its handling page', async () => {
    onAction('desk.map', (payload) =>
      ok(
        (payload as { gridId?: string }).gridId === street.id
          ? answer({ grid: street, parent: district, areas: answer().areas.slice(0, 1) })
          : answer(),
      ),
    )
    render(<DeskMapPage />)
    await screen.findByText('管城回族区 · 2026年12月 · 受理')
    fireEvent.click($(`.bg-map-area-${street.id}`))
    await screen.findByText('航海东路街道 · 2026年12月 · 受理')
    expect(lastPayload().gridId).toBe(street.id)
    fireEvent.click(screen.getByText('‹ 管城回族区'))
    await screen.findByText('管城回族区 · 2026年12月 · 受理')
    expect(lastPayload().gridId).toBe(district.id)
    fireEvent.click($(`.bg-map-row-${other.id}`))
    await waitFor(() => expect(lastPayload().gridId).toBe(other.id))

    fireEvent.click($('.bg-map-marker-case-7'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: routes.handle('case-7') })
  })

  it('says when more open cases matched than the map shows', async () => {
    onAction('desk.map', () => ok(answer({ truncated: true })))
    render(<DeskMapPage />)
    expect(await screen.findByText('未结问题 1 件（仅显示前 1 件）')).toBeTruthy()
  })
})

describe('the map in the weapp', () => {
  it('puts the grids on WeChat’s map as polygons and the cases as markers, and matches a tap to a grid', () => {
    const onArea = jest.fn()
    const onMarker = jest.fn()
    render(<WeappGridMap map={answer()} onArea={onArea} onMarker={onMarker} />)
    const props = mapProps.last!
    const polygons = props.polygons as Array<{ points: unknown[]; fillColor: string }>
    expect(polygons).toHaveLength(2)
    expect(polygons[0]!.points[0]).toEqual({ latitude: 34.7, longitude: 113.68 })
    expect(polygons[0]!.fillColor).toBe(`${answer().areas[0]!.colour}99`)
    expect((props.markers as Array<{ iconPath: string }>)[0]!.iconPath).toBe(
      '/pkg-desk/assets/marker-overdue.png',
    )
    fireEvent.click(screen.getByText('20261201-0007 道路扬尘'))
    expect(onMarker).toHaveBeenCalledWith('case-7')
    ;(props.onTap as (event: unknown) => void)({ detail: { latitude: 34.72, longitude: 113.73 } })
    expect(onArea).toHaveBeenCalledWith(other.id)
  })
})
