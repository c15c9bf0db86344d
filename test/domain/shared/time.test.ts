import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildSync } from 'esbuild'
import holidayJson from '../../../src/domain/catalog/holidays.json'
import {
  addWorkingDays,
  beijingInstant,
  businessDayKey,
  calendarKeysOf,
  calendarPeriods,
  formatBeijingDate,
  formatBeijingTime,
  formatCaseNo,
  isPeriodKey,
  isWorkingDay,
  nextPeriod,
  periodBounds,
  periodEnded,
  periodKeyOf,
  periodKindOf,
  periodLabel,
  previousPeriod,
  previousPeriodKey,
  reportDueDate,
  waitingText,
  type CalendarPeriod,
  type HolidayCalendar,
} from '../../../src/domain/shared/time'
import { hoursRead, timeReading } from './time-reading'

const hour = 3_600_000
const day = 24 * hour

/** The UTC instant of a Beijing wall-clock time, written out by hand (Beijing is UTC+8). */
const beijing = (wallClock: string) => new Date(`${wallClock}+08:00`)

/** Weekday of a calendar date, independent of the module: 0 Sunday … 6 Saturday. */
const weekdayOfDate = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay()

/** Every Beijing date from `first` to `last` inclusive. */
function datesBetween(first: string, last: string): string[] {
  const dates: string[] = []
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += day) {
    dates.push(new Date(t).toISOString().slice(0, 10))
  }
  return dates
}

describe('the period of an instant, split at Beijing midnight', () => {
  // Each row: the Beijing midnight that starts a period, the period ending there and the one starting there.
  const boundaries: [CalendarPeriod, string, string, string][] = [
    ['day', '2026-11-30', '2026-11-29', '2026-11-30'],
    ['week', '2026-11-30', '2026-W48', '2026-W49'], // a Monday
    ['report-week', '2026-12-03', '2026-R49', '2026-R50'], // a Thursday
    ['month', '2026-12-01', '2026-11', '2026-12'],
    ['quarter', '2026-10-01', '2026-Q3', '2026-Q4'],
    ['year', '2027-01-01', '2026', '2027'],
  ]

  it.each(boundaries)(
    'counts 23:59 before a %s boundary (%s) in the old period, 00:01 in the new',
    (kind, date, before, after) => {
      const midnight = beijing(`${date}T00:00:00`)
      expect(periodKeyOf(kind, new Date(midnight.getTime() - 60_000))).toBe(before)
      expect(periodKeyOf(kind, new Date(midnight.getTime() + 60_000))).toBe(after)
      expect(periodBounds(after).start).toEqual(midnight)
      expect(periodBounds(before).end).toEqual(midnight)
      expect(previousPeriod(after)).toBe(before)
      expect(nextPeriod(before)).toBe(after)
    },
  )

  it('reads the Beijing date although UTC is still on the day before', () => {
    expect(calendarKeysOf('2026-11-29T16:01:00.000Z')).toEqual({
      day: '2026-11-30',
      week: '2026-W49',
      'report-week': '2026-R49',
      month: '2026-11',
      quarter: '2026-Q4',
      year: '2026',
    })
  })

  it('ends a period exactly at its end instant, and names the one that ended last', () => {
    const end = periodBounds('2026-W49').end
    expect(periodEnded('2026-W49', new Date(end.getTime() - 1))).toBe(false)
    expect(periodEnded('2026-W49', end)).toBe(true)
    const now = beijing('2026-12-03T09:00:00') // Thursday
    expect(previousPeriodKey('day', now)).toBe('2026-12-02')
    expect(previousPeriodKey('week', now)).toBe('2026-W48')
    expect(previousPeriodKey('report-week', now)).toBe('2026-R49')
    expect(previousPeriodKey('month', now)).toBe('2026-11')
    expect(previousPeriodKey('quarter', now)).toBe('2026-Q3')
    expect(previousPeriodKey('year', now)).toBe('2025')
  })

  it('holds together for every kind and every day of two years: bounds contain the instant, periods tile', () => {
    const problems: string[] = []
    for (const date of datesBetween('2026-01-01', '2027-12-31')) {
      const noon = beijing(`${date}T12:00:00`)
      for (const kind of calendarPeriods) {
        const key = periodKeyOf(kind, noon)
        const { start, end } = periodBounds(key)
        const next = nextPeriod(key)
        if (periodKindOf(key) !== kind) problems.push(`${key} is not a ${kind}`)
        if (start > noon || end <= noon) problems.push(`${key} does not contain ${date}`)
        if (periodBounds(next).start.getTime() !== end.getTime())
          problems.push(`${next} does not follow ${key}`)
        if (previousPeriod(next) !== key) problems.push(`${key} does not precede ${next}`)
        // Every period starts at a Beijing midnight, 16:00 UTC.
        if (start.toISOString().slice(11) !== '16:00:00.000Z')
          problems.push(`${key} starts at ${start.toISOString()}`)
      }
    }
    expect(problems).toEqual([])
  })
})

