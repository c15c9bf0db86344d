import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'

dayjs.extend(utc)
dayjs.extend(timezone)

/** Business periods (day, week, month, quarter, year) are computed in Beijing time; storage is UTC. */
export const businessTimeZone = 'Asia/Shanghai'

/** The business day of an instant, as `YYYYMMDD` in Asia/Shanghai. */
export function businessDayKey(instant: Date): string {
  return dayjs(instant).tz(businessTimeZone).format('YYYYMMDD')
}

/** Human-readable case number: the business day plus a per-day serial, e.g. `20261123-0007`. */
export function formatCaseNo(dayKey: string, serial: number): string {
  return `${dayKey}-${String(serial).padStart(4, '0')}`
}

const beijingOffsetMillis = 8 * 60 * 60 * 1000
const pad = (value: number) => String(value).padStart(2, '0')

/**
 * Formats a stored UTC ISO time as Beijing wall-clock time ("2026-11-24 02:15"), '' when unreadable.
 * China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact and needs no Intl
 * time-zone data (which some mini-program engines lack); the client shows times with this.
 */
export function formatBeijingTime(iso: string): string {
  const instant = new Date(iso).getTime()
  if (Number.isNaN(instant)) return ''
  const t = new Date(instant + beijingOffsetMillis)
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`
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

/** Formats a stored UTC ISO time for people, in Beijing time. */
export function formatBusinessTime(iso: string, pattern = 'YYYY-MM-DD HH:mm'): string {
  return dayjs(iso).tz(businessTimeZone).format(pattern)
}
