import {
  dateKeyOf,
  dateOfDayNumber,
  dayNumberAt,
  dayNumberOf,
  type Instant,
  pad2,
  parseDateKey,
  startOfDay,
  weekdayOf,
} from './beijing'

/**
 * Business periods in Beijing time, each a run of whole Beijing days:
 * - day `2026-11-30`; month `2026-11`; quarter `2026-Q4`; year `2026`;
 * - week `2026-W49`: the ISO week, Monday to Sunday, numbered in its ISO year (the year of its Thursday,
 *   so 2026-12-31 and 2027-01-01 are both in 2026-W53);
 * - report week `2026-R49`: the seven days a weekly report covers, Thursday 00:00 to the next Thursday
 *   00:00, named after the ISO week of the Thursday the report is due, the day the period ends (so a
 *   report written that Thursday covers seven complete days). 2026-R49 runs from Thursday 26 November to
 *   Wednesday 2 December and is due Thursday 3 December.
 * Bounds are UTC instants: `start` inclusive, `end` exclusive, both at Beijing midnight.
 */
export const calendarPeriods = ['day', 'week', 'report-week', 'month', 'quarter', 'year'] as const
export type CalendarPeriod = (typeof calendarPeriods)[number]
export type CalendarKeys = Record<CalendarPeriod, string>

interface Span {
  kind: CalendarPeriod
  /** First day number, and the day number after the last one. */
  first: number
  end: number
}

const thursday = 4

/** Monday-based index of a day in its week: Monday 0 … Sunday 6. */
const mondayIndex = (dayNumber: number) => (weekdayOf(dayNumber) + 6) % 7

/** The Monday of ISO week 1: the week holding 4 January. */
function firstIsoMonday(year: number): number {
  const january4 = dayNumberOf(year, 1, 4)
  return january4 - mondayIndex(january4)
}

function isoWeekOf(dayNumber: number): { year: number; week: number } {
  const weeksThursday = dayNumber - mondayIndex(dayNumber) + 3
  const year = dateOfDayNumber(weeksThursday).year
  return { year, week: (weeksThursday - 3 - firstIsoMonday(year)) / 7 + 1 }
}

const weekKey = (prefix: 'W' | 'R', week: { year: number; week: number }) =>
  `${week.year}-${prefix}${pad2(week.week)}`

function keysOfDay(dayNumber: number): CalendarKeys {
  const { year, month } = dateOfDayNumber(dayNumber)
  const reportStart = dayNumber - ((weekdayOf(dayNumber) - thursday + 7) % 7)
  return {
    day: dateKeyOf(dayNumber),
    week: weekKey('W', isoWeekOf(dayNumber)),
    'report-week': weekKey('R', isoWeekOf(reportStart + 7)),
    month: `${year}-${pad2(month)}`,
    quarter: `${year}-Q${Math.ceil(month / 3)}`,
    year: String(year),
  }
}

/** Every period key of an instant. */
export function calendarKeysOf(instant: Instant): CalendarKeys {
  return keysOfDay(dayNumberAt(instant))
}

export function periodKeyOf(kind: CalendarPeriod, instant: Instant): string {
  return calendarKeysOf(instant)[kind]
}

function monthsSpan(kind: CalendarPeriod, year: number, firstMonth: number, months: number): Span {
  return { kind, first: dayNumberOf(year, firstMonth, 1), end: dayNumberOf(year, firstMonth + months, 1) }
}

function weekSpan(kind: CalendarPeriod, year: number, week: number): Span | undefined {
  const monday = firstIsoMonday(year) + (week - 1) * 7
  if (week < 1 || monday >= firstIsoMonday(year + 1)) return undefined
  // A report week ends when its due Thursday starts.
  const first = kind === 'week' ? monday : monday + 3 - 7
  return { kind, first, end: first + 7 }
}

function spanOf(key: string): Span | undefined {
  const day = parseDateKey(key)
  if (day !== undefined) return { kind: 'day', first: day, end: day + 1 }
  const match = /^(\d{4})(?:-(?:(0[1-9]|1[0-2])|Q([1-4])|([WR])(\d{2})))?$/.exec(key)
  if (!match) return undefined
  const [, year, month, quarter, weekPrefix, week] = match
  if (month) return monthsSpan('month', Number(year), Number(month), 1)
  if (quarter) return monthsSpan('quarter', Number(year), (Number(quarter) - 1) * 3 + 1, 3)
  if (weekPrefix) return weekSpan(weekPrefix === 'W' ? 'week' : 'report-week', Number(year), Number(week))
  return monthsSpan('year', Number(year), 1, 12)
}

function spanOrThrow(key: string): Span {
  const span = spanOf(key)
  if (!span) throw new Error(`not a period key: ${key}`)
  return span
}

export function periodKindOf(key: string): CalendarPeriod | undefined {
  return spanOf(key)?.kind
}

export function isPeriodKey(kind: CalendarPeriod, key: string): boolean {
  return spanOf(key)?.kind === kind
}

/** The instants a period covers: `start` inclusive, `end` exclusive (Beijing midnight). */
export function periodBounds(key: string): { start: Date; end: Date } {
  const span = spanOrThrow(key)
  return { start: startOfDay(span.first), end: startOfDay(span.end) }
}

export function periodEnded(key: string, now: Date): boolean {
  return now.getTime() >= periodBounds(key).end.getTime()
}

export function previousPeriod(key: string): string {
  const span = spanOrThrow(key)
  return keysOfDay(span.first - 1)[span.kind]
}

export function nextPeriod(key: string): string {
  const span = spanOrThrow(key)
  return keysOfDay(span.end)[span.kind]
}

/** The period of this kind that ended most recently before `now`. */
export function previousPeriodKey(kind: CalendarPeriod, now: Date): string {
  return previousPeriod(periodKeyOf(kind, now))
}

/** The Beijing date (`YYYY-MM-DD`) a report week's report is due: the Thursday it ends on. */
export function reportDueDate(key: string): string {
  const span = spanOrThrow(key)
  if (span.kind !== 'report-week') throw new Error(`not a report week: ${key}`)
  return dateKeyOf(span.end)
}

const quarterNames = ['第一季度', '第二季度', '第三季度', '第四季度']
const monthDay = (dayNumber: number) => {
  const { month, day } = dateOfDayNumber(dayNumber)
  return `${month}月${day}日`
}

/** `2026年11月30日`, `2026年第49周`, `2026年第49周周报（11月26日—12月2日）`, `2026年11月`, `2026年第四季度`, `2026年度`. */
export function periodLabel(key: string): string {
  const span = spanOf(key)
  const year = key.slice(0, 4)
  switch (span?.kind) {
    case 'day':
      return `${year}年${monthDay(span.first)}`
    case 'week':
      return `${year}年第${Number(key.slice(6))}周`
    case 'report-week':
      return `${year}年第${Number(key.slice(6))}周周报（${monthDay(span.first)}—${monthDay(span.end - 1)}）`
    case 'month':
      return `${year}年${Number(key.slice(5, 7))}月`
    case 'quarter':
      return `${year}年${quarterNames[Number(key.slice(6)) - 1]}`
    case 'year':
      return `${key}年度`
    default:
      return key
  }
}