describe('ISO weeks', () => {
  it('runs Monday to Sunday', () => {
    for (const date of datesBetween('2026-01-01', '2027-12-31')) {
      const { start, end } = periodBounds(periodKeyOf('week', beijing(`${date}T12:00:00`)))
      expect(weekdayOfDate(formatBeijingDate(start))).toBe(1)
      expect(end.getTime() - start.getTime()).toBe(7 * day)
    }
  })

  it('numbers the week by the year of its Thursday across a year end', () => {
    expect(periodKeyOf('week', beijing('2025-12-29T08:00:00'))).toBe('2026-W01') // Monday before 2026 begins
    expect(periodKeyOf('week', beijing('2026-12-31T23:59:00'))).toBe('2026-W53')
    expect(periodKeyOf('week', beijing('2027-01-01T00:01:00'))).toBe('2026-W53')
    expect(periodKeyOf('week', beijing('2027-01-03T23:59:00'))).toBe('2026-W53')
    expect(periodKeyOf('week', beijing('2027-01-04T00:01:00'))).toBe('2027-W01')
    expect(nextPeriod('2026-W53')).toBe('2027-W01')
  })

  it('puts 4 January in week 1 of every year and knows which years have 53 weeks', () => {
    for (let year = 2020; year <= 2032; year += 1) {
      expect(periodKeyOf('week', beijing(`${year}-01-04T12:00:00`))).toBe(`${year}-W01`)
    }
    expect(isPeriodKey('week', '2026-W53')).toBe(true) // 2026 starts on a Thursday
    expect(isPeriodKey('week', '2027-W53')).toBe(false)
    expect(isPeriodKey('week', '2027-W00')).toBe(false)
  })
})

describe('the weekly report week (due every Thursday)', () => {
  it('covers Thursday 00:00 to the next Thursday 00:00 and is due on the Thursday it ends', () => {
    expect(periodBounds('2026-R49')).toEqual({
      start: beijing('2026-11-26T00:00:00'),
      end: beijing('2026-12-03T00:00:00'),
    })
    expect(reportDueDate('2026-R49')).toBe('2026-12-03')
    expect(periodLabel('2026-R49')).toBe('2026年第49周周报（11月26日—12月2日）')
  })

  it('counts a Wednesday 23:59 in the week due the next day, and Thursday 00:01 in the following one', () => {
    expect(periodKeyOf('report-week', beijing('2026-12-02T23:59:00'))).toBe('2026-R49')
    expect(periodKeyOf('report-week', beijing('2026-12-03T00:01:00'))).toBe('2026-R50')
  })

  it('is named by the ISO week of its due Thursday, also across a year end', () => {
    for (const date of datesBetween('2026-01-01', '2027-12-31')) {
      const key = periodKeyOf('report-week', beijing(`${date}T12:00:00`))
      const due = reportDueDate(key)
      const { start, end } = periodBounds(key)
      expect(weekdayOfDate(due)).toBe(4)
      expect(weekdayOfDate(formatBeijingDate(start))).toBe(4)
      expect(formatBeijingDate(end)).toBe(due)
      expect(end.getTime() - start.getTime()).toBe(7 * day)
      expect(key.replace('-R', '-W')).toBe(periodKeyOf('week', beijing(`${due}T12:00:00`)))
    }
    expect(periodKeyOf('report-week', beijing('2026-12-30T12:00:00'))).toBe('2026-R53') // due Thursday 31 December
    expect(periodKeyOf('report-week', beijing('2026-12-31T12:00:00'))).toBe('2027-R01') // due 7 January
    expect(() => reportDueDate('2026-W49')).toThrow(/report week/)
  })
})

