import { Button, Picker, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { can } from '@/domain/case-status'
import type { CaseView } from '@/domain/contract'
import { CaseCard } from '@/components/case-card'
import { StateView } from '@/components/state-view'
import { useAction } from '@/hooks/use-action'
import { usePagedQuery } from '@/hooks/use-paged-query'
import { useQuery } from '@/hooks/use-query'
import { isApiError, photoUrl } from '@/services/api'
import { cx } from '@/utils/class-name'
import { routes } from '@/utils/routes'
import './index.scss'

type Filter = 'all' | 'unclaimed' | 'mine'

const filters: { value: Filter; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'unclaimed', label: '待认领' },
  { value: 'mine', label: '我认领的' },
]

function newestFirst(a: CaseView, b: CaseView): number {
  return a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0
}

export default function BoardPage() {
  const me = useQuery('me.get', {})
  const [filter, setFilter] = useState<Filter>('all')
  const [gridId, setGridId] = useState<string | undefined>(undefined)
  const board = usePagedQuery('board.list', gridId ? { filter, gridId } : { filter }, { pageSize: 10 })
  const claim = useAction('case.claim')
  const [claiming, setClaiming] = useState<string | undefined>(undefined)

  const shownOnce = useRef(false)
  useDidShow(() => {
    if (!shownOnce.current) {
      shownOnce.current = true
      return
    }
    void board.reload()
  })

  usePullDownRefresh(() => {
    void Promise.all([board.reload(), me.reload()]).finally(() => Taro.stopPullDownRefresh())
  })

  const onClaim = async (item: CaseView) => {
    if (claiming) return
    setClaiming(item.id)
    try {
      const result = await claim.run({ caseId: item.id })
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

  return (
    <View className='bg-page bg-board'>
      <View className='bg-board__top'>
        {grids.length > 1 ? (
          <Picker
            mode='selector'
            className='bg-grid-picker'
            range={grids.map((grid) => grid.label || grid.name)}
            value={gridIndex}
            onChange={(event) => {
              const next = grids[Number(event.detail.value)]
              if (next) setGridId(next.id)
            }}
          >
            <View className='bg-board__grid'>
              <Text className='bg-board__grid-name'>{currentGrid ? currentGrid.label || currentGrid.name : '选择网格'}</Text>
              <Text className='bg-board__grid-switch'>切换网格 ›</Text>
            </View>
          </Picker>
        ) : currentGrid ? (
          <View className='bg-board__grid'>
            <Text className='bg-board__grid-name'>{currentGrid.label || currentGrid.name}</Text>
          </View>
        ) : null}

        <View className='bg-board__tabs'>
          {filters.map((option) => (
            <View
              key={option.value}
              className={cx('bg-board__tab', `bg-filter-${option.value}`, option.value === filter && 'bg-board__tab--active')}
              onClick={() => setFilter(option.value)}
            >
              <Text>{option.label}</Text>
            </View>
          ))}
        </View>
        {board.last ? <Text className='bg-board__total'>{`共 ${board.total} 条`}</Text> : null}
      </View>

      <StateView
        loading={board.loading && items.length === 0}
        error={items.length === 0 ? board.error : undefined}
        empty={!board.loading && !board.error && items.length === 0}
        emptyText='暂无问题'
        onRetry={() => void board.reload()}
      />

      {items.map((item) => (
        <CaseCard
          key={item.id}
          item={item}
          thumbUrl={item.photos[0] ? photoUrl(item.photos[0]) : undefined}
          waitingSince={now}
          onOpen={() => Taro.navigateTo({ url: routes.caseDetail(item.id) })}
          footer={
            role && can(item.status, 'claim', role) ? (
              <Button
                className={cx('bg-button bg-button--primary bg-button--small bg-claim', `bg-claim-${item.caseNo}`, claiming !== undefined && 'bg-button--disabled')}
                loading={claiming === item.id}
                disabled={claiming !== undefined}
                onClick={() => void onClaim(item)}
              >
                认领
              </Button>
            ) : undefined
          }
        />
      ))}

      {items.length > 0 && board.error ? (
        <Text className='bg-board__inline-error'>{`${board.error.message}，下拉可刷新`}</Text>
      ) : null}

      {board.hasMore ? (
        <Button className='bg-load-more' loading={board.loadingMore} onClick={() => void board.loadMore()}>
          {board.moreError ? '加载失败，点击重试' : '加载更多'}
        </Button>
      ) : items.length > 0 ? (
        <Text className='bg-board__end'>没有更多了</Text>
      ) : null}
    </View>
  )
}
