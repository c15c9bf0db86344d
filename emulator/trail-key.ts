import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { trailKeyFrom, trailKeyVariable } from '../cloudfunctions/shared/cases/trail'

/**
 * The trail key the local functions seal case trails with: BLUEGRID_TRAIL_KEY when set (as in the cloud),
 * otherwise a random key made once per data folder and kept there (mode 0600) beside the database, so
 * trails sealed before a restart, or by `seed:load`, still verify. It is never written to the database.
 */
export const trailKeyFileName = 'trail-key'

export function trailKeyOf(dataDir: string, env: Record<string, string | undefined> = process.env): string {
  if (env[trailKeyVariable]) return trailKeyFrom(env)
  const file = path.join(dataDir, trailKeyFileName)
  if (fs.existsSync(file)) return trailKeyFrom({ [trailKeyVariable]: fs.readFileSync(file, 'utf8') })
  fs.mkdirSync(dataDir, { recursive: true })
  const key = randomBytes(32).toString('hex')
  fs.writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' })
  return key
}
