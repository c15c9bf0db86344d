import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import HotlinePage from '../../src/pkg-staff/pages/hotline/index'
import { resetTaro } from '../fakes/taro'
import { cloud, ok, onAction, payloadsOf, resetPlatform } from '../fakes/platform'
import { caseView } from './fixtures'

jest.mock('@tarojs/taro', () => require('../fakes/taro'))
jest.mock('@tarojs/components', () => require('../fakes/taro-components'))
jest.mock('@/platform/cloud', () => require('../fakes/platform').cloud)
jest.mock('@/platform/media', () => require('../fakes/platform').media)
jest.mock('@/platform/location', () => require('../fakes/platform').location)
jest.mock('@/platform/dev-login', () => require('../fakes/platform').devLogin)
jest.mock('@/platform/privacy', () => require('../fakes/platform').privacy)
jest.mock('@/platform/subscribe', () => require('../fakes/platform').subscribe)
jest.mock('../../src/pages/report/index.scss', () => ({}))
jest.mock('../../src/pkg-staff/pages/hotline/index.scss', () => ({}))

beforeEach(() => {
  resetTaro()
  resetPlatform()
})

function $(selector: string): HTMLElement {
  const element = document.querySelector<HTMLElement>(selector)
  if (!element) throw new Error(`no element matches ${selector}`)
  return element
}

const choose = (pickerClass: string, index: number) =>
  fireEvent.change($(`${pickerClass} select`), { target: { value: String(index) } })

describe('the complaint line’s entry page', () => {
  it('names what is missing in Chinese and sends nothing', async () => {
    render(<HotlinePage />)
    fireEvent.click($('#bg-hotline-submit'))
    expect(await screen.findByText('请填写有效的电话号码')).toBeTruthy()
    expect(screen.getByText('请记录来电反映的问题')).toBeTruthy()
    expect(screen.getByText('请在地图上选择或填写问题位置的经纬度')).toBeTruthy()
    expect(cloud.callFunction).not.toHaveBeenCalled()
  })

  it('files the call and shows the case number to read back to the caller', async () => {
    onAction('hotline.record', () =>
      ok({ case: caseView({ channel: 'hotline', caseNo: '2026-11-23-0007' }), replayed: false }),
    )
    render(<HotlinePage />)
    fireEvent.change($('.bg-caller-name'), { target: { value: '王先生' } })
    fireEvent.change($('.bg-caller-phone'), { target: { value: '13800001234' } })
    choose('.bg-category-picker', 1)
    choose('.bg-check-picker', 2)
    fireEvent.change($('.bg-hotline-description textarea'), { target: { value: '工地夜间扬尘很大' } })
    fireEvent.click($('.bg-demo-location'))
    fireEvent.change($('.bg-address-input'), { target: { value: '映月路与商鼎路交叉口' } })
    fireEvent.click($('#bg-hotline-submit'))

    await waitFor(() => expect($('#bg-hotline-case-no').textContent).toBe('2026-11-23-0007'))
    expect(screen.getByText('已登记，请向来电人复述编号')).toBeTruthy()
    expect(payloadsOf('hotline.record')).toEqual([
      expect.objectContaining({
        callerName: '王先生',
        callerPhone: '13800001234',
        description: '工地夜间扬尘很大',
        location: { lng: 113.6925, lat: 34.7288 },
        address: '映月路与商鼎路交叉口',
      }),
    ])
  })
})
