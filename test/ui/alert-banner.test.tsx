import { render, screen, waitFor } from '@testing-library/react'
import { actions, type ActionOutput } from '../../src/domain/contract'
import HomePage from '../../src/pages/home/index'
import BoardPage from '../../src/pkg-staff/pages/board/index'
import { resetTaro } from '../fakes/taro'
import { fail, ok, onAction, resetPlatform } from '../fakes/platform'
import { boardPage, meView } from './fixtures'

jest.mock('@tarojs/taro', () => require('../fakes/taro'))
jest.mock('@tarojs/components', () => require('../fakes/taro-components'))
jest.mock('@/platform/cloud', () => require('../fakes/platform').cloud)

const orange: ActionOutput<'alert.current'> = actions['alert.current'].output.parse({
  alert: {
    id: 'grid-410104:1',
    districtId: 'grid-410104',
    level: 'orange',
    label: '橙色预警',
    colour: '#e8590c',
    measures:
      '橙色预警期间：在黄色预警措施基础上，停止室外焊接、喷涂作业和物料运输车辆通行。相关举报加急处理。',
    startsAt: '2026-11-23T00:00:00.000Z',
    endsAt: '2026-11-25T04:00:00.000Z',
    state: 'in-force',
  },
})

beforeEach(() => {
  resetTaro()
  resetPlatform()
  onAction('me.get', () => ok(meView()))
  onAction('case.mine', () => ok({ items: [], total: 0, hasMore: false, page: 1, pageSize: 5 }))
  onAction('board.list', () => ok(boardPage([])))
})

describe('the heavy-pollution alert banner', () => {
  it('shows residents on the home page the level, in its colour, the measures and the end', async () => {
    onAction('alert.current', () => ok(orange))
    render(<HomePage />)
    const level = await screen.findByText('橙色预警')
    expect(level.style.backgroundColor).toBe('rgb(232, 89, 12)')
    expect(document.querySelector('.bg-alert-banner--orange')).toBeTruthy()
    expect(screen.getByText(/停止室外焊接、喷涂作业/)).toBeTruthy()
    // Beijing time: 04:00 UTC is noon.
    expect(screen.getByText('预计 2026-11-25 12:00 解除')).toBeTruthy()
  })

  it('shows staff the same banner on the board', async () => {
    onAction('alert.current', () => ok(orange))
    render(<BoardPage />)
    expect(await screen.findByText('橙色预警')).toBeTruthy()
  })

  it('shows nothing without an alert, or when the alert cannot be read', async () => {
    onAction('alert.current', () => ok({ alert: null }))
    const { unmount } = render(<HomePage />)
    await screen.findByText('守护蓝天，人人都是网格员')
    await waitFor(() => expect(document.querySelector('.bg-home__nickname')).toBeTruthy())
    expect(document.querySelector('.bg-alert-banner')).toBeNull()
    unmount()

    onAction('alert.current', () => fail('internal', '系统繁忙，请稍后再试'))
    render(<HomePage />)
    await waitFor(() => expect(document.querySelector('.bg-home__nickname')).toBeTruthy())
    expect(document.querySelector('.bg-alert-banner')).toBeNull()
    expect(screen.queryByText('系统繁忙，请稍后再试')).toBeNull()
  })
})
