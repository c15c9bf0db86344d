import { Picker, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { useState, type ReactNode } from 'react'
import type { CaseView } from '@/domain/contract'
import { AlertBanner } from '@/components/alert-banner'
import { CaseCard } from '@/components/case-card'
import { BoardCardActions } from '@/pkg-staff/components/board-card-actions'
import { exportRoute } from '@/pkg-staff/exports/open-file'
import { Button } from '@/components/nut/button'
import { Tabs } from '@/components/nut/tabs'
import { StateView } from '@/components/state-view'
import { useAction } from '@/hooks/use-action'
import { usePagedQuery } from '@/hooks/use-paged-query'
import { useQuery } from '@/hooks/use-query'
import { useRefreshOnShow } from '@/hooks/use-refresh-on-show'
import { isApiError, photoUrl } from '@/services/api'
import { askForCaseUpdatesInTap } from '@/services/subscriptions'
import { cx } from '@/utils/class-name'
import { routes, type BoardFilter } from '@/utils/routes'
import './index.scss'
import { listCount } from '@/utils/list-count'

export const boardFilters: { value: BoardFilter; label: string; empty: string }[] = [
  { value: 'all', label: '全部', empty: '本网格暂无问题' },
  { value: 'unclaimed', label: '待认领', empty: '没有待认领的问题' },
  { value: 'mine', label: '我认领的', empty: '您还没有认领问题' },
  { value: 'overdue', label: '逾期', empty: '没有逾期的问题' },
  { value: 'escalated', label: '上报给我', empty: '没有上报到本网格的问题' },
]

function isFilter(value: string | undefined): value is BoardFilter {
  return boardFilters.some((option) => option.value === value)
}

/** NutUI renders a pane's title as a child node; a node carries the e2e hook class of each filter. */
const asTitle = (node: ReactNode) => node as unknown as string

function newestFirst(a: CaseView, b: CaseView): number {
  return a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0
}

export default function BoardPage() {
  const { params } = useRouter()
  const me = useQuery('me.get', {})
  const [filter, setFilter] = useState<BoardFilter>(isFilter(params.filter) ? params.filter : 'all')
  const [gridId, setGridId] = useState<string | undefined>(undefined)
  const board = usePagedQuery('board.list', gridId ? { filter, gridId } : { filter }, { pageSize: 10 })
  const cards = useQuery('grid.cards', gridId ? { gridId } : {})
  const claim = useAction('case.claim')
  const [claiming, setClaiming] = useState<string | undefined>(undefined)

  useRefreshOnShow(() => {
    // Back from handling a case: show the board as it now is.
    void board.reload()
    void cards.reload()
  })

  usePullDownRefresh(() => {
    void Promise.all([board.reload(), me.reload(), cards.reload()]).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    if (board.hasMore && !board.moreError) void board.loadMore()
  })

  const onClaim = async (item: CaseView) => {
    if (claiming) return
    // The claimer hears of the case's later steps (a failed verification, a joint enforcement) by WeChat.
    const subscription = askForCaseUpdatesInTap()
    setClaiming(item.id)
    try {
      const result = await claim.run({ caseId: item.id })
      await subscription.recordAccepted()
      board.replaceItem(result.case)
      Taro.showToast({ title: '认领成功', icon: 'success' })
    } catch (error) {
      // Say exactly what the server said (e.g. "该问题已被秦网格长认领"), then show the board as it now is.
      const message = isApiError(error) ? error.message : '认领失败，请重试'
      Taro.showToast({ title: message, icon: 'none', duration: 3000 })
      void board.reload()
    } finally {
      setClaiming(undefined)
    }
  }

  const grids = board.last?.grids ?? []
  const currentGrid = board.last?.grid
  const gridIndex = Math.max(
    0,
    grids.findIndex((grid) => grid.id === currentGrid?.id),
  )
  const role = me.data?.role
  const now = new Date()
  const items = [...board.items].sort(newestFirst)
  const current = boardFilters.find((option) => option.value === filter) ?? boardFilters[0]!

  return (
    <View className="bg-page bg-board">
      <AlertBanner />
      <View className="bg-board__top">
        {grids.length > 1 ? (
          <Picker
            mode="selector"
            className="bg-grid-picker"
            range={grids.map((grid) => grid.label || grid.name)}
            value={gridIndex}
            onChange={(event) => {
              const next = grids[Number(event.detail.value)]
              if (next) setGridId(next.id)
            }}
          >
            <View className="bg-board__grid">
              <Text className="bg-board__grid-name">
                {currentGrid ? currentGrid.label || currentGrid.name : '选择网格'}
              </Text>
              <Text className="bg-board__grid-switch">切换网格 ›</Text>
            </View>
          </Picker>
        ) : currentGrid ? (
          <View className="bg-board__grid">
            <Text className="bg-board__grid-name">{currentGrid.label || currentGrid.name}</Text>
          </View>
        ) : null}

        {cards.data ? (
          <View className="bg-board__cards bg-grid-cards">
            <Text className="bg-board__card bg-board__card--yellow">{`本月黄牌 ${cards.data.yellow}`}</Text>
            <Text className="bg-board__card bg-board__card--red">{`本月红牌 ${cards.data.red}`}</Text>
            <Text
              className={cx('bg-board__card', cards.data.openOverdue > 0 && 'bg-board__card--overdue')}
              onClick={() => setFilter('overdue')}
            >
              {`逾期未办 ${cards.data.openOverdue} ›`}
            </Text>
            <Text
              className="bg-board__card bg-board__export"
              onClick={() => void Taro.navigateTo({ url: exportRoute(currentGrid?.id) })}
            >
              导出 ›
            </Text>
          </View>
        ) : null}

        <Tabs
          className="bg-board__tabs"
          value={filter}
          activeType="line"
          onChange={(value) => isFilter(String(value)) && setFilter(String(value) as BoardFilter)}
        >
          {boardFilters.map((option) => (
            <Tabs.TabPane
              key={option.value}
              value={option.value}
              title={asTitle(
                <Text className={`bg-board__tab bg-filter-${option.value}`}>{option.label}</Text>,
              )}
            />
          ))}
        </Tabs>
        {board.last ? (
          <Text className="bg-board__total">{`${current.label}：共 ${listCount(board.total, board.items.length)} 条`}</Text>
        ) : null}
      </View>

      <StateView
        loading={board.loading && items.length === 0}
        error={items.length === 0 ? board.error : undefined}
        empty={!board.loading && !board.error && items.length === 0}
        emptyText={current.empty}
        onRetry={() => void board.reload()}
      />

      {items.map((item) => (
        <CaseCard
          key={item.id}
          item={item}
          thumbUrl={item.photos[0] ? photoUrl(item.photos[0]) : undefined}
          waitingSince={now}
          onOpen={() => void Taro.navigateTo({ url: routes.handle(item.id) })}
          footer={
            <BoardCardActions
              item={item}
              role={role}
              claiming={claiming}
              onOpen={(opened) => void Taro.navigateTo({ url: routes.handle(opened.id) })}
              onClaim={(claimed) => void onClaim(claimed)}
            />
          }
        />
      ))}

      {items.length > 0 && board.error ? (
        <Text className="bg-board__inline-error">{`${board.error.message}，下拉可刷新`}</Text>
      ) : null}

      {board.hasMore ? (
        <Button
          className="bg-load-more bg-board__more"
          fill="none"
          block
          loading={board.loadingMore}
          onClick={() => void board.loadMore()}
        >
          {board.moreError ? '加载失败，点击重试' : '加载更多'}
        </Button>
      ) : items.length > 0 ? (
        <Text className="bg-board__end">没有更多了</Text>
      ) : null}
    </View>
  )
}