describe('months, quarters and years', () => {
  it('splits quarters by three months, starting at Beijing midnight', () => {
    expect(periodBounds('2026-Q1')).toEqual({
      start: new Date('2025-12-31T16:00:00.000Z'),
      end: new Date('2026-03-31T16:00:00.000Z'),
    })
    expect(periodKeyOf('quarter', beijing('2026-06-30T23:59:00'))).toBe('2026-Q2')
    expect(periodKeyOf('quarter', beijing('2026-07-01T00:01:00'))).toBe('2026-Q3')
    expect(nextPeriod('2026-Q4')).toBe('2027-Q1')
    expect(previousPeriod('2026-Q1')).toBe('2025-Q4')
  })

  it('gives February its own length, leap years included', () => {
    const length = (key: string) => {
      const { start, end } = periodBounds(key)
      return (end.getTime() - start.getTime()) / day
    }
    expect(length('2026-02')).toBe(28)
    expect(length('2028-02')).toBe(29)
    expect(length('2028')).toBe(366)
  })

  it('labels periods in Chinese', () => {
    expect(periodLabel('2026-11-30')).toBe('2026年11月30日')
    expect(periodLabel('2026-W49')).toBe('2026年第49周')
    expect(periodLabel('2026-11')).toBe('2026年11月')
    expect(periodLabel('2026-Q4')).toBe('2026年第四季度')
    expect(periodLabel('2026')).toBe('2026年度')
  })

  it('refuses keys that name no period', () => {
    for (const key of ['2026-02-30', '2026-13', '2026-Q5', '2026-W54', '2026-R00', 'now']) {
      expect(periodKindOf(key)).toBeUndefined()
      expect(() => periodBounds(key)).toThrow(/not a period key/)
    }
    expect(isPeriodKey('month', '2026-11')).toBe(true)
    expect(isPeriodKey('quarter', '2026-11')).toBe(false)
  })
})

describe('showing times to people', () => {
  it('shows a stored UTC time as Beijing wall-clock time, across the date line', () => {
    expect(formatBeijingTime('2026-11-23T18:15:00.000Z')).toBe('2026-11-24 02:15')
    expect(formatBeijingDate('2026-11-23T18:15:00.000Z')).toBe('2026-11-24')
  })

  it('shows nothing for an unreadable time', () => {
    expect(formatBeijingTime('not a time')).toBe('')
    expect(formatBeijingDate('not a time')).toBe('')
  })

  it('shows Beijing time whatever time zone the device is set to', () => {
    const deviceZone = process.env.TZ
    try {
      for (const zone of ['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC']) {
        process.env.TZ = zone
        expect(formatBeijingTime('2026-11-23T18:15:00.000Z')).toBe('2026-11-24 02:15')
        expect(businessDayKey(new Date('2026-11-23T18:15:00.000Z'))).toBe('20261124')
        expect(periodKeyOf('week', '2026-11-29T16:01:00.000Z')).toBe('2026-W49')
      }
    } finally {
      if (deviceZone === undefined) delete process.env.TZ
      else process.env.TZ = deviceZone
    }
  })

  it('describes waiting time in Chinese', () => {
    const since = new Date('2026-11-23T00:00:00Z')
    expect(waitingText(since, new Date('2026-11-23T00:00:30Z'))).toBe('刚刚')
    expect(waitingText(since, new Date('2026-11-23T02:15:00Z'))).toBe('2小时15分')
    expect(waitingText(since, new Date('2026-11-24T03:00:00Z'))).toBe('1天3小时')
  })

  it('places a Beijing wall-clock time on a picked date, and nothing on a date that does not exist', () => {
    expect(beijingInstant('2026-11-30', 18).toISOString()).toBe('2026-11-30T10:00:00.000Z')
    expect(beijingInstant('2026-12-01').toISOString()).toBe('2026-11-30T16:00:00.000Z')
    expect(Number.isNaN(beijingInstant('2026-02-30', 18).getTime())).toBe(true)
  })
})

