import { Cron } from 'croner'
import { beijingUtcOffsetMinutes, periodKeyOf } from '../src/domain/shared/time'

/**
 * CloudBase timer triggers: 7 fields (second minute hour day-of-month month day-of-week year), read in
 * Beijing time, with month and weekday names (JAN, MON). croner reads the first six; it has no year
 * field, so the year is matched here against the Beijing year of the instant. As in classic cron, when
 * both day-of-month and day-of-week are restricted, either one matching is enough (croner's legacy mode).
 */
export class CronExpression {
  private readonly schedule: Cron
  private readonly years: Set<number>

  constructor(readonly source: string) {
    const parts = source.trim().split(/\s+/)
    if (parts.length !== 7)
      throw new Error(`cron needs 7 fields (second to year), got ${parts.length}: "${source}"`)
    this.years = parseYears(parts[6]!, source)
    try {
      this.schedule = new Cron(parts.slice(0, 6).join(' '), {
        paused: true,
        legacyMode: true,
        // A fixed offset, like the rest of the product's Beijing time: no Intl time-zone data needed.
        utcOffset: beijingUtcOffsetMinutes,
      })
    } catch (error) {
      throw new Error(`cron "${source}" has a field out of range or unreadable: ${(error as Error).message}`)
    }
  }

  /** Whether the expression fires in the second of this instant. */
  matches(instant: Date): boolean {
    const second = Math.floor(instant.getTime() / 1000) * 1000
    if (!this.years.has(Number(periodKeyOf('year', new Date(second))))) return false
    return this.schedule.nextRun(new Date(second - 1000))?.getTime() === second
  }
}

const firstYear = 1970
const lastYear = 2099

/** The year field: `*`, numbers, ranges `a-b`, lists `a,b` and steps `* /n` or `a-b/n`. */
function parseYears(field: string, source: string): Set<number> {
  const years = new Set<number>()
  for (const item of field.split(',')) {
    const [rangePart, stepPart] = item.split('/')
    const step = stepPart === undefined ? 1 : Number(stepPart)
    let low = firstYear
    let high = lastYear
    if (rangePart !== '*') {
      const [a, b] = rangePart!.split('-')
      low = Number(a)
      high = b === undefined ? (stepPart === undefined ? low : lastYear) : Number(b)
    }
    const valid = [low, high, step].every(Number.isInteger) && step >= 1 && low <= high
    if (!valid || low < firstYear || high > lastYear) {
      throw new Error(`cron year "${field}" is out of range ${firstYear}-${lastYear} in "${source}"`)
    }
    for (let year = low; year <= high; year += step) years.add(year)
  }
  return years
}
