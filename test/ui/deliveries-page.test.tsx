import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import DeliveriesPage from '../../src/pkg-staff/pages/deliveries/index'
import type { DeliveryView } from '../../src/domain/contract'
import { resetTaro } from '../fakes/taro'
import { fail, ok, onAction, payloadsOf, resetPlatform } from '../fakes/platform'

jest.mock('@tarojs/taro', () => require('../fakes/taro'))
jest.mock('@tarojs/components', () => require('../fakes/taro-components'))
jest.mock('@/platform/cloud', () => require('../fakes/platform').cloud)
jest.mock('@/pkg-staff/pages/deliveries/index.scss', () => ({}))

const delivery = (overrides: Partial<DeliveryView> = {}): DeliveryView => ({
  id: 'event-1:0',
  kind: 'case-routed',
  caseId: 'case-1',
  caseNo: '20261201-0001',
  title: '您的举报已分派到网格',
  state: 'failed',
  stateLabel: '发送失败',
  attempts: 5,
  errCode: 45009,
  errMsg: 'reach max api daily quota limit',
  createdAt: '2026-12-01T02:00:00.000Z',
  claimedAt: null,
  stuck: false,
  canResend: true,
  ...overrides,
})

const page = (items: DeliveryView[]) =>
  ok({ items, total: items.length, hasMore: false, page: 1, pageSize: 10 })

beforeEach(() => {
  resetTaro()
  resetPlatform()
})

describe('the messages that did not go out', () => {
  it('shows a failed message with its WeChat error and sends it again on a tap', async () => {
    let failed = [delivery()]
    onAction('notification.deliveries', () => page(failed))
    onAction('notification.resend', () => {
      failed = []
      return ok({ delivery: delivery({ canResend: false }) })
    })
    render(<DeliveriesPage />)
    expect(await screen.findByText('微信返回 45009：reach max api daily quota limit')).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByText('重新发送'))
    })
    expect(payloadsOf('notification.resend')).toEqual([{ id: 'event-1:0' }])
    await waitFor(() =>
      expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已重新排队发送' })),
    )
    expect(await screen.findByText('本区没有发送失败的订阅消息')).toBeTruthy()
  })

  it('says why a message could not be sent again', async () => {
    onAction('notification.deliveries', () => page([delivery()]))
    onAction('notification.resend', () =>
      fail('conflict', '只能重发本区发送失败的消息，该消息可能已重新排队或已发出'),
    )
    render(<DeliveriesPage />)
    const button = await screen.findByText('重新发送')
    await act(async () => {
      fireEvent.click(button)
    })
    await waitFor(() =>
      expect(Taro.showToast).toHaveBeenCalledWith(
        expect.objectContaining({ title: '只能重发本区发送失败的消息，该消息可能已重新排队或已发出' }),
      ),
    )
  })

  it('offers no second send of an interrupted message, which may have arrived', async () => {
    onAction('notification.deliveries', (payload) =>
      (payload as { state: string }).state === 'sending'
        ? page([
            delivery({
              state: 'sending',
              stateLabel: '发送中断',
              stuck: true,
              canResend: false,
              errCode: null,
            }),
          ])
        : page([]),
    )
    render(<DeliveriesPage />)
    await screen.findByText('本区没有发送失败的订阅消息')
    fireEvent.click(document.querySelector('.bg-deliveries-state-sending')!)
    expect(await screen.findByText('发送中断')).toBeTruthy()
    expect(screen.queryByText('重新发送')).toBeNull()
  })
})