describe('on a device set to any time zone', () => {
  // jest gives each test file its own copy of process.env, so setting TZ inside a test leaves the zone that
  // Date uses alone. Each zone here runs in a child node process started with TZ, on a bundle of the module.
  const zones = [
    'UTC',
    'Asia/Shanghai',
    'America/Los_Angeles',
    'Europe/London',
    'America/Santiago',
    'Australia/Lord_Howe', // shifts by half an hour
    'America/Havana', // shifts at midnight
    'Pacific/Kiritimati',
  ]
  let bundleDir = ''
  const bundle = () => join(bundleDir, 'time-reading.js')
  beforeAll(() => {
    bundleDir = mkdtempSync(join(tmpdir(), 'bluegrid-time-'))
    buildSync({
      entryPoints: [join(__dirname, 'time-reading.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: bundle(),
      logLevel: 'silent',
    })
  })
  afterAll(() => rmSync(bundleDir, { recursive: true, force: true }))

  function readIn(zone: string): { julyOffset: number; reading: ReturnType<typeof timeReading> } {
    const script = `process.stdout.write(JSON.stringify({
      julyOffset: new Date(Date.UTC(2026, 6, 1)).getTimezoneOffset(),
      reading: require(${JSON.stringify(bundle())}).timeReading(),
    }))`
    return JSON.parse(
      execFileSync(process.execPath, ['-e', script], { env: { ...process.env, TZ: zone } }).toString(),
    )
  }

  it('reads every time, period, bound and label as this process does, across the weeks local clocks change', () => {
    const here = timeReading()
    for (const zone of zones) {
      const there = readIn(zone)
      if (zone === 'America/Los_Angeles') expect(there.julyOffset).toBe(420) // the child really is elsewhere
      expect({ zone, reading: there.reading }).toEqual({ zone, reading: here })
    }
  })

  it('shows each hour as the clock in Beijing does, and starts each period at a Beijing midnight', () => {
    const { hours, periods, dates } = timeReading()
    const instants = hoursRead()
    const problems: string[] = []
    hours.forEach(({ shown, dueNextWorkingDay }, i) => {
      const t = instants[i]!
      const beijingClock = new Date(t + 8 * hour).toISOString().replace('T', ' ').slice(0, 16)
      if (shown !== beijingClock) problems.push(`${new Date(t).toISOString()} shown as ${shown}`)
      if ((Date.parse(dueNextWorkingDay) - t) % day !== 0) problems.push(`due ${dueNextWorkingDay} from ${t}`)
    })
    for (const { key, start, end } of periods) {
      if (!start.endsWith('T16:00:00.000Z') || !end.endsWith('T16:00:00.000Z'))
        problems.push(`${key}: ${start}`)
    }
    expect(problems).toEqual([])
    expect(dates).toEqual([
      '2026-03-08T10:00:00.000Z',
      '2026-03-29T10:00:00.000Z',
      '2026-04-05T10:00:00.000Z',
      '2026-11-01T10:00:00.000Z',
    ])
  })
})

describe('case numbers', () => {
  it('counts 23:59 Beijing time on the 23rd as the 23rd', () => {
    expect(businessDayKey(new Date('2026-11-23T15:59:00Z'))).toBe('20261123')
  })

  it('counts 00:01 Beijing time on the 24th as the 24th although UTC is still the 23rd', () => {
    expect(businessDayKey(new Date('2026-11-23T16:01:00Z'))).toBe('20261124')
  })

  it('numbers cases per day with four digits', () => {
    expect(formatCaseNo('20261123', 7)).toBe('20261123-0007')
  })
})

describe('working days', () => {
  const shipped: HolidayCalendar = holidayJson
  const none: HolidayCalendar = { holidays: [], workdays: [] }
  const nextDate = (date: string) => formatBeijingDate(new Date(beijing(`${date}T12:00:00`).getTime() + day))

  it('works Monday to Friday when the calendar lists nothing', () => {
    expect(datesBetween('2026-11-23', '2026-11-29').map((date) => isWorkingDay(date, none))).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
      false,
    ])
  })

  it('keeps the wall-clock time and skips the weekend: Friday 16:00 plus one is Monday 16:00', () => {
    const friday = beijing('2026-11-27T16:00:00')
    expect(addWorkingDays(friday, 1, none)).toEqual(beijing('2026-11-30T16:00:00'))
    expect(addWorkingDays(friday, 0, none)).toEqual(friday)
    // A start on a rest day counts from the next working day.
    expect(addWorkingDays(beijing('2026-11-28T10:00:00'), 1, none)).toEqual(beijing('2026-11-30T10:00:00'))
  })

  it('uses the calendar it is given', () => {
    const mondayOff: HolidayCalendar = { holidays: ['2026-11-30'], workdays: [] }
    expect(addWorkingDays(beijing('2026-11-27T16:00:00'), 1, mondayOff)).toEqual(
      beijing('2026-12-01T16:00:00'),
    )
    const saturdayWorked: HolidayCalendar = { holidays: [], workdays: ['2026-11-28'] }
    expect(addWorkingDays(beijing('2026-11-27T16:00:00'), 1, saturdayWorked)).toEqual(
      beijing('2026-11-28T16:00:00'),
    )
  })

  it('rests on every shipped holiday and works on every shipped 调休 make-up day, which falls on a weekend', () => {
    expect(shipped.holidays.length).toBeGreaterThan(0)
    expect(shipped.workdays.length).toBeGreaterThan(0)
    for (const date of shipped.holidays) expect(isWorkingDay(date, shipped)).toBe(false)
    for (const date of shipped.workdays) {
      expect([0, 6]).toContain(weekdayOfDate(date))
      expect(isWorkingDay(date, shipped)).toBe(true)
    }
  })

  it('makes a case arriving the day before a make-up day due on that make-up day', () => {
    for (const workday of shipped.workdays) {
      const before = new Date(beijing(`${workday}T10:00:00`).getTime() - day)
      expect(addWorkingDays(before, 1, shipped)).toEqual(beijing(`${workday}T10:00:00`))
    }
  })

  it('carries a case arriving on a holiday past the whole holiday to the next working day', () => {
    for (const holiday of shipped.holidays) {
      const due = addWorkingDays(beijing(`${holiday}T10:00:00`), 1, shipped)
      const dueDate = formatBeijingDate(due)
      expect(formatBeijingTime(due).slice(11)).toBe('10:00')
      expect(isWorkingDay(dueDate, shipped)).toBe(true)
      expect(shipped.holidays).not.toContain(dueDate)
      for (let date = nextDate(holiday); date < dueDate; date = nextDate(date)) {
        expect(isWorkingDay(date, shipped)).toBe(false)
      }
    }
  })

  it('counts exactly the working days it adds when a holiday starts the next day', () => {
    const eves = shipped.holidays
      .map((holiday) => formatBeijingDate(new Date(beijing(`${holiday}T12:00:00`).getTime() - day)))
      .filter((eve) => !shipped.holidays.includes(eve))
    expect(eves.length).toBeGreaterThan(0)
    for (const eve of eves) {
      const from = beijing(`${eve}T16:00:00`)
      const due = addWorkingDays(from, 5, shipped)
      const dates = datesBetween(nextDate(eve), formatBeijingDate(due))
      expect(dates.filter((date) => isWorkingDay(date, shipped))).toHaveLength(5)
      expect(isWorkingDay(dates[dates.length - 1]!, shipped)).toBe(true)
      expect(dates.length).toBeGreaterThan(5)
    }
  })
})
