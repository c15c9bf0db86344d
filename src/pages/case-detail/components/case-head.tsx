import { Text, View } from '@tarojs/components'
import type { CaseView } from '@/domain/contract'
import { Button } from '@/components/nut/button'
import { StatusTag } from '@/components/status-tag'
import { cardLabels, deadlineLabel } from '@/utils/case-display'

export interface CaseHeadProps {
  item: CaseView
  /** Whether the case is still being handled (joining is offered only then). */
  open: boolean
  joining: boolean
  onJoin: () => void
}

function followText(item: CaseView): string {
  if (item.isMine) return `这是您的举报${item.followerCount ? `，另有${item.followerCount}人附议` : ''}`
  if (item.isFollowing) return `您已附议，共${item.followerCount}人附议，处理进度会通知您`
  return item.followerCount ? `${item.followerCount}人附议` : ''
}

/** What the case is, where it stands, its cards and deadline, and who follows it. */
export function CaseHead({ item, open, joining, onJoin }: CaseHeadProps) {
  const card = item.card === 'yellow' || item.card === 'red' ? item.card : undefined
  return (
    <View className="bg-section bg-detail__head">
      <View className="bg-detail__title-line">
        <Text className="bg-detail__title">{item.categoryName}</Text>
        <View className="bg-case-status">
          <StatusTag status={item.status} label={item.statusLabel} />
        </View>
      </View>
      <Text className="bg-detail__check">{item.checkName}</Text>
      <Text className="bg-detail__case-no bg-case-no">{`编号 ${item.caseNo}`}</Text>
      {card || item.supervised || (open && item.deadlineAt) ? (
        <View className="bg-detail__flags">
          {card ? (
            <Text className={`bg-detail__flag bg-detail__flag--${card}`}>{cardLabels[card]}</Text>
          ) : null}
          {item.supervised ? (
            <Text className="bg-detail__flag bg-detail__flag--supervised">挂牌督办</Text>
          ) : null}
          {open && item.deadlineAt ? (
            <Text className="bg-detail__deadline">{deadlineLabel(item.deadlineAt)}</Text>
          ) : null}
        </View>
      ) : null}
      {item.screening && item.screening.state !== 'passed' ? (
        <Text className="bg-detail__screening bg-screening-status">
          {item.screening.state === 'checking' || item.screening.state === 'review'
            ? `${item.screening.label}：通过前仅举报人和工作人员可见`
            : item.screening.label}
        </Text>
      ) : null}
      <Text className="bg-detail__follow bg-follow-status">{followText(item)}</Text>
      {!item.isMine && !item.isFollowing && open ? (
        <Button
          className="bg-detail__join bg-join-case"
          type="primary"
          fill="outline"
          loading={joining}
          onClick={onJoin}
        >
          我也遇到了，附议此问题
        </Button>
      ) : null}
    </View>
  )
}
