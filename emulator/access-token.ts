import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

/**
 * The secret that opens the database wire endpoint (/tcb). The emulator writes a fresh one to the data
 * folder at every start, readable by the developer's own account only; node-sdk presents it as its
 * `sessionToken` (the credential field the real wire carries in every request body), so only a process
 * that can read the data folder can reach the database over HTTP.
 */
export const databaseTokenFileName = 'tcb-token'

export function databaseTokenFile(dataDir: string): string {
  return path.join(dataDir, databaseTokenFileName)
}

/** Writes a new random token (mode 0600) and returns it; the token of an earlier start stops working. */
export function issueDatabaseToken(dataDir: string): string {
  const token = randomBytes(32).toString('hex')
  const file = databaseTokenFile(dataDir)
  // Removed first and created exclusively, so the mode applies and no existing file or link is written through.
  fs.rmSync(file, { force: true })
  fs.writeFileSync(file, `${token}\n`, { mode: 0o600, flag: 'wx' })
  fs.chmodSync(file, 0o600)
  return token
}

/** The token of the emulator running on this data folder (what tests and node-sdk users read). */
export function readDatabaseToken(dataDir: string): string {
  return fs.readFileSync(databaseTokenFile(dataDir), 'utf8').trim()
}

/** Compares in constant time: hashing first makes the lengths equal. */
export function sameSecret(presented: unknown, expected: string): boolean {
  if (typeof presented !== 'string' || presented === '') return false
  const digest = (value: string) => createHash('sha256').update(value).digest()
  return timingSafeEqual(digest(presented), digest(expected))
}
