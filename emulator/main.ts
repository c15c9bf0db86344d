import { trailKeyOf } from './trail-key'
import { FakeWeChat } from './wechat'
import fs from 'node:fs'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { collections, databaseDeclaration } from '../cloudfunctions/shared/app'
import { hashCode, newCode } from '../cloudfunctions/shared/people/codes'
import { bootstrapDatabase } from '../cloudfunctions/shared/db/bootstrap'
import { loadSettings } from '../cloudfunctions/shared/runtime/settings'
import { issueDatabaseToken } from './access-token'
import { configFromEnv, type EmulatorConfig } from './config'
import { createEmulatorDb } from './database'
import { FunctionHost } from './function-host'
import { seedDemoData, type SeedReport } from './seed'
import { createServer } from './server'
import { LocalStorage } from './storage'
import { loadTimerTriggers, startTimers } from './timers'

export interface RunningEmulator {
  url: string
  seed: SeedReport
  /**
   * The first office's bootstrap: the dev code drawn at this start (none when a hash was configured), and
   * whether it still works (no district office account exists yet).
   */
  bootstrap: { code: string | null; open: boolean }
  host: FunctionHost
  close(): Promise<void>
}

/** Starts the whole local CloudBase stand-in: database, storage, functions, timers, H5 server. */
export async function startEmulator(
  config: EmulatorConfig = configFromEnv(),
  log: (line: string) => void = console.log,
): Promise<RunningEmulator> {
  fs.mkdirSync(config.dataDir, { recursive: true })
  const {
    db,
    engine,
    close: closeDb,
  } = createEmulatorDb({
    file: path.join(config.dataDir, 'bluegrid.sqlite'),
    env: config.envId,
    latencyMs: config.dbLatencyMs,
  })
  await bootstrapDatabase(engine, databaseDeclaration)

  const storage = new LocalStorage(config.dataDir, config.envId, config.maxUploadBytes)
  const functionsDir = path.join(config.rootDir, 'cloudfunctions')
  // Locally a fresh dev code per start stands in for `npm run bootstrap-code`'s, unless one was configured.
  const devBootstrapCode = config.bootstrapCodeHash ? null : newCode()
  const wechat = new FakeWeChat()
  const host = new FunctionHost(functionsDir, {
    db,
    now: () => new Date(),
    files: storage.forFunctions(() => new Date()),
    settings: loadSettings(process.env),
    trailKey: trailKeyOf(config.dataDir),
    wechat,
    bootstrapCodeHash: config.bootstrapCodeHash ?? hashCode(devBootstrapCode!),
  })
  // WeChat pushes each image's verdict to the function configured under 消息推送, a while after the check.
  wechat.receiver = (push) => host.deliverPush('media-check', push)
  wechat.mediaPushDelayMs = config.mediaCheckDelayMs
  const seed = await seedDemoData(db, host, storage, new Date(), { people: config.demoPeople })
  const offices = await db.collection(collections.user).where({ role: 'district_office' }).limit(1).get()
  const bootstrap = { code: devBootstrapCode, open: (offices.data ?? []).length === 0 }

  const stopTimers = config.timers
    ? startTimers(host, loadTimerTriggers(functionsDir, host.names()), log)
    : () => {}
  const server = createServer({
    host,
    wechat,
    storage,
    engine,
    databaseToken: issueDatabaseToken(config.dataDir),
    allowedHosts: [config.host, ...config.allowedHosts],
    h5Root: path.join(config.rootDir, 'dist-h5'),
    maxUploadBytes: config.maxUploadBytes,
    now: () => new Date(),
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.port, config.host, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://${config.host}:${port}`,
    seed,
    bootstrap,
    host,
    close: async () => {
      stopTimers()
      await wechat.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      closeDb()
    },
  }
}
