import type { Dayjs } from 'dayjs'
import { beijingClock, type Instant, instantOf, parseDate } from './beijing'

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

/** A period as Beijing wall-clock times (see `beijingClock`): `start` inclusive, `end` exclusive. */
interface Span {
  kind: CalendarPeriod
  start: Dayjs
  end: Dayjs
}

/** Calendar units; a week is an ISO week, Monday to Sunday. */
type Unit = 'day' | 'week' | 'month' | 'quarter' | 'year'

const startOfUnit = (clock: Dayjs, unit: Unit) =>
  unit === 'week' ? clock.startOf('isoWeek') : clock.startOf(unit)
const addUnit = (clock: Dayjs, unit: Unit) =>
  unit === 'quarter' ? clock.add(1, 'quarter') : clock.add(1, unit)

const isoWeekKey = (prefix: 'W' | 'R', clock: Dayjs) =>
  `${clock.isoWeekYear()}-${prefix}${String(clock.isoWeek()).padStart(2, '0')}`
const isoWeekName = (clock: Dayjs) => `${clock.isoWeekYear()}年第${clock.isoWeek()}周`
const quarterNames = ['第一季度', '第二季度', '第三季度', '第四季度']

interface Kind {
  unit: Unit
  /**
   * Days to move a time on so that its period lines up with `unit`: four for a report week, because
   * Thursday to Thursday, moved on four days, is Monday to Monday, the ISO week of its due Thursday.
   */
  lead: number
  /** The key of the period holding a Beijing time, given that time moved on by `lead` days. */
  key: (led: Dayjs) => string
  label: (span: Span) => string
}

const kinds: Record<CalendarPeriod, Kind> = {
  day: {
    unit: 'day',
    lead: 0,
    key: (t) => t.format('YYYY-MM-DD'),
    label: (s) => s.start.format('YYYY年M月D日'),
  },
  week: { unit: 'week', lead: 0, key: (t) => isoWeekKey('W', t), label: (s) => isoWeekName(s.start) },
  'report-week': {
    unit: 'week',
    lead: 4,
    key: (t) => isoWeekKey('R', t),
    label: (s) => {
      const days = `${s.start.format('M月D日')}—${s.end.subtract(1, 'day').format('M月D日')}`
      return `${isoWeekName(s.end)}周报（${days}）`
    },
  },
  month: {
    unit: 'month',
    lead: 0,
    key: (t) => t.format('YYYY-MM'),
    label: (s) => s.start.format('YYYY年M月'),
  },
  quarter: {
    unit: 'quarter',
    lead: 0,
    key: (t) => `${t.year()}-Q${t.quarter()}`,
    label: (s) => `${s.start.year()}年${quarterNames[s.start.quarter() - 1]}`,
  },
  year: { unit: 'year', lead: 0, key: (t) => t.format('YYYY'), label: (s) => s.start.format('YYYY年度') },
}

const keyAt = (kind: CalendarPeriod, clock: Dayjs) => kinds[kind].key(clock.add(kinds[kind].lead, 'day'))

function spanAt(kind: CalendarPeriod, clock: Dayjs): Span {
  const { unit, lead } = kinds[kind]
  const start = startOfUnit(clock.add(lead, 'day'), unit)
  return { kind, start: start.subtract(lead, 'day'), end: addUnit(start, unit).subtract(lead, 'day') }
}

/** The kind a key's shape names, and a Beijing time of that period moved on by `lead` (none if no date). */
function parseKey(key: string): [CalendarPeriod, Dayjs | undefined] | undefined {
  const match = /^(\d{4})(?:-(\d{2})(-\d{2})?|-Q(\d)|-([WR])(\d{2}))?$/.exec(key)
  if (!match) return undefined
  const [, year, month, day, quarter, weekPrefix, week] = match
  if (day) return ['day', parseDate(key)]
  if (month) return ['month', parseDate(`${key}-01`)]
  // 4 January is always in ISO week 1.
  if (weekPrefix)
    return [weekPrefix === 'W' ? 'week' : 'report-week', parseDate(`${year}-01-04`)?.isoWeek(Number(week))]
  const newYear = parseDate(`${year}-01-01`)
  if (quarter) return ['quarter', newYear?.add(Number(quarter) - 1, 'quarter')]
  return ['year', newYear]
}

function spanOf(key: string): Span | undefined {
  const [kind, led] = parseKey(key) ?? []
  if (!kind || !led) return undefined
  const span = spanAt(kind, led.subtract(kinds[kind].lead, 'day'))
  // Numbers out of range (2026-Q5, 2026-W54, 2026-R00) roll over into a period with another key.
  return keyAt(kind, span.start) === key ? span : undefined
}

function spanOrThrow(key: string): Span {
  const span = spanOf(key)
  if (!span) throw new Error(`not a period key: ${key}`)
  return span
}

/** Every period key of an instant. */
export function calendarKeysOf(instant: Instant): CalendarKeys {
  const clock = beijingClock(instant)
  return Object.fromEntries(calendarPeriods.map((kind) => [kind, keyAt(kind, clock)])) as CalendarKeys
}

export function periodKeyOf(kind: CalendarPeriod, instant: Instant): string {
  return keyAt(kind, beijingClock(instant))
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
  return { start: instantOf(span.start), end: instantOf(span.end) }
}

export function periodEnded(key: string, now: Date): boolean {
  return now.getTime() >= periodBounds(key).end.getTime()
}

export function previousPeriod(key: string): string {
  const span = spanOrThrow(key)
  return keyAt(span.kind, span.start.subtract(1, 'day'))
}

export function nextPeriod(key: string): string {
  const span = spanOrThrow(key)
  return keyAt(span.kind, span.end)
}

/** The period of this kind that ended most recently before `now`. */
export function previousPeriodKey(kind: CalendarPeriod, now: Date): string {
  return previousPeriod(periodKeyOf(kind, now))
}

/** The Beijing date (`YYYY-MM-DD`) a report week's report is due: the Thursday it ends on. */
export function reportDueDate(key: string): string {
  const span = spanOrThrow(key)
  if (span.kind !== 'report-week') throw new Error(`not a report week: ${key}`)
  return span.end.format('YYYY-MM-DD')
}

/**
 * `2026年11月30日`, `2026年第49周`, `2026年第49周周报（11月26日—12月2日）`, `2026年11月`, `2026年第四季度`,
 * `2026年度`; text that is no period key as it is.
 */
export function periodLabel(key: string): string {
  const span = spanOf(key)
  return span ? kinds[span.kind].label(span) : key
}
