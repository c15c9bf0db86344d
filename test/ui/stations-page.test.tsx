import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { actions, type ActionOutput } from '../../src/domain/contract'
import StationsPage from '../../src/pkg-staff/pages/stations/index'
import Taro, { resetTaro } from '../fakes/taro'
import { ok, onAction, payloadsOf, resetPlatform } from '../fakes/platform'
import { caseView } from './fixtures'

jest.mock('@tarojs/taro', () => require('../fakes/taro'))
jest.mock('@tarojs/components', () => require('../fakes/taro-components'))
jest.mock('@/platform/cloud', () => require('../fakes/platform').cloud)
jest.mock('@/platform/location', () => require('../fakes/platform').location)
jest.mock('@/platform/dev-login', () => require('../fakes/platform').devLogin)
jest.mock('@/platform/privacy', () => require('../fakes/platform').privacy)

type StationView = ActionOutput<'station.list'>['items'][number]

const grid = caseView().grid
const station = (overrides: Partial<StationView> = {}): StationView => ({
  id: 'gc-yingyue-01',
  name: '映月路监测点',
  address: '映月路与商鼎路交叉口',
  location: { lng: 113.6925, lat: 34.7288 },
  grid,
  registeredAt: '2026-12-01T02:00:00.000Z',
  secretFingerprint: '0a1b2c3d4e5f',
  caseId: null,
  ...overrides,
})
const list = (items: StationView[]) =>
  ok(
    actions['station.list'].output.parse({
      items,
      total: items.length,
      hasMore: false,
      page: 1,
      pageSize: 10,
    }),
  )

function $(selector: string): HTMLElement {
  const element = document.querySelector<HTMLElement>(selector)
  if (!element) throw new Error(`no element matches ${selector}`)
  return element
}
const type = (selector: string, value: string) => fireEvent.change($(selector), { target: { value } })

beforeEach(() => {
  resetTaro()
  resetPlatform()
  onAction('station.list', () => list([]))
})

describe('the district office’s monitoring stations page', () => {
  it('says in Chinese what is missing, and sends nothing', async () => {
    render(<StationsPage />)
    expect(await screen.findByText('本区还没有登记监测站点')).toBeTruthy()
    type('.bg-station-id-input', 'AB')
    fireEvent.click($('#bg-station-submit'))
    expect(await screen.findByText('站点编号为3到40位小写字母、数字或连字符')).toBeTruthy()
    expect(screen.getByText('请填写站点名称')).toBeTruthy()
    expect(screen.getByText('请在地图上选择或填写站点位置的经纬度')).toBeTruthy()
    expect(payloadsOf('station.register')).toEqual([])
  })

  it('registers the station at the picked place and shows its secret once, with a copy button', async () => {
    const secret = 'q8Zr1v0m3Yt9c2Lk5Hs7Wd4Xf6Ng8Pb0Qa2Re4Tu6Io'
    onAction('station.register', () =>
      ok({
        station: {
          id: 'gc-yingyue-01',
          name: '映月路监测点',
          location: { lng: 113.6925, lat: 34.7288 },
          grid,
          registeredAt: '2026-12-01T02:00:00.000Z',
        },
        secret,
      }),
    )
    render(<StationsPage />)
    await screen.findByText('本区还没有登记监测站点')
    type('.bg-station-id-input', 'gc-yingyue-01')
    type('.bg-station-name-input', '映月路监测点')
    fireEvent.click($('.bg-demo-location'))
    type('.bg-address-input', '映月路与商鼎路交叉口')
    onAction('station.list', () => list([station()]))
    fireEvent.click($('#bg-station-submit'))

    await waitFor(() => expect($('.bg-station-secret-value').textContent).toBe(secret))
    expect(payloadsOf('station.register')).toEqual([
      {
        stationId: 'gc-yingyue-01',
        name: '映月路监测点',
        location: { lng: 113.6925, lat: 34.7288 },
        address: '映月路与商鼎路交叉口',
      },
    ])
    expect(screen.getByText(/站点密钥只显示这一次，离开或关闭后将无法再次查看/)).toBeTruthy()
    fireEvent.click(screen.getByText('复制密钥'))
    await waitFor(() => expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: secret }))
    expect(await screen.findByText('已复制，可再次复制')).toBeTruthy()
    // The list is read again, and shows the fingerprint, never the secret.
    expect(await screen.findByText('本区监测站点 · 共 1 个')).toBeTruthy()

    fireEvent.click(screen.getByText('我已保存密钥'))
    expect(document.querySelector('.bg-station-secret-value')).toBeNull()
    expect(document.body.textContent).not.toContain(secret)
    expect(screen.getByText('登记监测站点')).toBeTruthy()
  })

  it('lists the stations and opens the curve of one over the threshold', async () => {
    onAction('station.list', () =>
      list([station({ id: 'gc-over', name: '商鼎路监测点', caseId: 'case-9' }), station()]),
    )
    onAction('station.episode', () =>
      ok({
        station: { id: 'gc-over', name: '商鼎路监测点' },
        openedAt: '2026-12-01T03:00:00.000Z',
        closedAt: null,
        readingCount: 14,
        peak: { pm25: 88, pm10: 260 },
        curve: [
          { at: '2026-12-01T03:00:00.000Z', pm25: 60, pm10: 230 },
          { at: '2026-12-01T03:05:00.000Z', pm25: 88, pm10: 260 },
        ],
      }),
    )
    render(<StationsPage />)
    expect(await screen.findByText('本区监测站点 · 共 2 个')).toBeTruthy()
    expect(screen.getByText('超标中')).toBeTruthy()
    expect(screen.getAllByText('登记于 2026-12-01 10:00 · 密钥指纹 0a1b2c3d4e5f')).toHaveLength(2)
    expect(document.querySelectorAll('.bg-station-episode-toggle')).toHaveLength(1)
    fireEvent.click($('.bg-station-episode-toggle'))
    expect(await screen.findByText('峰值 PM2.5 88 · PM10 260（μg/m³），共 14 条读数')).toBeTruthy()
    expect(payloadsOf('station.episode')).toEqual([{ caseId: 'case-9' }])
    expect(screen.getByText('超标开始 2026-12-01 11:00 · 仍在超标')).toBeTruthy()
    fireEvent.click(screen.getByText('查看该监测问题 ›'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pkg-staff/pages/handle/index?id=case-9' })
  })
})
