import { Text, View } from '@tarojs/components'
import type { CaseView } from '@/domain/contract'
import { waitingText } from '@/domain/shared/time'
import { StatusTag } from '@/components/status-tag'
import { cardLabels, deadlineText, isOverdue } from '@/utils/case-display'
import { cx } from '@/utils/class-name'

/** The top of the handling page: what the case is, its status, its flags and how long it has waited. */
export function CaseHead({ item, now }: { item: CaseView; now: Date }) {
  const card = item.card === 'yellow' || item.card === 'red' ? item.card : undefined
  const due = deadlineText(item, now)
  return (
    <View className={cx('bg-section bg-handle__head', card && `bg-handle__head--${card}`)}>
      <View className="bg-handle__title-line">
        <Text className="bg-handle__title">{item.categoryName}</Text>
        <View className="bg-case-status">
          <StatusTag status={item.status} label={item.statusLabel} />
        </View>
      </View>
      <Text className="bg-handle__check">{item.checkName}</Text>
      <Text className="bg-handle__case-no bg-case-no">{`编号 ${item.caseNo}`}</Text>
      <View className="bg-handle__flags">
        {card ? <Text className={`bg-handle__flag bg-handle__flag--${card}`}>{cardLabels[card]}</Text> : null}
        {item.supervised ? (
          <Text className="bg-handle__flag bg-handle__flag--supervised">挂牌督办</Text>
        ) : null}
        {item.major ? <Text className="bg-handle__flag bg-handle__flag--major">重大突发</Text> : null}
        {due ? (
          <Text className={cx('bg-handle__due', isOverdue(item, now) && 'bg-handle__due--overdue')}>
            {due}
          </Text>
        ) : null}
      </View>
      {item.status === 'pending' ? (
        <Text className="bg-handle__waiting">{`已在本网格等待 ${waitingText(new Date(item.waitingSince), now)}`}</Text>
      ) : null}
    </View>
  )
}
