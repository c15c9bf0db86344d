import { figuresOf, rate } from '../../../src/domain/reports/overview'
import { bucketField, bucketOf } from '../../../src/domain/reports/histogram'

const categories = ['open-burning', 'road-dust']

describe('rates and averages of a node in a period', () => {
  it('answers null, not 0%, for every rate and average with nothing to divide by', () => {
    const figures = figuresOf(undefined, categories)
    expect(figures.rates).toEqual({ closure: null, onTimeClosure: null, rework: null, overdue: null })
    expect(figures.missedByPatrolRatio).toBeNull()
    expect(figures.satisfaction).toEqual({ rated: 0, satisfied: 0, rate: null, avgRating: null })
    expect(figures.timeToClose).toEqual({ count: 0, avgHours: null, p90Hours: null })
    expect(figures.byCategory).toEqual({ 'open-burning': 0, 'road-dust': 0 })
    expect(figures.bySource).toEqual({
      resident: 0,
      volunteer: 0,
      patrol: 0,
      hotline: 0,
      sensor: 0,
      open311: 0,
    })
  })

  it('divides by the due cases: closure, on-time closure, rework and overdue', () => {
    const figures = figuresOf(
      { c: { due: 8, closed: 6, closedOnTime: 4, reworked: 2, overdue: 3 } },
      categories,
    )
    expect(figures.rates).toEqual({ closure: 0.75, onTimeClosure: 0.5, rework: 0.25, overdue: 0.375 })
  })

  it('gives a rate of 0 when cases were due and none closed', () => {
    expect(figuresOf({ c: { due: 3 } }, categories).rates.closure).toBe(0)
  })

  it('divides the missed by patrol by all received, and satisfaction by the rated', () => {
    const figures = figuresOf(
      { c: { received: 10, missedByPatrol: 7, rated: 4, satisfied: 3 }, s: { satisfied: 13 } },
      categories,
    )
    expect(figures.missedByPatrolRatio).toBe(0.7)
    expect(figures.satisfaction).toEqual({ rated: 4, satisfied: 3, rate: 0.75, avgRating: 4.33 })
  })

  it('averages durations exactly and reads p90 from the buckets', () => {
    const hour = 3600
    const figures = figuresOf(
      {
        c: { finished: 2 },
        s: { finished: 3 * hour },
        h: { finished: { [bucketField(bucketOf(hour))]: 1, [bucketField(bucketOf(2 * hour))]: 1 } },
      },
      categories,
    )
    expect(figures.timeToClose).toEqual({ count: 2, avgHours: 1.5, p90Hours: 2 })
  })

  it('keeps a category no longer in the catalog that was counted', () => {
    expect(figuresOf({ cat: { retired: 2 } }, categories).byCategory).toEqual({
      'open-burning': 0,
      'road-dust': 0,
      retired: 2,
    })
  })

  it('rates are fractions', () => {
    expect(rate(1, 4)).toBe(0.25)
    expect(rate(0, 0)).toBeNull()
  })
})
