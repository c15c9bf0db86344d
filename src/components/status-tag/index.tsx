import { Text } from '@tarojs/components'
import type { CaseStatus } from '@/domain/case/status'
import { cx } from '@/utils/class-name'

export interface StatusTagProps {
  status: CaseStatus
  label: string
}

const tone: Record<CaseStatus, 'waiting' | 'working' | 'done' | 'closed' | 'up'> = {
  pending: 'waiting',
  claimed: 'working',
  'awaiting-signoff': 'up',
  'at-city': 'up',
  rectified: 'working',
  verified: 'done',
  closed: 'done',
  rejected: 'closed',
  merged: 'closed',
}

export function StatusTag({ status, label }: StatusTagProps) {
  return (
    <Text className={cx('bg-status-tag', `bg-status-tag--${tone[status]}`, `bg-status-${status}`)}>
      {label}
    </Text>
  )
}
