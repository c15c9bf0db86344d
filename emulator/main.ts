import fs from 'node:fs'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { databaseDeclaration } from '../cloudfunctions/shared/app'
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
  const host = new FunctionHost(functionsDir, {
    db,
    now: () => new Date(),
    settings: loadSettings(process.env),
  })
  const seed = await seedDemoData(db, host, storage, new Date())

  const stopTimers = config.timers
    ? startTimers(host, loadTimerTriggers(functionsDir, host.names()), log)
    : () => {}
  const server = createServer({
    host,
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
    host,
    close: async () => {
      stopTimers()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      closeDb()
    },
  }
}
