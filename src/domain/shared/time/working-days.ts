import { beijingClock, instantOf, parseDate } from './beijing'

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
  const day = parseDate(date)
  if (!day) throw new Error(`not a date: ${date}`)
  return day.day() !== 0 && day.day() !== 6
}

/**
 * Adds working days in Beijing time, keeping the wall-clock time: a case arriving on Friday 16:00 with one
 * working day is due Monday 16:00 (or later, past holidays). A start on a rest day counts from the next
 * working day's same hour.
 */
export function addWorkingDays(from: Date, days: number, calendar: HolidayCalendar): Date {
  let clock = beijingClock(from)
  for (let remaining = days; remaining > 0;) {
    clock = clock.add(1, 'day')
    if (isWorkingDay(clock.format('YYYY-MM-DD'), calendar)) remaining -= 1
  }
  return instantOf(clock)
}
