import { Button, Text, View } from '@tarojs/components'

export interface StateViewProps {
  loading?: boolean
  /** An error to show with a retry button. */
  error?: { message: string }
  empty?: boolean
  emptyText?: string
  loadingText?: string
  onRetry?: () => void
}

/** The loading, error and empty states of a list or page; renders nothing when there is content. */
export function StateView({ loading, error, empty, emptyText = '暂无问题', loadingText = '加载中…', onRetry }: StateViewProps) {
  if (loading) {
    return (
      <View className='bg-state bg-state--loading'>
        <Text className='bg-state__text'>{loadingText}</Text>
      </View>
    )
  }
  if (error) {
    return (
      <View className='bg-state bg-state--error'>
        <Text className='bg-state__text bg-error-message'>{error.message}</Text>
        {onRetry ? (
          <Button className='bg-state__retry bg-retry' onClick={onRetry}>
            重试
          </Button>
        ) : null}
      </View>
    )
  }
  if (empty) {
    return (
      <View className='bg-state bg-state--empty bg-empty'>
        <Text className='bg-state__text'>{emptyText}</Text>
      </View>
    )
  }
  return null
}
