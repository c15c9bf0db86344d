import { createHash, createHmac } from 'node:crypto'
import { signingString } from '../../../src/domain/intake/signature'

/**
 * A station's signing secret, derived rather than stored: an HMAC of the station id and its secret generation
 * under a key derived from the functions' own secret (the trail key, from their environment, never in the
 * database). CloudBase has no secrets store, and HMAC verification needs the secret itself, so storing it
 * (even encrypted) would put it one database leak away; derived, the database holds nothing that signs.
 */
export function stationSecret(functionsKey: string, stationId: string, generation: number): string {
  const root = createHmac('sha256', functionsKey).update('bluegrid/station-secret/v1').digest()
  return createHmac('sha256', root).update(`${stationId}\n${generation}`).digest('base64url')
}

/** A short digest of the secret, stored so that a maintainer can tell which secret a device holds. */
export function secretFingerprint(secret: string): string {
  return createHash('sha256').update(secret).digest('hex').slice(0, 12)
}

/** The signature a station sends: HMAC-SHA256 (hex) with its secret over the signing string. */
export function signRequest(
  secret: string,
  parts: { stationId: string; timestamp: number; nonce: string; body: string },
): string {
  return createHmac('sha256', secret).update(signingString(parts)).digest('hex')
}
