import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import JoinPage from '../../src/pkg-onboard/pages/join/index'
import { resetTaro, router } from '../fakes/taro'
import { fail, ok, onAction, payloadsOf, resetPlatform } from '../fakes/platform'
import { meView } from './fixtures'

jest.mock('@tarojs/taro', () => require('../fakes/taro'))
jest.mock('@tarojs/components', () => require('../fakes/taro-components'))
jest.mock('@/platform/cloud', () => require('../fakes/platform').cloud)

beforeEach(() => {
  resetTaro()
  resetPlatform()
})

const grid = {
  id: 'grid-2',
  name: '映月路社区第2网格',
  level: 'block' as const,
  label: '航海东路街道 / 映月路社区 / 映月路社区第2网格',
}
const preview = (overrides: Record<string, unknown> = {}) =>
  ok({
    role: 'grid_member',
    roleLabel: '网格员',
    grid,
    name: '小王',
    state: 'open',
    stateLabel: '待使用',
    expiresAt: '2026-11-30T02:00:00.000Z',
    mine: false,
    ...overrides,
  })

describe('join page (加入网格工作)', () => {
  it('shows what the invite from the QR code is for, and accepts it with the code alone', async () => {
    router.params = { code: 'ABCD-EFGH-JK' }
    onAction('invite.preview', () => preview())
    onAction('invite.redeem', () => ok({ me: meView({ nickname: '小王', grids: [grid] }), replayed: false }))
    render(<JoinPage />)

    expect(await screen.findByText('角色：网格员')).toBeTruthy()
    expect(screen.getByText(`网格：${grid.label}`)).toBeTruthy()
    expect(payloadsOf('invite.preview')).toEqual([{ code: 'ABCDEFGHJK' }])
    await act(async () => {
      fireEvent.click(document.querySelector('.bg-join-accept')!)
    })
    await waitFor(() => expect(payloadsOf('invite.redeem')).toEqual([{ code: 'ABCDEFGHJK' }]))
    expect(await screen.findByText('欢迎加入，小王')).toBeTruthy()
    expect(screen.getByText('进入网格工作台')).toBeTruthy()
  })

  it('says in plain words why a used or expired invite cannot be accepted', async () => {
    router.params = { code: 'ABCDEFGHJK' }
    onAction('invite.preview', () => preview({ state: 'expired', stateLabel: '已过期' }))
    render(<JoinPage />)
    expect(await screen.findByText('已过期')).toBeTruthy()
    expect(document.querySelector('.bg-join-accept')!.getAttribute('disabled')).not.toBeNull()

    onAction('invite.preview', () => fail('not-found', '邀请码无效，请核对后重试或联系区级办公室'))
    router.params = { code: 'ZZZZZZZZZZ' }
    render(<JoinPage />)
    expect(await screen.findByText('邀请码无效，请核对后重试或联系区级办公室')).toBeTruthy()
  })

  it('shows the server’s refusal when someone else was faster', async () => {
    router.params = { code: 'ABCDEFGHJK' }
    onAction('invite.preview', () => preview())
    onAction('invite.redeem', () => fail('invite-used', '该邀请码已被他人使用，请联系区级办公室重新邀请'))
    render(<JoinPage />)
    await screen.findByText('角色：网格员')
    await act(async () => {
      fireEvent.click(document.querySelector('.bg-join-accept')!)
    })
    await waitFor(() =>
      expect(Taro.showToast).toHaveBeenCalledWith(
        expect.objectContaining({ title: '该邀请码已被他人使用，请联系区级办公室重新邀请' }),
      ),
    )
  })
})
