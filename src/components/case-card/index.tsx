import { Image, Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { CaseView } from '@/domain/contract'
import { formatBeijingTime, waitingText } from '@/domain/time'
import { StatusTag } from '../status-tag'

export interface CaseCardProps {
  item: CaseView
  /** URL of the first photo, already mapped for the platform. */
  thumbUrl?: string
  /** Show "已等待 …" (board) instead of the submit time (my cases). */
  waitingSince?: Date
  showGrid?: boolean
  onOpen?: () => void
  /** Actions under the card, e.g. the board's claim button. */
  footer?: ReactNode
}

export function CaseCard({ item, thumbUrl, waitingSince, showGrid, onOpen, footer }: CaseCardProps) {
  return (
    <View className={`bg-case-card bg-case-card-${item.caseNo}`}>
      <View className='bg-case-card__body' onClick={onOpen}>
        {thumbUrl ? (
          <Image className='bg-case-card__thumb' src={thumbUrl} mode='aspectFill' lazyLoad />
        ) : (
          <View className='bg-case-card__thumb bg-case-card__thumb--empty'>
            <Text>无图</Text>
          </View>
        )}
        <View className='bg-case-card__main'>
          <View className='bg-case-card__head'>
            <Text className='bg-case-card__title'>{item.categoryName}</Text>
            <StatusTag status={item.status} label={item.statusLabel} />
          </View>
          <Text className='bg-case-card__check'>{item.checkName}</Text>
          {item.address ? <Text className='bg-case-card__line'>{item.address}</Text> : null}
          {showGrid ? <Text className='bg-case-card__line'>{item.grid.label || item.grid.name}</Text> : null}
          <View className='bg-case-card__meta'>
            {waitingSince && item.status === 'pending' ? (
              <Text className='bg-case-card__time bg-case-card__time--waiting bg-waiting'>已等待 {waitingText(new Date(item.createdAt), waitingSince)}</Text>
            ) : (
              <Text className='bg-case-card__time'>{formatBeijingTime(item.createdAt)}</Text>
            )}
            <Text className='bg-case-card__claim'>
              {item.claimedBy ? `认领人：${item.claimedBy.nickname}` : item.status === 'pending' ? '待认领' : ''}
            </Text>
          </View>
        </View>
      </View>
      {footer ? <View className='bg-case-card__footer'>{footer}</View> : null}
    </View>
  )
}
