import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { CaseCard } from '@/components/case-card'
import { Button } from '@/components/nut/button'
import { StateView } from '@/components/state-view'
import { usePagedQuery } from '@/hooks/use-paged-query'
import { useRefreshOnShow } from '@/hooks/use-refresh-on-show'
import { photoUrl } from '@/services/api'
import { routes } from '@/utils/routes'
import './index.scss'
import { listCount } from '@/utils/list-count'

/** Every report I made, newest first, ten at a time; pull to refresh, scroll to the end for more. */
export default function MyCasesPage() {
  const mine = usePagedQuery('case.mine', {}, { pageSize: 10 })

  useRefreshOnShow(() => void mine.reload())
  usePullDownRefresh(() => {
    void mine.reload().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    if (mine.hasMore && !mine.moreError) void mine.loadMore()
  })

  return (
    <View className="bg-page bg-my-cases">
      {mine.last ? (
        <Text className="bg-my-cases__total">{`共 ${listCount(mine.total, mine.items.length)} 条举报`}</Text>
      ) : null}
      <StateView
        loading={mine.loading && mine.items.length === 0}
        error={mine.items.length === 0 ? mine.error : undefined}
        empty={!mine.loading && !mine.error && mine.items.length === 0}
        emptyText="您还没有举报过问题"
        emptyAction={{ text: '随手拍', onClick: () => void Taro.navigateTo({ url: routes.report }) }}
        onRetry={() => void mine.reload()}
      />
      {mine.items.map((item) => (
        <CaseCard
          key={item.id}
          item={item}
          thumbUrl={item.photos[0] ? photoUrl(item.photos[0]) : undefined}
          onOpen={() => void Taro.navigateTo({ url: routes.caseDetail(item.id) })}
        />
      ))}
      {mine.hasMore ? (
        <Button
          className="bg-load-more bg-my-cases__more"
          fill="none"
          block
          loading={mine.loadingMore}
          onClick={() => void mine.loadMore()}
        >
          {mine.moreError ? '加载失败，点击重试' : '加载更多'}
        </Button>
      ) : mine.items.length > 0 ? (
        <Text className="bg-my-cases__end">没有更多了</Text>
      ) : null}
    </View>
  )
}
