import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import MePage from '../../src/pages/me/index'
import { resetTaro } from '../fakes/taro'
import { cloud, devLogin, ok, onAction, resetPlatform } from '../fakes/platform'
import { meView } from './fixtures'

jest.mock('@tarojs/taro', () => require('../fakes/taro'))
jest.mock('@tarojs/components', () => require('../fakes/taro-components'))
jest.mock('@/platform/cloud', () => require('../fakes/platform').cloud)
jest.mock('@/platform/dev-login', () => require('../fakes/platform').devLogin)
jest.mock('@/pages/me/index.scss', () => ({}))

const accounts = [
  {
    openid: 'demo-resident',
    nickname: '林女士',
    role: 'resident',
    roleLabel: '市民',
    description: '市民，住映月路社区第1网格',
  },
  {
    openid: 'demo-grid-member',
    nickname: '网格员小许',
    role: 'grid_member',
    roleLabel: '网格员',
    description: '网格员',
  },
]

beforeEach(() => {
  resetTaro()
  resetPlatform()
  devLogin.devAccounts.mockImplementation(async () => accounts)
  devLogin.devSession.mockImplementation(async () => ({ account: null }))
})

describe('me page in the emulator (dev login)', () => {
  it('first offers the demo accounts when nobody is signed in, then shows the chosen person', async () => {
    render(<MePage />)
    expect(await screen.findByText('选择演示账号登录')).toBeTruthy()
    expect(cloud.callFunction).not.toHaveBeenCalled()

    devLogin.devSession.mockImplementation(async () => ({ account: accounts[1] ?? null }))
    onAction('me.get', () => ok(meView({ nickname: '网格员小许', points: 12 })))
    const button = document.querySelector<HTMLElement>('.bg-login-demo-grid-member')
    expect(button).not.toBeNull()
    await act(async () => {
      fireEvent.click(button!)
    })

    expect(devLogin.devLogin).toHaveBeenCalledWith('demo-grid-member')
    await waitFor(() => expect(document.querySelector('.bg-me-nickname')?.textContent).toBe('网格员小许'))
    expect(document.querySelector('.bg-points')?.textContent).toBe('12')
    expect(screen.getByText('切换演示账号')).toBeTruthy()
  })
})
