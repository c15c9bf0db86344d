import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useState, type ReactNode } from 'react'
import type { DeliveryProblemState, DeliveryView } from '@/domain/contract'
import { deliveryProblemStates, deliveryStateLabels } from '@/domain/notify/inputs'
import { formatBeijingTime } from '@/domain/shared/time'
import { Button } from '@/components/nut/button'
import { Tabs } from '@/components/nut/tabs'
import { StateView } from '@/components/state-view'
import { useAction } from '@/hooks/use-action'
import { usePagedQuery } from '@/hooks/use-paged-query'
import { isApiError } from '@/services/api'
import { routes } from '@/utils/routes'
import { listCount } from '@/utils/list-count'
import './index.scss'

const emptyText: Record<DeliveryProblemState, string> = {
  failed: '本区没有发送失败的订阅消息',
  sending: '本区没有正在发送的订阅消息',
  'no-sends-left': '本区没有因未订阅而未发出的消息',
}

const hints: Record<DeliveryProblemState, string> = {
  failed: '多次重试后仍被微信拒绝的消息，可在排查原因（如模板配置）后重新发送',
  sending: '发送中断的消息可能已送达，为避免重复打扰不再重发，消息中心仍可查看',
  'no-sends-left': '用户没有剩余的订阅次数，消息只在小程序的消息中心显示',
}

/** NutUI renders a pane's title as a child node; a node carries the hook class of each state. */
const asTitle = (node: ReactNode) => node as unknown as string

function DeliveryCard({
  item,
  resending,
  onResend,
}: {
  item: DeliveryView
  resending: boolean
  onResend: (item: DeliveryView) => void
}) {
  return (
    <View className={`bg-section bg-delivery bg-delivery-${item.id.replace(/[^a-zA-Z0-9_-]/g, '-')}`}>
      <View className="bg-delivery__top">
        <Text className="bg-delivery__title">{item.title}</Text>
        <Text className={`bg-delivery__state${item.stuck ? ' bg-delivery__state--stuck' : ''}`}>
          {item.stateLabel}
        </Text>
      </View>
      {item.caseNo ? (
        <Text
          className="bg-delivery__line bg-delivery__case"
          onClick={() => void Taro.navigateTo({ url: routes.handle(item.caseId) })}
        >
          {`问题编号 ${item.caseNo} ›`}
        </Text>
      ) : null}
      <Text className="bg-delivery__line">
        {`生成于 ${formatBeijingTime(item.createdAt)} · 已尝试 ${item.attempts} 次`}
      </Text>
      {item.errCode !== null ? (
        <Text className="bg-delivery__line bg-delivery__error">
          {`微信返回 ${item.errCode}${item.errMsg ? `：${item.errMsg}` : ''}`}
        </Text>
      ) : null}
      {item.canResend ? (
        <Button
          className="bg-delivery__resend"
          size="small"
          type="primary"
          fill="outline"
          loading={resending}
          onClick={() => onResend(item)}
        >
          重新发送
        </Button>
      ) : null}
    </View>
  )
}

/**
 * The district office's view of subscription messages that did not go out: failed after their retries
 * (and sent again from here once the cause is fixed), held by a send that stopped, or not sent because the
 * person had no accepted send left. Whom each message was for is never shown.
 */
export default function DeliveriesPage() {
  const [state, setState] = useState<DeliveryProblemState>('failed')
  const list = usePagedQuery('notification.deliveries', { state }, { pageSize: 10 })
  const resend = useAction('notification.resend')
  const [resending, setResending] = useState<string | undefined>(undefined)

  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    if (list.hasMore && !list.moreError) void list.loadMore()
  })

  const onResend = async (item: DeliveryView) => {
    if (resending) return
    setResending(item.id)
    try {
      await resend.run({ id: item.id })
      Taro.showToast({ title: '已重新排队发送', icon: 'success' })
    } catch (error) {
      Taro.showToast({
        title: isApiError(error) ? error.message : '重新发送失败，请重试',
        icon: 'none',
        duration: 3000,
      })
    } finally {
      setResending(undefined)
      void list.reload()
    }
  }

  return (
    <View className="bg-page bg-deliveries">
      <Tabs
        className="bg-deliveries__tabs"
        value={state}
        activeType="line"
        onChange={(value) => setState(String(value) as DeliveryProblemState)}
      >
        {deliveryProblemStates.map((value) => (
          <Tabs.TabPane
            key={value}
            value={value}
            title={asTitle(
              <Text className={`bg-deliveries__tab bg-deliveries-state-${value}`}>
                {deliveryStateLabels[value]}
              </Text>,
            )}
          />
        ))}
      </Tabs>
      <Text className="bg-deliveries__hint">{hints[state]}</Text>
      {list.last ? (
        <Text className="bg-deliveries__total">
          {`${deliveryStateLabels[state]}：共 ${listCount(list.total, list.items.length)} 条`}
        </Text>
      ) : null}
      <StateView
        loading={list.loading && list.items.length === 0}
        error={list.items.length === 0 ? list.error : undefined}
        empty={!list.loading && !list.error && list.items.length === 0}
        emptyText={emptyText[state]}
        onRetry={() => void list.reload()}
      />
      {list.items.map((item) => (
        <DeliveryCard
          key={item.id}
          item={item}
          resending={resending === item.id}
          onResend={(chosen) => void onResend(chosen)}
        />
      ))}
      {list.hasMore ? (
        <Button
          className="bg-load-more bg-deliveries__more"
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
