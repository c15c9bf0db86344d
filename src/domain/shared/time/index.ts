/**
 * Beijing time, one way for the whole product (client, cloud functions, emulator): pure, no clock, on
 * dayjs at a fixed UTC+8 without Intl time-zone data. Instants are stored in UTC; periods, dates and
 * working days are Beijing's.
 */
export { beijingInstant, beijingUtcOffsetMinutes, type Instant } from './beijing'
export {
  calendarKeysOf,
  calendarPeriods,
  isPeriodKey,
  nextPeriod,
  periodBounds,
  periodEnded,
  periodKeyOf,
  periodKindOf,
  periodLabel,
  previousPeriod,
  previousPeriodKey,
  reportDueDate,
  type CalendarKeys,
  type CalendarPeriod,
} from './periods'
export { businessDayKey, formatBeijingDate, formatBeijingTime, formatCaseNo, waitingText } from './format'
export { addWorkingDays, isWorkingDay, type HolidayCalendar } from './working-days'
