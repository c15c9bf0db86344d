import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type { CaseEvent, CaseRecord } from '../../../src/domain/case/record'

/*
 * A case's trail is a hash chain sealed with a key: each event's hash is an HMAC over the previous hash, the
 * event's own fields (its resulting status among them) and a digest of the case's own content after it
 * (place, description, category, photos, reporter, anonymity, channel, 重大). The key lives in the
 * functions' environment, never in the database, so whoever can write the database but not read the key
 * cannot re-seal a chain after changing it. What a key cannot show is a chain cut short and re-headed: the
 * daily checkpoints (checkpoints.ts) record every changed chain's head out of the cases' reach.
 */

/** JSON with keys sorted at every depth, so the same event always hashes the same way. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null)
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`
}

/** The fields of a case the chain vouches for besides its events: what was reported, where and by whom. */
const contentFields = [
  'caseNo',
  'categoryId',
  'checkId',
  'description',
  'photos',
  'location',
  'accuracyMeters',
  'address',
  'anonymous',
  'channel',
  'reporterId',
  'originGridId',
  'major',
] as const satisfies ReadonlyArray<keyof CaseRecord>

export type CaseContent = Pick<CaseRecord, (typeof contentFields)[number]>

/** SHA-256 of the case's content fields (not secret: the HMAC over the event that carries it is). */
export function contentDigest(record: CaseContent): string {
  const content = Object.fromEntries(contentFields.map((field) => [field, record[field]]))
  return createHash('sha256').update(canonicalJson(content)).digest('hex')
}

/** The keyed hash of an event: over the previous hash and every field but the hash itself. */
export function hashEvent(event: Omit<CaseEvent, 'hash'>, key: string): string {
  const { prevHash, ...fields } = event
  return createHmac('sha256', key)
    .update('case-event\n')
    .update(prevHash)
    .update('\n')
    .update(canonicalJson(fields))
    .digest('hex')
}

/** Seals a drafted event for the case as it stands after the event (its content digest, then its HMAC). */
export function sealEvent(
  draft: Omit<CaseEvent, 'hash' | 'content'>,
  after: CaseContent,
  key: string,
): CaseEvent {
  const event = { ...draft, content: contentDigest(after) }
  return { ...event, hash: hashEvent(event, key) }
}

export interface TrailVerdict {
  intact: boolean
  events: number
  /** The first sequence number that does not fit the chain (a missing event's own number), when one does not. */
  brokenAt: number | null
  reason: string | null
}

const intact = (events: number): TrailVerdict => ({ intact: true, events, brokenAt: null, reason: null })

function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))
}

/**
 * Re-computes a case's chain from its first event with the key: any edited, removed or inserted event breaks
 * it, and so does a case whose status or content differs from what its last event sealed.
 */
export function verifyTrail(
  events: CaseEvent[],
  record: Pick<CaseRecord, 'lastHash' | 'eventCount' | 'status'> & CaseContent,
  key: string,
): TrailVerdict {
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
    if (typeof hash !== 'string' || !sameHex(hashEvent(rest, key), hash)) return fail('altered-event')
    previous = hash
  }
  const last = sorted[sorted.length - 1]
  const broken = (reason: string): TrailVerdict => ({
    intact: false,
    events: sorted.length,
    brokenAt: Math.max(0, sorted.length - 1),
    reason,
  })
  if (sorted.length !== record.eventCount) {
    return { intact: false, events: sorted.length, brokenAt: sorted.length, reason: 'missing-event' }
  }
  if (previous !== record.lastHash) return broken('head-mismatch')
  if (!last || last.to !== record.status) return broken('status-mismatch')
  if (last.content !== contentDigest(record)) return broken('content-mismatch')
  return intact(sorted.length)
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
  key: string,
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
    if (hash !== event.hash || hashEvent(rest, key) !== hash || copy._id !== event._id)
      return broken(event.seq, 'altered-copy')
  }
  const extra = copies.find((copy) => copy.seq >= trail.length)
  if (extra) return broken(extra.seq, 'inserted-copy')
  return intact(trail.length)
}

/** What a checkpoint says of one case: its chain had this head (event `seq`, `hash`) on `day`. */
export interface CheckpointStatement {
  caseId: string
  seq: number
  hash: string
  /** The Beijing business day whose changes the checkpoint covers (`2026-11-23`). */
  day: string
}

/** The checkpoint job's signature of a statement, with the same key under another label. */
export function signStatement(statement: CheckpointStatement, key: string): string {
  return createHmac('sha256', key)
    .update('trail-checkpoint\n')
    .update(canonicalJson({ ...statement }))
    .digest('hex')
}

/**
 * Checks a chain against the latest checkpoint of its case: the event the checkpoint names must still be
 * there with the hash it had. A tail dropped and the head moved back (which the key alone cannot show)
 * fails as truncated; a chain rebuilt from some event on, as rewritten.
 */
export function verifyAgainstCheckpoint(
  trail: CaseEvent[],
  checkpoint: CheckpointStatement & { signature: string },
  key: string,
): TrailVerdict {
  const { signature, ...statement } = checkpoint
  const signed = signStatement(
    { caseId: statement.caseId, seq: statement.seq, hash: statement.hash, day: statement.day },
    key,
  )
  const fail = (reason: string): TrailVerdict => ({
    intact: false,
    events: trail.length,
    brokenAt: Math.min(statement.seq, trail.length),
    reason,
  })
  if (typeof signature !== 'string' || !sameHex(signed, signature)) return fail('forged-checkpoint')
  const event = trail.find((candidate) => candidate.seq === statement.seq)
  if (!event) return fail('truncated')
  if (event.hash !== statement.hash) return fail('rewritten')
  return intact(trail.length)
}

/** The environment variable that carries the trail key to the functions (from deploy's `.env`). */
export const trailKeyVariable = 'BLUEGRID_TRAIL_KEY'

/** The trail key from the environment; a function without one refuses to start rather than seal weakly. */
export function trailKeyFrom(env: Record<string, string | undefined>): string {
  const key = env[trailKeyVariable]?.trim() ?? ''
  if (key.length < 32)
    throw new Error(`${trailKeyVariable} must be set to a secret of at least 32 characters (see README)`)
  return key
}
