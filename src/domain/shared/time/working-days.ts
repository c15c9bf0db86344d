import { dateKeyOf, dayNumberAt, parseDateKey, weekdayOf } from './beijing'

/**
 * Which Beijing dates (`YYYY-MM-DD`) deviate from Monday–Friday: public holidays off, and 调休 make-up
 * days (weekend days worked). Injected, so the rules never depend on which year's notice is shipped.
 */
export interface HolidayCalendar {
  holidays: readonly string[]
  workdays: readonly string[]
}

/** Whether a Beijing date is a working day: listed 调休 days work, listed holidays rest. */
export function isWorkingDay(date: string, calendar: HolidayCalendar): boolean {
  if (calendar.workdays.includes(date)) return true
  if (calendar.holidays.includes(date)) return false
  const dayNumber = parseDateKey(date)
  if (dayNumber === undefined) throw new Error(`not a date: ${date}`)
  const weekday = weekdayOf(dayNumber)
  return weekday !== 0 && weekday !== 6
}

const dayMillis = 86_400_000

/**
 * Adds working days in Beijing time, keeping the wall-clock time: a case arriving on Friday 16:00 with one
 * working day is due Monday 16:00 (or later, past holidays). A start on a rest day counts from the next
 * working day's same hour. Without daylight saving a Beijing day is always 24 hours.
 */
export function addWorkingDays(from: Date, days: number, calendar: HolidayCalendar): Date {
  let dayNumber = dayNumberAt(from)
  let added = 0
  let remaining = days
  while (remaining > 0) {
    dayNumber += 1
    added += 1
    if (isWorkingDay(dateKeyOf(dayNumber), calendar)) remaining -= 1
  }
  return new Date(from.getTime() + added * dayMillis)
}
