import dayjs from 'dayjs'
import timezone from 'dayjs/plugin/timezone'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)
dayjs.extend(timezone)

/**
 * CloudBase timer triggers use 7 fields (second minute hour day month weekday year) in Beijing time.
 * This matcher supports `*`, numbers, ranges `a-b`, lists `a,b` and steps `* /n` or `a-b/n` per field.
 */
export class CronExpression {
  private readonly fields: Set<number>[]

  constructor(readonly source: string) {
    const parts = source.trim().split(/\s+/)
    if (parts.length !== 7)
      throw new Error(`cron needs 7 fields (second to year), got ${parts.length}: "${source}"`)
    const ranges: [number, number][] = [
      [0, 59],
      [0, 59],
      [0, 23],
      [1, 31],
      [1, 12],
      [0, 6],
      [1970, 2099],
    ]
    this.fields = parts.map((part, index) => parseField(part, ranges[index]!, source))
  }

  /** Whether the expression fires at this instant, read in Asia/Shanghai. */
  matches(instant: Date): boolean {
    const t = dayjs(instant).tz('Asia/Shanghai')
    const values = [t.second(), t.minute(), t.hour(), t.date(), t.month() + 1, t.day(), t.year()]
    return values.every((value, index) => this.fields[index]!.has(value))
  }
}

function parseField(field: string, [min, max]: [number, number], source: string): Set<number> {
  const values = new Set<number>()
  for (const item of field.split(',')) {
    const [rangePart, stepPart] = item.split('/')
    const step = stepPart === undefined ? 1 : Number(stepPart)
    let low = min
    let high = max
    if (rangePart !== '*') {
      const [a, b] = rangePart!.split('-')
      low = Number(a)
      high = b === undefined ? (stepPart === undefined ? low : max) : Number(b)
    }
    if (![low, high, step].every(Number.isInteger) || step < 1 || low < min || high > max || low > high) {
      throw new Error(`cron field "${field}" is out of range ${min}-${max} in "${source}"`)
    }
    for (let value = low; value <= high; value += step) values.add(value)
  }
  return values
}
