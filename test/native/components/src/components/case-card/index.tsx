import type { CaseView } from '@/domain/contract'
import { CaseCard } from '@/components/case-card'
import type { NativeProps } from '../../native'

export interface CaseCardNativeProps extends NativeProps {
  item: CaseView
  thumbUrl?: string
  /** The board's clock as an ISO string (a Date does not survive setData). */
  now?: string
  showGrid?: boolean
}

/** The app's CaseCard; tapping its body emits `open` with the case id. */
export default function CaseCardNative({ item, thumbUrl, now, showGrid, $scope }: CaseCardNativeProps) {
  return (
    <CaseCard
      item={item}
      thumbUrl={thumbUrl}
      waitingSince={now ? new Date(now) : undefined}
      showGrid={showGrid}
      onOpen={() => $scope.triggerEvent('open', { caseId: item.id })}
    />
  )
}
