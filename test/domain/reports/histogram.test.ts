import fc from 'fast-check'
import {
  bucketEdgeHours,
  bucketField,
  bucketOf,
  overflowBucket,
  percentileHours,
} from '../../../src/domain/reports/histogram'

const hour = 3600

/** The exact nearest-rank percentile of some durations, in hours. */
function exactHours(seconds: number[], share: number): number {
  const sorted = [...seconds].sort((a, b) => a - b)
  return sorted[Math.max(1, Math.ceil(share * sorted.length)) - 1]! / hour
}

function histogramOf(seconds: number[]): Record<string, number> {
  const buckets: Record<string, number> = {}
  for (const value of seconds) {
    const field = bucketField(bucketOf(value))
    buckets[field] = (buckets[field] ?? 0) + 1
  }
  return buckets
}

describe('durations in fixed buckets', () => {
  it('puts a duration on an edge in the bucket that edge closes', () => {
    expect(bucketOf(0)).toBe(0)
    expect(bucketOf(hour / 16)).toBe(0)
    expect(bucketOf(hour / 16 + 1)).toBe(1)
    expect(bucketOf(hour)).toBe(16)
    expect(bucketEdgeHours(16)).toBe(1)
    expect(bucketOf(2 * hour)).toBe(20)
    expect(bucketOf(2048 * hour)).toBe(60)
    expect(bucketOf(2048 * hour + 1)).toBe(overflowBucket)
  })

  it('answers no percentile for nothing counted', () => {
    expect(percentileHours(undefined, 0.9)).toBeNull()
    expect(percentileHours({}, 0.9)).toBeNull()
  })

  it('reads p90 at most a quarter-octave (19%) above the exact value, never below it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 60 * 24 * hour }), { minLength: 1, maxLength: 200 }),
        (seconds) => {
          const exact = exactHours(seconds, 0.9)
          const read = percentileHours(histogramOf(seconds), 0.9)!
          expect(read).toBeGreaterThanOrEqual(exact)
          // Under the first edge (3.75 minutes) the answer is that edge.
          expect(read).toBeLessThanOrEqual(Math.max(exact * 2 ** 0.25, 1 / 16) + 1e-9)
        },
      ),
    )
  })

  it('reads anything beyond 2048 hours as 2048 hours', () => {
    expect(percentileHours(histogramOf([3000 * hour]), 0.9)).toBe(2048)
  })
})
