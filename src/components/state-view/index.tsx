import { Text, View } from '@tarojs/components'
import { Button } from '../nut/button'
import { Empty } from '../nut/empty'
import { Skeleton } from '../nut/skeleton'

export interface StateViewProps {
  loading?: boolean
  /** An error to show with a retry button. */
  error?: { message: string }
  empty?: boolean
  emptyText?: string
  loadingText?: string
  /** Skeleton rows while loading (a list of cards by default). */
  skeletonRows?: number
  onRetry?: () => void
  /** An action under the empty text, e.g. 随手拍 on an empty list of my reports. */
  emptyAction?: { text: string; onClick: () => void }
}

/** NutUI's Empty draws a remote picture by default; this small drawn mark keeps it offline and light. */
function Mark({ tone }: { tone: 'empty' | 'error' }) {
  return (
    <View className={`bg-state__mark bg-state__mark--${tone}`}>
      <Text>{tone === 'error' ? '!' : '○'}</Text>
    </View>
  )
}

/** The loading (skeleton), error (with retry) and empty states of a list or page; renders nothing when there is content. */
export function StateView({
  loading,
  error,
  empty,
  emptyText = '暂无问题',
  loadingText = '加载中…',
  skeletonRows = 3,
  onRetry,
  emptyAction,
}: StateViewProps) {
  if (loading) {
    return (
      <View className="bg-state bg-state--loading">
        <Skeleton className="bg-state__skeleton" rows={skeletonRows} animated />
        <Text className="bg-state__text bg-state__loading-text">{loadingText}</Text>
      </View>
    )
  }
  if (error) {
    return (
      <View className="bg-state bg-state--error">
        <Empty
          className="bg-state__empty"
          status="error"
          image={<Mark tone="error" />}
          imageSize={80}
          description={<Text className="bg-state__text bg-error-message">{error.message}</Text>}
        />
        {onRetry ? (
          <Button
            className="bg-state__retry bg-retry"
            type="primary"
            fill="outline"
            size="large"
            onClick={onRetry}
          >
            重试
          </Button>
        ) : null}
      </View>
    )
  }
  if (empty) {
    return (
      <View className="bg-state bg-state--empty bg-empty">
        <Empty
          className="bg-state__empty"
          image={<Mark tone="empty" />}
          imageSize={80}
          description={<Text className="bg-state__text">{emptyText}</Text>}
        />
        {emptyAction ? (
          <Button
            className="bg-state__retry bg-empty-action"
            type="primary"
            size="large"
            onClick={emptyAction.onClick}
          >
            {emptyAction.text}
          </Button>
        ) : null}
      </View>
    )
  }
  return null
}
