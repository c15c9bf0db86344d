import { Image, Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { CaseView } from '@/domain/contract'
import { formatBeijingTime, waitingText } from '@/domain/shared/time'
import { cardLabels, deadlineText, isOverdue } from '@/utils/case-display'
import { cx } from '@/utils/class-name'
import { StatusTag } from '../status-tag'

export interface CaseCardProps {
  item: CaseView
  /** URL of the first photo, already mapped for the platform. */
  thumbUrl?: string
  /**
   * The board's clock: shows "已等待 …" since the case landed on the board (pending) or the time left / overdue
   * (other open cases), instead of the submit time (my cases).
   */
  waitingSince?: Date
  showGrid?: boolean
  onOpen?: () => void
  /** Actions under the card, e.g. the board's claim button. */
  footer?: ReactNode
}

export function CaseCard({ item, thumbUrl, waitingSince: now, showGrid, onOpen, footer }: CaseCardProps) {
  const card = item.card === 'yellow' || item.card === 'red' ? item.card : undefined
  const overdue = now ? isOverdue(item, now) : false
  const due = now ? deadlineText(item, now) : ''
  return (
    <View
      className={cx(
        'bg-case-card',
        `bg-case-card-${item.caseNo}`,
        card && `bg-case-card--${card}`,
        overdue && 'bg-case-card--overdue',
      )}
    >
      <View className="bg-case-card__body" onClick={onOpen}>
        {thumbUrl ? (
          <Image className="bg-case-card__thumb" src={thumbUrl} mode="aspectFill" lazyLoad />
        ) : (
          <View className="bg-case-card__thumb bg-case-card__thumb--empty">
            <Text>无图</Text>
          </View>
        )}
        <View className="bg-case-card__main">
          <View className="bg-case-card__head">
            <Text className="bg-case-card__title">{item.categoryName}</Text>
            <StatusTag status={item.status} label={item.statusLabel} />
          </View>
          <Text className="bg-case-card__check">{item.checkName}</Text>
          {item.address ? <Text className="bg-case-card__line">{item.address}</Text> : null}
          {showGrid ? <Text className="bg-case-card__line">{item.grid.label || item.grid.name}</Text> : null}
          {card || item.supervised || item.major ? (
            <View className="bg-case-card__flags">
              {card ? (
                <Text className={`bg-case-card__flag bg-case-card__flag--${card} bg-card-${card}`}>
                  {cardLabels[card]}
                </Text>
              ) : null}
              {item.supervised ? (
                <Text className="bg-case-card__flag bg-case-card__flag--supervised">挂牌督办</Text>
              ) : null}
              {item.major ? (
                <Text className="bg-case-card__flag bg-case-card__flag--major">重大突发</Text>
              ) : null}
            </View>
          ) : null}
          <View className="bg-case-card__meta">
            {now && item.status === 'pending' ? (
              <Text className="bg-case-card__time bg-case-card__time--waiting bg-waiting">
                已等待 {waitingText(new Date(item.waitingSince || item.createdAt), now)}
              </Text>
            ) : due ? (
              <Text
                className={cx(
                  'bg-case-card__time',
                  overdue ? 'bg-case-card__time--overdue' : 'bg-case-card__time--due',
                  'bg-due',
                )}
              >
                {due}
              </Text>
            ) : (
              <Text className="bg-case-card__time">{formatBeijingTime(item.createdAt)}</Text>
            )}
            <Text className="bg-case-card__claim">
              {item.claimedBy
                ? `认领人：${item.claimedBy.nickname}`
                : item.status === 'pending'
                  ? '待认领'
                  : ''}
            </Text>
          </View>
          {now && item.status === 'pending' && due ? (
            <Text
              className={cx(
                'bg-case-card__line',
                overdue ? 'bg-case-card__time--overdue' : 'bg-case-card__time--due',
              )}
            >
              {due}
            </Text>
          ) : null}
        </View>
      </View>
      {footer ? <View className="bg-case-card__footer">{footer}</View> : null}
    </View>
  )
}
