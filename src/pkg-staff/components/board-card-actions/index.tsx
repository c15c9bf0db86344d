import { View } from '@tarojs/components'
import { caseActs } from '@/domain/case/act-table'
import { can } from '@/domain/case/status'
import type { CaseView } from '@/domain/contract'
import type { Role } from '@/domain/people/roles'
import { Button } from '@/components/nut/button'
import { cx } from '@/utils/class-name'

export interface BoardCardActionsProps {
  item: CaseView
  /** The viewer's role: 认领 shows only when the status table lets this role claim the case now. */
  role?: Role
  /** The id of the case being claimed: that button spins and every claim button is disabled. */
  claiming?: string
  onOpen(item: CaseView): void
  onClaim(item: CaseView): void
}

/** The footer of a board card: 处理 opens the case, 认领 claims it with one tap. */
export function BoardCardActions({ item, role, claiming, onOpen, onClaim }: BoardCardActionsProps) {
  return (
    <View className="bg-board__actions">
      <Button className="bg-board__open" size="small" fill="outline" onClick={() => onOpen(item)}>
        处理
      </Button>
      {role && can(item.status, caseActs.claim.command, role) ? (
        <Button
          className={cx('bg-board__claim bg-claim', `bg-claim-${item.caseNo}`)}
          type="primary"
          size="small"
          loading={claiming === item.id}
          disabled={claiming !== undefined}
          onClick={() => onClaim(item)}
        >
          {caseActs.claim.label}
        </Button>
      ) : null}
    </View>
  )
}
