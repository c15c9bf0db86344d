import { Text, View } from '@tarojs/components'
import type { LedgerItem as LedgerItemView } from '@/domain/contract'
import { formatBeijingTime } from '@/domain/shared/time'
import { cx } from '@/utils/class-name'

export interface LedgerItemProps {
  item: LedgerItemView
  onOpenCase?: (caseId: string) => void
}

/** One ledger line: why (label and note), when, and how many points, signed. */
export function LedgerItem({ item, onOpenCase }: LedgerItemProps) {
  const sign = item.points > 0 ? `+${item.points}` : String(item.points)
  return (
    <View
      className={cx(
        'bg-ledger-item',
        `bg-ledger-${item.reason}`,
        item.caseId && onOpenCase && 'bg-ledger-item--link',
      )}
      onClick={item.caseId && onOpenCase ? () => onOpenCase(item.caseId!) : undefined}
    >
      <View className="bg-ledger-item__main">
        <Text className="bg-ledger-item__reason">{item.reasonLabel}</Text>
        <Text className="bg-ledger-item__note">{item.note}</Text>
        <Text className="bg-ledger-item__time">{formatBeijingTime(item.at)}</Text>
      </View>
      <Text
        className={cx(
          'bg-ledger-item__points',
          item.points > 0 && 'bg-ledger-item__points--plus',
          item.points < 0 && 'bg-ledger-item__points--minus',
        )}
      >
        {sign}
      </Text>
    </View>
  )
}
