// What the Beijing-time module reads for a fixed set of instants and keys, run both in the test process and
// in child processes with another device time zone (see time.test.ts): every reading must be the same.
import {
  addWorkingDays,
  beijingInstant,
  businessDayKey,
  calendarKeysOf,
  formatBeijingTime,
  nextPeriod,
  periodBounds,
  periodLabel,
  previousPeriod,
} from '../../../src/domain/shared/time'

const hour = 3_600_000
/** Weeks when devices in many zones change their clocks (March, April, October, November), and a year end. */
const spans = [
  ['2026-03-01', '2026-04-10'],
  ['2026-10-20', '2026-11-10'],
  ['2026-12-25', '2027-01-10'],
]

export function hoursRead(): number[] {
  const hours: number[] = []
  for (const [first, last] of spans) {
    for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += hour)
      hours.push(t)
  }
  return hours
}

export function timeReading() {
  const none = { holidays: [], workdays: [] }
  const keys = new Set<string>()
  const hours = hoursRead().map((t) => {
    const calendarKeys = calendarKeysOf(new Date(t))
    for (const key of Object.values(calendarKeys)) keys.add(key)
    return {
      shown: formatBeijingTime(new Date(t)),
      businessDay: businessDayKey(new Date(t)),
      calendarKeys,
      dueNextWorkingDay: addWorkingDays(new Date(t), 1, none).toISOString(),
    }
  })
  const periods = [...keys].map((key) => {
    const { start, end } = periodBounds(key)
    return { key, start: start.toISOString(), end: end.toISOString(), label: periodLabel(key) }
  })
  const neighbours = [...keys].map((key) => [previousPeriod(key), nextPeriod(key)])
  const dates = ['2026-03-08', '2026-03-29', '2026-04-05', '2026-11-01'].map((date) =>
    beijingInstant(date, 18).toISOString(),
  )
  return { hours, periods, neighbours, dates }
}
