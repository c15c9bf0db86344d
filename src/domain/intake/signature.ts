import { refuseIntake, type IntakeRefusal } from './refusals'

/**
 * How a station signs a request: four headers, and an HMAC-SHA256 (hex) with its secret over
 * `<station id>\n<timestamp>\n<nonce>\n<body>`, the body exactly as sent. The timestamp (Unix seconds) bounds
 * how long a captured request is any good; the nonce, kept per station, refuses a replay inside that window.
 */
export const signatureHeaders = {
  station: 'x-bluegrid-station',
  timestamp: 'x-bluegrid-timestamp',
  nonce: 'x-bluegrid-nonce',
  signature: 'x-bluegrid-signature',
} as const

export interface SignedRequest {
  stationId: string
  /** Unix seconds, as signed. */
  timestamp: number
  nonce: string
  /** Lower-case hex. */
  signature: string
}

export const stationIdPattern = /^[a-z0-9][a-z0-9-]{2,39}$/
const noncePattern = /^[A-Za-z0-9_-]{16,64}$/
const hexSignature = /^[0-9a-f]{64}$/

/** What is signed: the request's identity, freshness and body, in one string. */
export function signingString(parts: { stationId: string; timestamp: number; nonce: string; body: string }) {
  return `${parts.stationId}\n${parts.timestamp}\n${parts.nonce}\n${parts.body}`
}

/** The signed headers of a request, whatever their case; a missing or malformed one refuses it. */
export function readSignedHeaders(
  headers: Readonly<Record<string, unknown>>,
): { ok: true; signed: SignedRequest } | IntakeRefusal {
  const lower = new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]))
  const read = (name: string) => {
    const value = lower.get(name)
    return typeof value === 'string' ? value.trim() : ''
  }
  const stationId = read(signatureHeaders.station)
  const timestampText = read(signatureHeaders.timestamp)
  const nonce = read(signatureHeaders.nonce)
  const signature = read(signatureHeaders.signature)
    .toLowerCase()
    .replace(/^sha256=/, '')
  if (!stationIdPattern.test(stationId) || !/^\d{9,11}$/.test(timestampText) || !noncePattern.test(nonce))
    return refuseIntake('unsigned')
  if (!hexSignature.test(signature)) return refuseIntake('bad-signature')
  return { ok: true, signed: { stationId, timestamp: Number(timestampText), nonce, signature } }
}

/** A timestamp further than the allowed skew from now, either way, is refused. */
export function checkFreshness(timestamp: number, now: Date, maxSkewSeconds: number): IntakeRefusal | null {
  return Math.abs(now.getTime() / 1000 - timestamp) > maxSkewSeconds ? refuseIntake('stale') : null
}

/** Compares two hex digests in time independent of where they differ. */
export function signaturesMatch(expected: string, given: string): boolean {
  if (expected.length !== given.length) return false
  let difference = 0
  for (let index = 0; index < expected.length; index += 1)
    difference |= expected.charCodeAt(index) ^ given.charCodeAt(index)
  return difference === 0
}
