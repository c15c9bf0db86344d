import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { AwardView } from '@/domain/contract'
import { formatBeijingTime } from '@/domain/shared/time'
import { cx } from '@/utils/class-name'

export interface AwardCardProps {
  award: AwardView
  /** Per winner, e.g. the review page's 排除 button. */
  winnerAction?: (winner: AwardView['winners'][number]) => ReactNode
  /** Under the card, e.g. 发布. */
  footer?: ReactNode
}

/** An award of one period: title, status (草稿·周期未结束 / 已发布), the winners in order. */
export function AwardCard({ award, winnerAction, footer }: AwardCardProps) {
  return (
    <View className={cx('bg-award-card', `bg-award-${award.kind}`, `bg-award--${award.status}`)}>
      <View className="bg-award-card__head">
        <Text className="bg-award-card__title">{award.title}</Text>
        <Text
          className={cx(
            'bg-award-card__status',
            award.status === 'published'
              ? 'bg-award-card__status--published'
              : 'bg-award-card__status--draft',
          )}
        >
          {award.statusLabel}
        </Text>
      </View>
      <Text className="bg-award-card__period">{`${award.periodLabel} · ${award.districtName} · ${award.listLabel}`}</Text>
      {award.winners.length === 0 ? (
        <Text className="bg-award-card__empty">本期暂无获奖人</Text>
      ) : (
        award.winners.map((winner) => (
          <View key={`${winner.rank}-${winner.nickname}`} className="bg-award-card__winner">
            <Text className="bg-award-card__rank">{winner.rank}</Text>
            <Text className="bg-award-card__name">{winner.nickname}</Text>
            <Text className="bg-award-card__points">{`${winner.points}分 · 受理${winner.acceptedReports}件`}</Text>
            {winnerAction ? winnerAction(winner) : null}
          </View>
        ))
      )}
      {award.note ? <Text className="bg-award-card__note">{`审核意见：${award.note}`}</Text> : null}
      <Text className="bg-award-card__meta">
        {award.publishedAt
          ? `${award.publishedBy ?? ''} 发布于 ${formatBeijingTime(award.publishedAt)}`
          : `${award.draftedBy} 生成于 ${formatBeijingTime(award.draftedAt)}${award.excludedCount ? `，已排除${award.excludedCount}人` : ''}`}
      </Text>
      {footer ? <View className="bg-award-card__footer">{footer}</View> : null}
    </View>
  )
}
