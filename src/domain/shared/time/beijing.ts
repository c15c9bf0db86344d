import dayjs, { type Dayjs } from 'dayjs'
import isoWeek from 'dayjs/plugin/isoWeek'
import quarterOfYear from 'dayjs/plugin/quarterOfYear'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)
dayjs.extend(isoWeek)
dayjs.extend(quarterOfYear)

/**
 * China has kept UTC+8 without daylight saving since 1991, so a fixed offset gives Beijing time exactly
 * and needs no Intl time-zone data (dayjs's timezone plugin relies on it; some mini-program engines lack
 * it).
 */
export const beijingUtcOffsetMinutes = 480

/** A stored instant: a `Date` or an ISO string with an offset (storage is UTC). */
export type Instant = Date | string

/**
 * Beijing wall-clock time as a UTC-mode dayjs: its UTC fields read Beijing's date and time, so `startOf`,
 * `add`, `format`, `day()` and the ISO-week and quarter plugins work on Beijing's calendar. Not
 * `.utcOffset(480)`: dayjs keeps an offset-mode time in a device-local `Date`, which reads an hour off (and
 * misplaces midnight) on a device whose own zone changes its clocks nearby. UTC mode only uses the UTC
 * getters and `Date.UTC`, so it reads the same in every device time zone.
 */
export function beijingClock(instant: Instant): Dayjs {
  return dayjs.utc(instant).add(beijingUtcOffsetMinutes, 'minute')
}

/** The instant a Beijing wall-clock time stands for. */
export function instantOf(clock: Dayjs): Date {
  return clock.subtract(beijingUtcOffsetMinutes, 'minute').toDate()
}

/** A `YYYY-MM-DD` Beijing date at its midnight; undefined unless it exists (dayjs rolls 30 February over). */
export function parseDate(date: string): Dayjs | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined
  const clock = dayjs.utc(date)
  return clock.format('YYYY-MM-DD') === date ? clock : undefined
}

/**
 * The instant of a Beijing wall-clock time on a `YYYY-MM-DD` date, e.g. 18:00 on the day a deadline is
 * picked for; an invalid `Date` when the date does not exist.
 */
export function beijingInstant(date: string, hour = 0, minute = 0): Date {
  const midnight = parseDate(date)
  if (!midnight) return new Date(NaN)
  return instantOf(midnight.add(hour, 'hour').add(minute, 'minute'))
}
