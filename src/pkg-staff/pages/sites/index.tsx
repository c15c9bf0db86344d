import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useState, type ReactNode } from 'react'
import type { SiteStatus } from '@/domain/sites/rules'
import { siteStatuses, siteStatusLabels } from '@/domain/sites/rules'
import { Button } from '@/components/nut/button'
import { Tabs } from '@/components/nut/tabs'
import { StateView } from '@/components/state-view'
import { usePagedQuery } from '@/hooks/use-paged-query'
import { useRefreshOnShow } from '@/hooks/use-refresh-on-show'
import { listCount } from '@/utils/list-count'
import { routes } from '@/utils/routes'
import './index.scss'

type StatusFilter = SiteStatus | 'all'
const asTitle = (node: ReactNode) => node as unknown as string

/**
 * 一企一档: the sites in the caller's grids, by colour (tabs) and type (chips), newest change first, page by
 * page; each opens its page with its case history. The district office imports its register from here.
 */
export default function SitesPage() {
  const [status, setStatus] = useState<StatusFilter>('all')
  const [type, setType] = useState('')
  const list = usePagedQuery(
    'site.list',
    { ...(status === 'all' ? {} : { status }), ...(type ? { type } : {}) },
    { pageSize: 10 },
  )

  useRefreshOnShow(() => void list.reload())
  usePullDownRefresh(() => void list.reload().finally(() => Taro.stopPullDownRefresh()))
  useReachBottom(() => {
    if (list.hasMore && !list.moreError) void list.loadMore()
  })

  return (
    <View className="bg-page bg-sites">
      <Tabs
        className="bg-sites__tabs"
        value={status}
        activeType="line"
        onChange={(value) => setStatus(String(value) as StatusFilter)}
      >
        {(['all', ...siteStatuses] as const).map((value) => (
          <Tabs.TabPane
            key={value}
            value={value}
            title={asTitle(
              <Text className={`bg-sites__tab bg-sites-status-${value}`}>
                {value === 'all' ? '全部' : siteStatusLabels[value]}
              </Text>,
            )}
          />
        ))}
      </Tabs>
      <View className="bg-sites__types">
        {[{ id: '', label: '全部类型' }, ...(list.last?.types ?? [])].map((option) => (
          <Text
            key={option.id || 'all'}
            className={`bg-sites__type bg-sites-type-${option.id || 'all'}${type === option.id ? ' bg-sites__type--on' : ''}`}
            onClick={() => setType(option.id)}
          >
            {option.label}
          </Text>
        ))}
      </View>
      <View className="bg-sites__bar">
        <Text className="bg-sites__total">
          {list.last ? `共 ${listCount(list.total, list.items.length)} 个污染源` : '污染源档案'}
        </Text>
        <View className="bg-sites__actions">
          <Text className="bg-sites__create" onClick={() => void Taro.navigateTo({ url: routes.siteEdit() })}>
            新增 ›
          </Text>
          <Text className="bg-sites__import" onClick={() => void Taro.navigateTo({ url: routes.siteImport })}>
            导入表格 ›
          </Text>
        </View>
      </View>

      <StateView
        loading={list.loading && list.items.length === 0}
        error={list.items.length === 0 ? list.error : undefined}
        empty={!list.loading && !list.error && list.items.length === 0}
        emptyText="没有符合条件的污染源档案"
        onRetry={() => void list.reload()}
      />
      {list.items.map((site) => (
        <View
          key={site.id}
          className={`bg-section bg-site-card bg-site-card-${site.id}`}
          onClick={() => void Taro.navigateTo({ url: routes.site(site.id) })}
        >
          <View className="bg-site-card__head">
            <Text className="bg-site-card__name">{site.name}</Text>
            <Text className={`bg-site-status bg-site-status--${site.status}`}>{site.statusLabel}</Text>
          </View>
          <Text className="bg-site-card__line">{`${site.typeLabel} · ${site.grid.name}`}</Text>
          <Text className="bg-site-card__line">{site.address}</Text>
          <Text className="bg-site-card__line">
            {site.recentCases > 0 ? `近期关联问题 ${site.recentCases} 件` : '近期无关联问题'}
          </Text>
        </View>
      ))}
      {list.hasMore ? (
        <Button
          className="bg-load-more bg-sites__more"
          fill="none"
          block
          loading={list.loadingMore}
          onClick={() => void list.loadMore()}
        >
          {list.moreError ? '加载失败，点击重试' : '加载更多'}
        </Button>
      ) : null}
    </View>
  )
}
