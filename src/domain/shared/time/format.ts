import { beijingClock, type Instant } from './beijing'

const formatBeijing = (instant: Instant, pattern: string) => {
  const clock = beijingClock(instant)
  return clock.isValid() ? clock.format(pattern) : ''
}

/** Beijing wall-clock time of a stored instant, "2026-11-24 02:15"; '' when unreadable. */
export function formatBeijingTime(instant: Instant): string {
  return formatBeijing(instant, 'YYYY-MM-DD HH:mm')
}

/** The Beijing date of a stored instant, "2026-11-24"; '' when unreadable. */
export function formatBeijingDate(instant: Instant): string {
  return formatBeijing(instant, 'YYYY-MM-DD')
}

/** The business day of an instant as `YYYYMMDD`: case numbers, daily counters, upload folders. */
export function businessDayKey(instant: Instant): string {
  return formatBeijing(instant, 'YYYYMMDD')
}

/** Human-readable case number: the business day plus a per-day serial, e.g. `20261123-0007`. */
export function formatCaseNo(dayKey: string, serial: number): string {
  return `${dayKey}-${String(serial).padStart(4, '0')}`
}

/** "已等待 2小时15分" style text for boards; minutes are floored. */
export function waitingText(since: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60000))
  if (minutes < 1) return '刚刚'
  if (minutes < 60) return `${minutes}分钟`
  const hours = Math.floor(minutes / 60)
  if (hours < 24) return minutes % 60 === 0 ? `${hours}小时` : `${hours}小时${minutes % 60}分`
  return `${Math.floor(hours / 24)}天${hours % 24}小时`
}

/** Beijing time as WeChat's `time` keyword wants it, "2019年10月1日 15:01"; '' when unreadable. */
export function formatWeChatTime(instant: Instant): string {
  return formatBeijing(instant, 'YYYY年M月D日 HH:mm')
}

/** A Beijing date as WeChat's `date` keyword wants it, "2019年10月1日"; '' when unreadable. */
export function formatWeChatDate(instant: Instant): string {
  return formatBeijing(instant, 'YYYY年M月D日')
}
