import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { isStaff } from '@/domain/people/roles'
import { AlertBanner } from '@/components/alert-banner'
import { CaseCard } from '@/components/case-card'
import { StateView } from '@/components/state-view'
import { usePagedQuery } from '@/hooks/use-paged-query'
import { useQuery } from '@/hooks/use-query'
import { useRefreshOnShow } from '@/hooks/use-refresh-on-show'
import { photoUrl } from '@/services/api'
import { routes } from '@/utils/routes'
import './index.scss'
import { listCount } from '@/utils/list-count'
import { DeskPanel, deskRoles } from './desk'

export default function HomePage() {
  const me = useQuery('me.get', {})
  const mine = usePagedQuery('case.mine', {}, { pageSize: 5 })

  // Back from a report or a tab switch: my points and cases as they now are.
  useRefreshOnShow(() => {
    void me.reload()
    void mine.reload()
  })

  const signedOut = me.error?.code === 'not-signed-in' || mine.error?.code === 'not-signed-in'

  // District offices and the supervisor land on the desk, not on the resident's 随手拍.
  if (me.data && deskRoles.includes(me.data.role)) {
    return (
      <View className="bg-page bg-home bg-home--desk">
        <AlertBanner />
        <DeskPanel role={me.data.role} />
      </View>
    )
  }

  return (
    <View className="bg-page bg-home">
      <AlertBanner />
      <View className="bg-home__hero">
        <Text className="bg-home__title">守护蓝天，人人都是网格员</Text>
        <Text className="bg-home__subtitle">看到工地扬尘、露天焚烧、烧烤油烟，拍下来告诉我们</Text>
        <Button
          className="bg-home__shoot bg-report-entry"
          id="bg-report-entry"
          onClick={() => Taro.navigateTo({ url: routes.report })}
        >
          随手拍
        </Button>
      </View>

      {me.data ? (
        <View className="bg-section bg-home__me">
          <View className="bg-home__me-line">
            <Text className="bg-home__nickname">{me.data.nickname}</Text>
            <Text className="bg-home__role">{me.data.roleLabel}</Text>
          </View>
          <View
            className="bg-home__points bg-home-points-entry"
            onClick={() => void Taro.navigateTo({ url: routes.points })}
          >
            <Text className="bg-home__points-label">我的积分 ›</Text>
            <Text className="bg-home__points-value bg-points">{me.data.points}</Text>
          </View>
        </View>
      ) : null}

      {me.data && isStaff(me.data.role) ? (
        <View
          className="bg-section bg-home__board bg-board-entry"
          id="bg-board-entry"
          onClick={() => Taro.navigateTo({ url: routes.board })}
        >
          <Text className="bg-home__board-title">网格工作台</Text>
          <Text className="bg-home__board-note">查看本网格待处理的问题并认领 ›</Text>
          <Text
            className="bg-home__board-overdue bg-overdue-entry"
            onClick={(event) => {
              event.stopPropagation()
              void Taro.navigateTo({ url: routes.boardFiltered('overdue') })
            }}
          >
            我的逾期问题 ›
          </Text>
        </View>
      ) : null}

      {me.data ? (
        <View className="bg-home__links">
          <Text
            className="bg-home__link bg-messages-entry"
            onClick={() => Taro.navigateTo({ url: routes.messages })}
          >
            消息通知 ›
          </Text>
          <Text
            className="bg-home__link bg-privacy-entry"
            onClick={() => Taro.navigateTo({ url: routes.privacy })}
          >
            隐私说明 ›
          </Text>
        </View>
      ) : null}

      {signedOut ? (
        <View className="bg-section">
          <Text className="bg-section__note">请先登录后查看您的举报和积分</Text>
          <Button
            className="bg-button bg-button--ghost bg-home__login"
            onClick={() => Taro.switchTab({ url: routes.me })}
          >
            去登录
          </Button>
        </View>
      ) : (
        <View className="bg-home__mine">
          <View className="bg-home__section-line">
            <Text className="bg-home__section-title">我的举报</Text>
            <Text
              className="bg-home__section-more bg-my-cases-entry"
              onClick={() => Taro.navigateTo({ url: routes.myCases })}
            >
              {mine.items.length > 0 ? `全部 ${listCount(mine.total, mine.items.length)} 条 ›` : '全部 ›'}
            </Text>
          </View>
          <StateView
            loading={mine.loading && mine.items.length === 0}
            error={mine.items.length === 0 ? mine.error : undefined}
            empty={!mine.loading && !mine.error && mine.items.length === 0}
            emptyText="暂无问题，发现污染就随手拍一拍"
            skeletonRows={4}
            onRetry={() => void mine.reload()}
          />
          {mine.items.map((item) => (
            <CaseCard
              key={item.id}
              item={item}
              thumbUrl={item.photos[0] ? photoUrl(item.photos[0]) : undefined}
              onOpen={() => Taro.navigateTo({ url: routes.caseDetail(item.id) })}
            />
          ))}
          {mine.hasMore ? (
            <Button className="bg-load-more" loading={mine.loadingMore} onClick={() => void mine.loadMore()}>
              {mine.moreError ? '加载失败，点击重试' : '加载更多'}
            </Button>
          ) : null}
        </View>
      )}
    </View>
  )
}
