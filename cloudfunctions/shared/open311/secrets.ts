import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { formatApiKey } from '../../../src/domain/open311/keys'

/** A new api key: a random id to list and revoke it by, and 32 random bytes of secret. */
export function newApiKey(): { keyId: string; apiKey: string } {
  const keyId = randomBytes(6).toString('hex')
  return { keyId, apiKey: formatApiKey(keyId, randomBytes(32).toString('base64url')) }
}

/**
 * What is stored of a key: its SHA-256. The key carries 256 random bits, so a fast hash suffices (there is
 * no password to guess); a copy of the database cannot post.
 */
export function hashApiKey(apiKey: string): string {
  return createHash('sha256').update(apiKey, 'utf8').digest('hex')
}

export function keyMatches(apiKey: string, storedHash: string): boolean {
  const given = Buffer.from(hashApiKey(apiKey), 'hex')
  const stored = Buffer.from(storedHash, 'hex')
  return given.length === stored.length && timingSafeEqual(given, stored)
}
