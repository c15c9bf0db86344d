const pad = (value: number) => String(value).padStart(2, '0')

/** "2025-03-08 14:05" in the device's time zone; '' for an unreadable date. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return ''
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/** How long ago, in plain Chinese: "刚刚", "5分钟", "2小时", "3天". */
export function elapsedLabel(fromIso: string, now: Date): string {
  const from = new Date(fromIso).getTime()
  if (Number.isNaN(from)) return ''
  const minutes = Math.floor(Math.max(0, now.getTime() - from) / 60000)
  if (minutes < 1) return '不到1分钟'
  if (minutes < 60) return `${minutes}分钟`
  const hours = Math.floor(minutes / 60)
  if (hours < 24) return `${hours}小时`
  return `${Math.floor(hours / 24)}天`
}

/** "已等待 2小时" for a case waiting since `createdAt`. */
export function waitingLabel(createdAt: string, now: Date): string {
  const elapsed = elapsedLabel(createdAt, now)
  return elapsed ? `已等待 ${elapsed}` : ''
}
