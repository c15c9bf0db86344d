import type { CaseView, EventView } from '@/domain/contract'
import { formatBeijingTime, waitingText } from '@/domain/shared/time'

/** Open statuses whose clock is running on someone (a deadline or a waiting time is worth showing). */
const runningStatuses = new Set(['pending', 'claimed', 'awaiting-signoff', 'at-city'])

export const cardLabels = { yellow: '黄牌预警', red: '红牌警告' } as const

/** "剩余 3小时" / "已逾期 2天1小时", or '' when the case has no running deadline. */
export function deadlineText(item: Pick<CaseView, 'deadlineAt' | 'status'>, now: Date): string {
  if (!item.deadlineAt || !runningStatuses.has(item.status)) return ''
  const due = new Date(item.deadlineAt)
  if (Number.isNaN(due.getTime())) return ''
  return due.getTime() < now.getTime() ? `已逾期 ${waitingText(due, now)}` : `剩余 ${waitingText(now, due)}`
}

export function isOverdue(item: Pick<CaseView, 'deadlineAt' | 'status'>, now: Date): boolean {
  return Boolean(
    item.deadlineAt &&
    runningStatuses.has(item.status) &&
    new Date(item.deadlineAt).getTime() < now.getTime(),
  )
}

/** "限 11-24 18:00 前办结" in Beijing time. */
export function deadlineLabel(deadlineAt: string | null): string {
  if (!deadlineAt) return ''
  const text = formatBeijingTime(deadlineAt)
  return text ? `限 ${text.slice(5)} 前办结` : ''
}

/** Photos taken when the problem was fixed: the evidence of the latest 整改 (and of the joint-enforcement parts recorded up to it). */
export function afterPhotos(events: EventView[]): string[] {
  const ordered = [...events].sort((a, b) => a.seq - b.seq)
  let lastRectify = -1
  ordered.forEach((event, index) => {
    if (event.type === 'rectify' || event.type === 'city-resolve') lastRectify = index
  })
  if (lastRectify < 0) return []
  const parts = ordered
    .filter((event, index) => index <= lastRectify && event.type === 'record-part')
    .flatMap((event) => event.evidence)
  return [...ordered[lastRectify]!.evidence, ...parts].filter(
    (fileID, index, all) => all.indexOf(fileID) === index,
  )
}
