import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { inviteCodeFrom, inviteCodeLength } from '../../../src/domain/people/onboarding'

/** The environment variable that carries the bootstrap code's hash (written to `.env` by `npm run bootstrap-code`). */
export const bootstrapHashVariable = 'BLUEGRID_BOOTSTRAP_CODE_HASH'

/** A fresh invite or bootstrap code from the platform's secure random source. */
export function newCode(): string {
  return inviteCodeFrom(randomBytes(inviteCodeLength))
}

/** SHA-256, hex: what is stored or configured instead of a code, so neither the database nor `.env` can be replayed. */
export function hashCode(code: string): string {
  return createHash('sha256').update(code, 'utf8').digest('hex')
}

/** Whether a typed code matches a configured hash, in constant time (the comparison must not leak a prefix). */
export function codeMatches(code: string, expectedHash: string): boolean {
  const actual = Buffer.from(hashCode(code), 'hex')
  const expected = Buffer.from(expectedHash.trim().toLowerCase(), 'hex')
  return expected.length === actual.length && timingSafeEqual(actual, expected)
}
