import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { SiteView } from '../../src/domain/contract'
import SiteEditPage from '../../src/pkg-staff/pages/site-edit/index'
import SitePage from '../../src/pkg-staff/pages/site/index'
import SitesPage from '../../src/pkg-staff/pages/sites/index'
import Taro, { resetTaro, router } from '../fakes/taro'
import { fail, ok, onAction, payloadsOf, resetPlatform } from '../fakes/platform'
import { caseView } from './fixtures'

jest.mock('@tarojs/taro', () => require('../fakes/taro'))
jest.mock('@tarojs/components', () => require('../fakes/taro-components'))
jest.mock('@/platform/cloud', () => require('../fakes/platform').cloud)
jest.mock('@/platform/location', () => require('../fakes/platform').location)
jest.mock('@/platform/dev-login', () => require('../fakes/platform').devLogin)
jest.mock('@/platform/privacy', () => require('../fakes/platform').privacy)

const grid = caseView().grid
const site = (overrides: Partial<SiteView> = {}): SiteView => ({
  id: 'site-1',
  name: '映月路安置房工地',
  type: 'construction',
  typeLabel: '建筑工地',
  address: '映月路与航海东路交叉口东北角',
  location: { lng: 113.6925, lat: 34.7288 },
  grid,
  creditCode: '',
  responsibleUnit: '郑州建工集团',
  contactName: '张经理',
  contactPhone: '13800000001',
  status: 'green',
  statusLabel: '绿码',
  recentCases: 0,
  updatedAt: '2026-12-01T02:00:00.000Z',
  ...overrides,
})
const siteGot = (view: SiteView) =>
  ok({ site: view, caseCount: 0, history: [], repeatOffences: [], windowDays: 30 })

function $(selector: string): HTMLElement {
  const element = document.querySelector<HTMLElement>(selector)
  if (!element) throw new Error(`no element matches ${selector}`)
  return element
}
const type = (selector: string, value: string) => fireEvent.change($(selector), { target: { value } })

beforeEach(() => {
  resetTaro()
  resetPlatform()
})

describe('the site form (一企一档)', () => {
  it('names every missing or malformed field in Chinese, and sends nothing', async () => {
    render(<SiteEditPage />)
    type('.bg-site-creditCode-input', '123')
    type('.bg-site-contactPhone-input', '电话')
    fireEvent.click($('#bg-site-save'))
    expect(await screen.findByText('请填写名称')).toBeTruthy()
    expect(screen.getByText('请选择类型')).toBeTruthy()
    expect(screen.getByText('请填写地址')).toBeTruthy()
    expect(screen.getByText('统一社会信用代码应为18位数字或大写字母')).toBeTruthy()
    expect(screen.getByText('联系电话格式不正确')).toBeTruthy()
    expect(screen.getByText('请在地图上选择或填写污染源位置的经纬度')).toBeTruthy()
    expect(payloadsOf('site.create')).toEqual([])
  })

  it('registers a new site with every field, then opens its page', async () => {
    onAction('site.create', () => ok({ site: site({ id: 'site-new' }), replayed: false }))
    render(<SiteEditPage />)
    expect(screen.getByText('新增污染源')).toBeTruthy()
    type('.bg-site-name-input', '映月路安置房工地')
    fireEvent.change($('.bg-site-type-picker select'), { target: { value: '2' } })
    type('.bg-site-creditCode-input', '91410100ma44abcd1x')
    type('.bg-site-responsibleUnit-input', '郑州建工集团')
    type('.bg-site-contactName-input', '张经理')
    type('.bg-site-contactPhone-input', '13800000001')
    fireEvent.click($('.bg-demo-location'))
    type('.bg-address-input', '映月路与航海东路交叉口东北角')
    fireEvent.click($('#bg-site-save'))

    await waitFor(() => expect(payloadsOf('site.create')).toHaveLength(1))
    expect(payloadsOf('site.create')[0]).toEqual({
      requestId: expect.stringMatching(/^r-/),
      name: '映月路安置房工地',
      type: 'mixing-plant',
      address: '映月路与航海东路交叉口东北角',
      location: { lng: 113.6925, lat: 34.7288 },
      // As the schema reads it: upper case.
      creditCode: '91410100MA44ABCD1X',
      responsibleUnit: '郑州建工集团',
      contactName: '张经理',
      contactPhone: '13800000001',
    })
    await waitFor(() =>
      expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pkg-staff/pages/site/index?site=site-new' }),
    )
  })

  it('keeps the form and its request id when the server refuses, showing its field message', async () => {
    onAction('site.create', () =>
      fail('forbidden', '只能登记您负责的网格内的污染源', { location: '该位置不在您负责的网格内' }),
    )
    render(<SiteEditPage />)
    type('.bg-site-name-input', '远处工厂')
    fireEvent.change($('.bg-site-type-picker select'), { target: { value: '3' } })
    fireEvent.click($('.bg-demo-location'))
    type('.bg-address-input', '远处')
    fireEvent.click($('#bg-site-save'))
    expect(await screen.findByText('该位置不在您负责的网格内')).toBeTruthy()
    fireEvent.click($('#bg-site-save'))
    await waitFor(() => expect(payloadsOf('site.create')).toHaveLength(2))
    const [first, second] = payloadsOf('site.create') as { requestId: string }[]
    expect(second!.requestId).toBe(first!.requestId)
    expect(Taro.redirectTo).not.toHaveBeenCalled()
  })

  it('opens a site filled in, with its grid, and saves the change', async () => {
    router.params = { site: 'site-1' }
    onAction('site.get', () => siteGot(site()))
    onAction('site.update', () => ok({ site: site({ contactName: '李经理' }) }))
    render(<SiteEditPage />)
    expect(await screen.findByText('修改污染源档案')).toBeTruthy()
    expect(($('.bg-site-name-input') as HTMLInputElement).value).toBe('映月路安置房工地')
    expect($('.bg-site-edit__value').textContent).toBe('建筑工地')
    expect(screen.getByText(`所属网格：${grid.label}（按位置自动归入，保存后更新）`)).toBeTruthy()
    type('.bg-site-contactName-input', '李经理')
    fireEvent.click($('#bg-site-save'))
    await waitFor(() => expect(payloadsOf('site.update')).toHaveLength(1))
    expect(payloadsOf('site.update')[0]).toEqual({
      siteId: 'site-1',
      name: '映月路安置房工地',
      type: 'construction',
      address: '映月路与航海东路交叉口东北角',
      location: { lng: 113.6925, lat: 34.7288 },
      creditCode: '',
      responsibleUnit: '郑州建工集团',
      contactName: '李经理',
      contactPhone: '13800000001',
    })
    await waitFor(() => expect(Taro.navigateBack).toHaveBeenCalled())
  })

  it('is opened from the sites list (新增) and from a site’s page (编辑)', async () => {
    onAction('site.list', () =>
      ok({ items: [site()], total: 1, hasMore: false, page: 1, pageSize: 10, types: [] }),
    )
    const list = render(<SitesPage />)
    fireEvent.click(await screen.findByText('新增 ›'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pkg-staff/pages/site-edit/index' })
    list.unmount()

    router.params = { site: 'site-1' }
    onAction('site.get', () => siteGot(site()))
    render(<SitePage />)
    fireEvent.click(await screen.findByText('编辑档案 ›'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pkg-staff/pages/site-edit/index?site=site-1' })
  })
})
