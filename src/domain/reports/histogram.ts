/**
 * Durations are kept as counts in fixed buckets, so that a period's 90th percentile comes from one stored
 * document however many cases it holds, and buckets add up (a street's are its grids' summed). Bucket `b`
 * holds durations up to 2^((b − 16) / 4) hours and above the bucket before it: four buckets per doubling,
 * from 1/16 h (3.75 minutes) to 2048 h (about 85 days); bucket 61 holds everything longer.
 *
 * Precision: the percentile is answered as the upper edge of the bucket holding it, so it is never below
 * the exact value (nearest rank) and at most 2^(1/4) − 1 ≈ 19% above it; under 3.75 minutes it reads
 * 3.75 minutes; beyond 2048 h it reads 2048 h (a lower bound).
 */
export const bucketsPerDoubling = 4
const lowestEdgeExponent = -4
export const lastEdgeBucket = 60
export const overflowBucket = lastEdgeBucket + 1

/** The upper edge of bucket `b`, in hours. */
export function bucketEdgeHours(bucket: number): number {
  return 2 ** (lowestEdgeExponent + Math.min(bucket, lastEdgeBucket) / bucketsPerDoubling)
}

const edgeSeconds = Array.from({ length: lastEdgeBucket + 1 }, (_, b) => bucketEdgeHours(b) * 3600)

/** The bucket a duration in seconds falls in: the first whose upper edge it does not pass. */
export function bucketOf(seconds: number): number {
  let low = 0
  let high = overflowBucket
  while (low < high) {
    const middle = (low + high) >> 1
    if (seconds <= edgeSeconds[middle]!) high = middle
    else low = middle + 1
  }
  return low
}

/** Stored bucket counts are keyed `b<index>`. */
export const bucketField = (bucket: number) => `b${bucket}`

/**
 * The `share` percentile (0.9 for p90) of the durations counted in `buckets`, in hours, as the upper edge
 * of the bucket holding the nearest-rank value; null when nothing was counted.
 */
export function percentileHours(buckets: Record<string, number> | undefined, share: number): number | null {
  const counts = Array.from({ length: overflowBucket + 1 }, (_, b) =>
    Math.max(0, buckets?.[bucketField(b)] ?? 0),
  )
  const total = counts.reduce((sum, count) => sum + count, 0)
  if (total === 0) return null
  const rank = Math.max(1, Math.ceil(share * total))
  let seen = 0
  for (const [bucket, count] of counts.entries()) {
    seen += count
    if (seen >= rank) return bucketEdgeHours(bucket)
  }
  return bucketEdgeHours(overflowBucket)
}
