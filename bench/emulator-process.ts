/**
 * A real emulator process for the benchmarks that talk to it over HTTP (engine, http): `.build/emulator.js`
 * (bundled first by `config/build-cloud.js`) on a free port of 127.0.0.1, with its timers off (the jobs'
 * sweeps would change the cases while they are timed), killed when the benchmark exits.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'

export interface StartedEmulator {
  port: number
  pid: number
  /** Seconds from spawning to its "Open:" line. */
  seconds: number
}

// bench/run.js runs every benchmark from the repository root.
const root = path.resolve()
let emulator: ChildProcess | undefined

/** Kills the emulator this process started, if it still runs. */
export function stopEmulator(): void {
  if (emulator && emulator.exitCode === null) emulator.kill('SIGKILL')
}
process.on('exit', stopEmulator)

/** Bundles the cloud functions and the emulator into `.build/` (as `npm run build:cloud`, quietly). */
export function buildEmulator(): void {
  const build = spawnSync(process.execPath, [path.join(root, 'config', 'build-cloud.js'), '--quiet'], {
    cwd: root,
    stdio: 'inherit',
  })
  if (build.status !== 0) throw new Error('bundling the cloud functions and the emulator failed')
}

/**
 * Starts `.build/emulator.js` on `dataDir` and a free port and resolves with its port once it says where it
 * listens. `env` adds variables (e.g. `BLUEGRID_SETTINGS`).
 */
export function startEmulator(dataDir: string, env: Record<string, string> = {}): Promise<StartedEmulator> {
  const started = performance.now()
  const child = spawn(process.execPath, [path.join(root, '.build', 'emulator.js')], {
    cwd: root,
    env: {
      ...process.env,
      BLUEGRID_DATA_DIR: dataDir,
      BLUEGRID_PORT: '0',
      BLUEGRID_HOST: '127.0.0.1',
      BLUEGRID_TIMERS: 'off',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  emulator = child
  return new Promise((resolve, reject) => {
    let output = ''
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /Open:\s+http:\/\/127\.0\.0\.1:(\d+)\//.exec(output)
      if (match) {
        child.stdout!.off('data', onData)
        child.stdout!.resume()
        resolve({ port: Number(match[1]), pid: child.pid!, seconds: (performance.now() - started) / 1000 })
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('exit', (code) =>
      reject(new Error(`the emulator exited (${code}) before listening:\n${output}`)),
    )
  })
}

/** The emulator's resident and peak memory, read from /proc (Linux); null elsewhere. */
export function memoryOf(pid: number): { rss: number; peak: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
    const kib = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) * 1024
    return { rss: kib('VmRSS'), peak: kib('VmHWM') }
  } catch {
    return null
  }
}

// A fresh connection per call: a benchmark's pauses between rows (raw SQL timings, a job's run) leave a
// kept-alive socket idle past the server's keep-alive timeout, and a reused stale socket would fail the next
// call.
const agent = new http.Agent({ keepAlive: false, maxSockets: 1 })

/** One api call's answer, its time over HTTP and the server's count of database requests it made. */
export interface Answer {
  ms: number
  ok: boolean
  data: Record<string, unknown> | undefined
  error: string | undefined
  dbRequests: number | null
}

/** One api call as the H5 app makes it: POST /fn/api with the caller in x-dev-user. */
export function callApi(port: number, openid: string, action: string, payload: unknown): Promise<Answer> {
  const body = JSON.stringify({ action, payload })
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/fn/api',
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-dev-user': openid,
        },
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => {
          const ms = performance.now() - started
          const header = response.headers['x-db-requests']
          const parsed = JSON.parse(Buffer.concat(chunks).toString()) as {
            ok: boolean
            data?: Record<string, unknown>
            error?: { code: string }
          }
          resolve({
            ms,
            ok: parsed.ok,
            data: parsed.data,
            error: parsed.error?.code,
            dbRequests: header === undefined ? null : Number(header),
          })
        })
      },
    )
    request.on('error', reject)
    request.end(body)
  })
}
