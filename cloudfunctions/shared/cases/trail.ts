import { createHash } from 'node:crypto'
import type { CaseEvent } from '../../../src/domain/case/record'

/** JSON with keys sorted at every depth, so the same event always hashes the same way. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null)
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`
}

/** The hash of an event: over the previous hash and every field but the hash itself (a chain per case). */
export function hashEvent(event: Omit<CaseEvent, 'hash'>): string {
  const { prevHash, ...fields } = event
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(fields)).digest('hex')
}

export interface TrailVerdict {
  intact: boolean
  events: number
  /** The first sequence number that does not fit the chain (a missing event's own number), when one does not. */
  brokenAt: number | null
  reason: string | null
}

/** Re-computes a case's chain from its first event: any edited, removed or inserted event breaks it. */
export function verifyTrail(events: CaseEvent[], expectedHead: string, expectedCount: number): TrailVerdict {
  const sorted = [...events].sort((a, b) => a.seq - b.seq)
  let previous = ''
  for (let index = 0; index < sorted.length; index += 1) {
    const event = sorted[index]!
    const fail = (reason: string): TrailVerdict => ({
      intact: false,
      events: sorted.length,
      brokenAt: event.seq,
      reason,
    })
    // Sequence numbers run 0, 1, 2…: a gap names the first missing number, a repeat the event that repeats it.
    if (event.seq > index)
      return { intact: false, events: sorted.length, brokenAt: index, reason: 'missing-event' }
    if (event.seq < index) return fail('inserted-event')
    if (event.prevHash !== previous) return fail('broken-link')
    const { hash, ...rest } = event
    if (hashEvent(rest) !== hash) return fail('altered-event')
    previous = hash
  }
  if (sorted.length !== expectedCount) {
    return { intact: false, events: sorted.length, brokenAt: sorted.length, reason: 'missing-event' }
  }
  if (previous !== expectedHead)
    return { intact: false, events: sorted.length, brokenAt: sorted.length - 1, reason: 'head-mismatch' }
  return { intact: true, events: sorted.length, brokenAt: null, reason: null }
}

/**
 * Checks the copies of a case's events in `case_event` against the trail on the case: every event copied
 * out (below `relayedCount`) must be there, unchanged and still hashing to itself. The projections read the
 * copies, so an edited copy would pay or count what never happened.
 */
export function verifyCopies(
  trail: CaseEvent[],
  copies: Array<CaseEvent & { feedAt?: string }>,
  relayedCount: number,
): TrailVerdict {
  const bySeq = new Map(copies.map((copy) => [copy.seq, copy]))
  const broken = (seq: number, reason: string): TrailVerdict => ({
    intact: false,
    events: trail.length,
    brokenAt: seq,
    reason,
  })
  for (const event of trail) {
    const copy = bySeq.get(event.seq)
    if (!copy) {
      if (event.seq < relayedCount) return broken(event.seq, 'missing-copy')
      continue
    }
    const { hash, feedAt: _feedAt, ...rest } = copy
    if (hash !== event.hash || hashEvent(rest) !== hash || copy._id !== event._id)
      return broken(event.seq, 'altered-copy')
  }
  const extra = copies.find((copy) => copy.seq >= trail.length)
  if (extra) return broken(extra.seq, 'inserted-copy')
  return { intact: true, events: trail.length, brokenAt: null, reason: null }
}
