import { Button, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import { periodKindLabels, type PeriodKind } from '@/domain/rewards/points'
import { StateView } from '@/components/state-view'
import { usePagedQuery } from '@/hooks/use-paged-query'
import { AwardCard } from '../../components/award-card'
import { Segmented } from '../../components/segmented'
import './index.scss'

type Filter = 'all' | PeriodKind
const filters: { value: Filter; label: string }[] = [
  { value: 'all', label: '全部' },
  ...(['month', 'quarter', 'year'] as const).map((value) => ({ value, label: periodKindLabels[value] })),
]

/** The honour roll: published awards (月度环保市民, 季度环保达人, 年度环保之星), newest first. */
export default function HonorsPage() {
  const [filter, setFilter] = useState<Filter>('all')
  const awards = usePagedQuery(
    'award.list',
    filter === 'all' ? { status: 'published' } : { status: 'published', kind: filter },
    { pageSize: 10 },
  )
  usePullDownRefresh(() => {
    void awards.reload().finally(() => Taro.stopPullDownRefresh())
  })

  return (
    <View className="bg-page bg-honors">
      <Segmented hook="bg-honors-filter" options={filters} value={filter} onChange={setFilter} />
      <Text className="bg-honors__intro">区长效办每月、每季度、每年按积分评选，审核后在此公布。</Text>
      <StateView
        loading={awards.loading && awards.items.length === 0}
        error={awards.items.length === 0 ? awards.error : undefined}
        empty={!awards.loading && !awards.error && awards.items.length === 0}
        emptyText="还没有公布的评选结果"
        onRetry={() => void awards.reload()}
      />
      {awards.items.map((award) => (
        <AwardCard key={award.id} award={award} />
      ))}
      {awards.hasMore ? (
        <Button
          className="bg-rewards-more bg-load-more"
          loading={awards.loadingMore}
          onClick={() => void awards.loadMore()}
        >
          {awards.moreError ? '加载失败，点击重试' : '加载更多'}
        </Button>
      ) : null}
    </View>
  )
}
