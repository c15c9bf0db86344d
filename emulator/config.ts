import path from 'node:path'

export interface EmulatorConfig {
  host: string
  port: number
  /**
   * Host names besides the loopback ones (and `host`) that requests may name in Host and Origin, e.g. the
   * machine's LAN address when `host` is 0.0.0.0; `name` means on the emulator's port, `name:port` exactly.
   */
  allowedHosts: string[]
  /** Folder for the database file and uploaded photos; survives restarts, wiped by `npm run reset`. */
  dataDir: string
  /** The environment id used in fileIDs, like a CloudBase env id. */
  envId: string
  /** Root of the repository: where dist-h5/ and cloudfunctions/ are found. */
  rootDir: string
  /** Largest photo accepted by the storage upload, in bytes. */
  maxUploadBytes: number
  /** Whether timers run; tests turn them off to drive jobs by hand. */
  timers: boolean
  /** Delay added to every database request, modelling CloudBase as a network service. */
  dbLatencyMs: number
  /** The bootstrap code's hash as deployed; absent, the emulator draws a dev code at each start and prints it. */
  bootstrapCodeHash?: string
  /** Whether the demo accounts and cases are seeded; off, only the grid tree (to try onboarding from scratch). */
  demoPeople: boolean
  /** How long the stand-in for WeChat takes to push an image's verdict to the media-check function. */
  mediaCheckDelayMs: number
}

export function configFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  rootDir = path.resolve(__dirname, '..'),
): EmulatorConfig {
  const port = Number(env.BLUEGRID_PORT ?? 8787)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`BLUEGRID_PORT is not a port: ${env.BLUEGRID_PORT}`)
  const dbLatencyMs = Number(env.BLUEGRID_DB_LATENCY_MS ?? 0)
  if (!Number.isFinite(dbLatencyMs) || dbLatencyMs < 0)
    throw new Error(`BLUEGRID_DB_LATENCY_MS is not a delay in milliseconds: ${env.BLUEGRID_DB_LATENCY_MS}`)
  const mediaCheckDelayMs = Number(env.BLUEGRID_MEDIA_CHECK_DELAY_MS ?? 3000)
  if (!Number.isFinite(mediaCheckDelayMs) || mediaCheckDelayMs < 0)
    throw new Error(`BLUEGRID_MEDIA_CHECK_DELAY_MS is not a delay: ${env.BLUEGRID_MEDIA_CHECK_DELAY_MS}`)
  return {
    host: env.BLUEGRID_HOST ?? '127.0.0.1',
    port,
    allowedHosts: (env.BLUEGRID_ALLOWED_HOSTS ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
    dataDir: path.resolve(rootDir, env.BLUEGRID_DATA_DIR ?? '.data'),
    envId: env.BLUEGRID_ENV_ID ?? 'bluegrid-local',
    rootDir,
    maxUploadBytes: Number(env.BLUEGRID_MAX_UPLOAD_BYTES ?? 10 * 1024 * 1024),
    timers: env.BLUEGRID_TIMERS !== 'off',
    dbLatencyMs,
    ...(env.BLUEGRID_BOOTSTRAP_CODE_HASH ? { bootstrapCodeHash: env.BLUEGRID_BOOTSTRAP_CODE_HASH } : {}),
    demoPeople: env.BLUEGRID_DEMO_PEOPLE !== 'off',
    mediaCheckDelayMs,
  }
}
