/**
 * Beijing time by fixed-offset arithmetic. China has kept UTC+8 without daylight saving since 1991, so
 * adding eight hours to a UTC instant gives Beijing wall-clock time exactly for every instant the product
 * stores. That needs no Intl time-zone data (dayjs's timezone plugin relies on it, and some mini-program
 * JavaScript engines lack it) and reads the same on a phone set to any time zone, because only the UTC
 * getters of `Date` are used. Calendar dates are handled as day numbers (days since 1970-01-01), which
 * makes adding days and finding weekdays plain integer arithmetic.
 */

export const beijingUtcOffsetMinutes = 480
const offsetMillis = beijingUtcOffsetMinutes * 60_000
const dayMillis = 86_400_000

/** A stored instant: a `Date` or an ISO string with an offset (storage is UTC). */
export type Instant = Date | string

export function toMillis(instant: Instant): number {
  return typeof instant === 'string' ? Date.parse(instant) : instant.getTime()
}

export interface CalendarDate {
  year: number
  /** 1–12 */
  month: number
  day: number
}

export interface WallClock extends CalendarDate {
  hour: number
  minute: number
  second: number
}

export const pad2 = (value: number) => String(value).padStart(2, '0')

/** The Beijing date of an instant, as a day number. */
export function dayNumberAt(instant: Instant): number {
  return Math.floor((toMillis(instant) + offsetMillis) / dayMillis)
}

/** Day numbers of dates past a month's end roll over (31 November is 1 December), as `Date.UTC` does. */
export function dayNumberOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / dayMillis
}

export function dateOfDayNumber(dayNumber: number): CalendarDate {
  const t = new Date(dayNumber * dayMillis)
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() }
}

/** 0 = Sunday … 6 = Saturday, like `Date.getDay()`. */
export function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7 // 1970-01-01 was a Thursday
}

/** The instant a Beijing day starts (its midnight). */
export function startOfDay(dayNumber: number): Date {
  return new Date(dayNumber * dayMillis - offsetMillis)
}

/** Beijing wall-clock time of an instant; NaN fields when the instant is unreadable. */
export function wallClockAt(instant: Instant): WallClock {
  const t = new Date(toMillis(instant) + offsetMillis)
  return {
    year: t.getUTCFullYear(),
    month: t.getUTCMonth() + 1,
    day: t.getUTCDate(),
    hour: t.getUTCHours(),
    minute: t.getUTCMinutes(),
    second: t.getUTCSeconds(),
  }
}

/** `2026-11-30` */
export function dateKeyOf(dayNumber: number): string {
  const { year, month, day } = dateOfDayNumber(dayNumber)
  return `${year}-${pad2(month)}-${pad2(day)}`
}

/** The day number of a `YYYY-MM-DD` date, or undefined unless that date exists. */
export function parseDateKey(date: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!match) return undefined
  const dayNumber = dayNumberOf(Number(match[1]), Number(match[2]), Number(match[3]))
  return dateKeyOf(dayNumber) === date ? dayNumber : undefined
}

/**
 * The instant of a Beijing wall-clock time on a `YYYY-MM-DD` date, e.g. 18:00 on the day a deadline is
 * picked for; an invalid `Date` when the date does not exist.
 */
export function beijingInstant(date: string, hour = 0, minute = 0): Date {
  const dayNumber = parseDateKey(date)
  if (dayNumber === undefined) return new Date(NaN)
  return new Date(startOfDay(dayNumber).getTime() + (hour * 60 + minute) * 60_000)
}
