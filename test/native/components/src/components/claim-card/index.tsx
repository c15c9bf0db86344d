import type { CaseView } from '@/domain/contract'
import type { Role } from '@/domain/people/roles'
import { CaseCard } from '@/components/case-card'
import { BoardCardActions } from '@/pkg-staff/components/board-card-actions'
import type { NativeProps } from '../../native'

export interface ClaimCardNativeProps extends NativeProps {
  item: CaseView
  /** The viewer's role: the claim button shows only when the status table lets this role claim. */
  role?: Role
  now?: string
  /** The id of the case being claimed: that button spins and every claim button is disabled. */
  claiming?: string
}

/** The board's card as the board renders it: CaseCard with the shared BoardCardActions footer; taps emit `open` and `claim`. */
export default function ClaimCardNative({ item, role, now, claiming, $scope }: ClaimCardNativeProps) {
  return (
    <CaseCard
      item={item}
      waitingSince={now ? new Date(now) : undefined}
      onOpen={() => $scope.triggerEvent('open', { caseId: item.id })}
      footer={
        <BoardCardActions
          item={item}
          role={role}
          claiming={claiming}
          onOpen={(opened) => $scope.triggerEvent('open', { caseId: opened.id })}
          onClaim={(claimed) => $scope.triggerEvent('claim', { caseId: claimed.id })}
        />
      }
    />
  )
}
