import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { Button } from '@/components/nut/button'
import { Cell } from '@/components/nut/cell'
import { CellGroup } from '@/components/nut/cell-group'
import { StateView } from '@/components/state-view'
import { formatBeijingTime } from '@/domain/shared/time'
import { usePagedQuery } from '@/hooks/use-paged-query'
import { subscriptionsAvailable } from '@/platform/subscribe'
import { routes } from '@/utils/routes'
import './index.scss'

/**
 * The in-app message list: every update about my cases (and, for staff, about my grids) that the functions queued.
 * Subscription messages reach WeChat only when the user allowed them; this list always has everything.
 */
export default function MessagesPage() {
  const messages = usePagedQuery('notification.list', {}, { pageSize: 20 })

  usePullDownRefresh(() => {
    void messages.reload().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    if (messages.hasMore && !messages.moreError) void messages.loadMore()
  })

  return (
    <View className="bg-page bg-messages">
      <Text className="bg-messages__note">
        {subscriptionsAvailable
          ? '提交举报时允许“订阅消息”，处理进度也会通过微信通知您。'
          : '问题的每一步处理进度都会出现在这里。'}
      </Text>
      <StateView
        loading={messages.loading && messages.items.length === 0}
        error={messages.items.length === 0 ? messages.error : undefined}
        empty={!messages.loading && !messages.error && messages.items.length === 0}
        emptyText="暂无消息"
        onRetry={() => void messages.reload()}
      />
      {messages.items.length ? (
        <CellGroup className="bg-messages__list">
          {messages.items.map((message) => (
            <Cell
              key={message.id}
              className={`bg-message bg-message-${message.kind}`}
              title={
                <View className="bg-message__head">
                  <Text className="bg-message__title">{message.title}</Text>
                  <Text className="bg-message__time">{formatBeijingTime(message.createdAt)}</Text>
                </View>
              }
              description={
                <View className="bg-message__desc">
                  {message.body ? <Text className="bg-message__body">{message.body}</Text> : null}
                  <Text className="bg-message__case">{`问题编号 ${message.caseNo} ›`}</Text>
                </View>
              }
              onClick={() => void Taro.navigateTo({ url: routes.caseDetail(message.caseId) })}
            />
          ))}
        </CellGroup>
      ) : null}
      {messages.hasMore ? (
        <Button
          className="bg-messages__more"
          fill="none"
          block
          loading={messages.loadingMore}
          onClick={() => void messages.loadMore()}
        >
          {messages.moreError ? '加载失败，点击重试' : '加载更多'}
        </Button>
      ) : null}
    </View>
  )
}
