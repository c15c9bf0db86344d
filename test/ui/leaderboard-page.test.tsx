import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { ActionOutput } from '../../src/domain/contract'
import LeaderboardPage from '../../src/pkg-rewards/pages/leaderboard/index'
import HonorsPage from '../../src/pkg-rewards/pages/honors/index'
import { resetTaro } from '../fakes/taro'
import { ok, onAction, payloadsOf, resetPlatform } from '../fakes/platform'
import { awardView } from './rewards-fixtures'

jest.mock('@tarojs/taro', () => require('../fakes/taro'))
jest.mock('@tarojs/components', () => require('../fakes/taro-components'))
jest.mock('@/platform/cloud', () => require('../fakes/platform').cloud)

beforeEach(() => {
  resetTaro()
  resetPlatform()
})

function board(
  overrides: Partial<ActionOutput<'points.leaderboard'>> = {},
): ActionOutput<'points.leaderboard'> {
  return {
    kind: 'month',
    period: '2026-11',
    periodLabel: '2026年11月',
    ended: false,
    list: 'public',
    listLabel: '市民榜',
    scope: 'all',
    scopeId: null,
    scopeName: '全部',
    title: '月度环保市民',
    winners: 10,
    ranked: null,
    items: [
      { rank: 1, nickname: '周先生', points: 90, acceptedReports: 7, isMe: false },
      { rank: 2, nickname: '志愿者小唐', points: 80, acceptedReports: 6, isMe: false },
    ],
    me: { rank: 57, points: 10, acceptedReports: 1 },
    ...overrides,
  }
}

describe('leaderboard page (排行榜)', () => {
  it('shows my place even when I am outside the top list, and switches to the quarter', async () => {
    onAction('points.leaderboard', (payload) =>
      ok(board({ kind: (payload as { kind: 'month' | 'quarter' }).kind })),
    )
    render(<LeaderboardPage />)
    expect(await screen.findByText('我的排名：第 57 名')).toBeTruthy()
    expect(screen.getByText('2026年11月 月度环保市民')).toBeTruthy()
    expect(screen.getByText('全部 · 市民榜 · 本期进行中，排名实时变化')).toBeTruthy()
    expect(screen.getByText('仅显示前 2 名')).toBeTruthy()
    expect(document.querySelectorAll('.bg-rank-row')).toHaveLength(2)
    expect(document.querySelector('.bg-rank-me')).toBeNull()
    fireEvent.click(document.querySelector('.bg-period-quarter')!)
    await waitFor(() =>
      expect(payloadsOf('points.leaderboard')).toContainEqual(
        expect.objectContaining({ kind: 'quarter', scope: 'all' }),
      ),
    )
  })

  it('says how many are ranked when the list shows them all', async () => {
    onAction('points.leaderboard', () => ok(board({ ranked: 2, me: null })))
    render(<LeaderboardPage />)
    expect(await screen.findByText('全部 · 市民榜 · 共 2 人 · 本期进行中，排名实时变化')).toBeTruthy()
    expect(screen.queryByText('仅显示前 2 名')).toBeNull()
  })

  it('says when nobody has points yet', async () => {
    onAction('points.leaderboard', () => ok(board({ items: [], ranked: 0, me: null })))
    render(<LeaderboardPage />)
    expect(await screen.findByText('本期还没有人获得积分')).toBeTruthy()
    expect(screen.getByText('本期暂无我的积分')).toBeTruthy()
  })
})

describe('honour roll (荣誉榜)', () => {
  it('lists published awards with their winners', async () => {
    onAction('award.list', () =>
      ok({
        items: [
          awardView({
            status: 'published',
            statusLabel: '已发布',
            publishedAt: '2026-12-02T02:00:00.000Z',
            publishedBy: '长效办小胡',
          }),
        ],
        total: 1,
        hasMore: false,
        page: 1,
        pageSize: 10,
      }),
    )
    render(<HonorsPage />)
    expect(await screen.findByText('已发布')).toBeTruthy()
    expect(screen.getByText('林女士')).toBeTruthy()
    expect(payloadsOf('award.list')).toEqual([expect.objectContaining({ status: 'published' })])
  })
})
