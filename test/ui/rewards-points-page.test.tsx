import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import MyPointsPage from '../../src/pkg-rewards/pages/points/index'
import { resetTaro } from '../fakes/taro'
import { fail, ok, onAction, payloadsOf, resetPlatform } from '../fakes/platform'
import { ledgerItem, myPoints } from './rewards-fixtures'

jest.mock('@tarojs/taro', () => require('../fakes/taro'))
jest.mock('@tarojs/components', () => require('../fakes/taro-components'))
jest.mock('@/platform/cloud', () => require('../fakes/platform').cloud)

beforeEach(() => {
  resetTaro()
  resetPlatform()
})

const text = (selector: string) => document.querySelector(selector)?.textContent ?? ''

describe('my points page (我的积分)', () => {
  it('shows the balance, this month’s place and the gap to the award, and the ledger with reasons', async () => {
    onAction('points.mine', () => ok(myPoints()))
    render(<MyPointsPage />)
    await waitFor(() => expect(text('.bg-balance')).toBe('15'))
    expect(text('.bg-month-rank')).toBe('本月 15 分，本区第 13 名')
    expect(text('.bg-month-gap')).toBe('距月度环保市民（前 10 名）还差 12 分')
    expect(screen.getByText('举报被受理')).toBeTruthy()
    expect(screen.getByText('举报的问题20261123-0001已被受理')).toBeTruthy()
    expect(text('.bg-ledger-item__points')).toBe('+10')
    expect(screen.getByText('· 举报被网格受理：+10分（匿名举报不计分）')).toBeTruthy()
  })

  it('shows a reversal as a negative line, and says when I am within the award places', async () => {
    const reversal = ledgerItem({
      id: 'reversal:x',
      points: -10,
      reason: 'reversal',
      reasonLabel: '积分撤销',
      note: '问题20261123-0002不予受理（虚假举报），撤销“举报被受理”积分',
    })
    onAction('points.mine', () =>
      ok(
        myPoints({
          month: { ...myPoints().month, rank: 2, gap: 0 },
          ledger: { items: [reversal], total: 1, hasMore: false, page: 1, pageSize: 20 },
        }),
      ),
    )
    render(<MyPointsPage />)
    await waitFor(() => expect(text('.bg-ledger-reversal .bg-ledger-item__points')).toBe('-10'))
    expect(text('.bg-month-gap')).toBe('已进入前 10 名，继续保持！')
  })

  it('invites a first report when there are no points yet', async () => {
    onAction('points.mine', () =>
      ok(
        myPoints({
          balance: 0,
          month: { ...myPoints().month, points: 0, rank: null, gap: 1 },
          ledger: { items: [], total: 0, hasMore: false, page: 1, pageSize: 20 },
        }),
      ),
    )
    render(<MyPointsPage />)
    expect(await screen.findByText('还没有积分记录。随手拍举报的问题被受理后，就能获得积分')).toBeTruthy()
    expect(text('.bg-month-rank')).toBe('本月还没有积分，举报被受理后即可上榜')
  })

  it('shows the error with a retry button, and loads after retrying', async () => {
    onAction('points.mine', () => fail('not-signed-in', '请先登录'))
    render(<MyPointsPage />)
    expect(await screen.findByText('请先登录')).toBeTruthy()
    onAction('points.mine', () => ok(myPoints()))
    await act(async () => {
      fireEvent.click(document.querySelector('.bg-retry')!)
    })
    await waitFor(() => expect(text('.bg-balance')).toBe('15'))
  })

  it('loads further ledger pages and opens the case of an entry', async () => {
    onAction('points.mine', (payload) => {
      const page = (payload as { page: number }).page
      return ok(
        myPoints({
          ledger: {
            items: [ledgerItem({ id: `entry-${page}`, caseId: `case-${page}` })],
            total: page === 2 ? 2 : null,
            hasMore: page === 1,
            page,
            pageSize: 20,
          },
        }),
      )
    })
    render(<MyPointsPage />)
    await waitFor(() => expect(document.querySelectorAll('.bg-ledger-item')).toHaveLength(1))
    await act(async () => {
      fireEvent.click(document.querySelector('.bg-load-more')!)
    })
    await waitFor(() => expect(document.querySelectorAll('.bg-ledger-item')).toHaveLength(2))
    expect(payloadsOf('points.mine')).toEqual([
      { page: 1, pageSize: 20 },
      { page: 2, pageSize: 20 },
    ])
    expect(document.querySelector('.bg-load-more')).toBeNull()
    fireEvent.click(document.querySelectorAll('.bg-ledger-item')[1]!)
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/case-detail/index?id=case-2' })
  })
})
