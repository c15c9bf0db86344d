import fc from 'fast-check'
import {
  categoryBars,
  chartWeeks,
  closeTimeChart,
  closeTimeEdgesHours,
  rankingBars,
  weekBars,
} from '../../../src/domain/reports/charts'
import { bucketField, bucketOf } from '../../../src/domain/reports/histogram'

const hour = 3600

function histogramOf(seconds: number[]): Record<string, number> {
  const buckets: Record<string, number> = {}
  for (const value of seconds)
    buckets[bucketField(bucketOf(value))] = (buckets[bucketField(bucketOf(value))] ?? 0) + 1
  return buckets
}

describe('the weeks of the charts', () => {
  it('ends on the running Beijing week, oldest first, across a year end', () => {
    // Monday 4 January 2027, 01:00 in Beijing (still Sunday in UTC): 2027-W01 runs.
    const now = new Date('2027-01-03T17:00:00.000Z')
    expect(chartWeeks(now, 3)).toEqual(['2026-W52', '2026-W53', '2027-W01'])
    const bars = weekBars(
      chartWeeks(now, 2),
      (week) => (week === '2027-W01' ? { c: { received: 4 } } : undefined),
      now,
    )
    expect(bars).toEqual([
      { period: '2026-W53', label: '2026年第53周', axisLabel: '12/28', ended: true, received: 0, closed: 0 },
      { period: '2027-W01', label: '2027年第1周', axisLabel: '1/4', ended: false, received: 4, closed: 0 },
    ])
  })
})

describe('the time-to-close bins', () => {
  it('count every closed case once, in the bin its duration falls in', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 2000 * hour, noNaN: true }), { maxLength: 60 }),
        (seconds) => {
          const chart = closeTimeChart(histogramOf(seconds))
          expect(chart.count).toBe(seconds.length)
          expect(chart.bins).toHaveLength(closeTimeEdgesHours.length + 1)
          const expected = chart.bins.map((bin, index) => {
            const lower = index === 0 ? 0 : closeTimeEdgesHours[index - 1]! * hour
            const upper = bin.upToHours === null ? Infinity : bin.upToHours * hour
            return seconds.filter((s) => s > lower && s <= upper).length
          })
          expect(chart.bins.map((bin) => bin.count)).toEqual(expected)
        },
      ),
    )
  })

  it('labels the ends and the middle', () => {
    const chart = closeTimeChart(histogramOf([0.5 * hour, 3 * hour, 300 * hour]))
    expect(chart.bins.map((bin) => bin.label)).toEqual([
      '1小时内',
      '1–2小时',
      '2–4小时',
      '4–8小时',
      '8–16小时',
      '16–32小时',
      '32–64小时',
      '64–128小时',
      '128–256小时',
      '256小时以上',
    ])
    expect(chart.bins.map((bin) => bin.count)).toEqual([1, 0, 1, 0, 0, 0, 0, 0, 0, 1])
    expect(closeTimeChart(undefined)).toMatchObject({ count: 0, p90Hours: null })
  })
})

describe('the category bars', () => {
  it('lists the catalogue most first, and a category no longer in it under its id', () => {
    const catalogue = [
      { id: 'dust', name: '扬尘' },
      { id: 'coal', name: '散煤' },
      { id: 'straw', name: '秸秆' },
    ]
    expect(categoryBars({ cat: { coal: 3, old: 1 } }, catalogue)).toEqual([
      { categoryId: 'coal', name: '散煤', count: 3 },
      { categoryId: 'old', name: 'old', count: 1 },
      { categoryId: 'dust', name: '扬尘', count: 0 },
      { categoryId: 'straw', name: '秸秆', count: 0 },
    ])
  })
})

describe('the ranking bars', () => {
  it('ranks on-time closure first, nothing due last, then by received', () => {
    const grid = (name: string) => ({ name })
    const ranked = rankingBars([
      { grid: grid('甲'), sheet: { c: { due: 4, closedOnTime: 2, received: 5 } } },
      { grid: grid('乙'), sheet: undefined },
      { grid: grid('丙'), sheet: { c: { due: 2, closedOnTime: 2, received: 2 } } },
      { grid: grid('丁'), sheet: { c: { received: 3 } } },
      { grid: grid('戊'), sheet: { c: { due: 2, closedOnTime: 1, received: 9 } } },
    ])
    expect(ranked.map((bar) => [bar.grid.name, bar.onTimeClosure])).toEqual([
      ['丙', 1],
      ['戊', 0.5],
      ['甲', 0.5],
      ['丁', null],
      ['乙', null],
    ])
  })
})
