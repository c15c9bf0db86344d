/**
 * HTTP throughput benchmark: many people at once against a real emulator process over HTTP, driven by
 * autocannon, next to the raw SQLite insert rate of the same case documents as the ceiling.
 *
 *   npm run bench -- --only http                         # 50 clients, 10 s of submits, then claims, then reads
 *   options: --connections 50, --seconds 10 (submits and board reads), --keep (keep the data folder)
 *
 * The emulator starts on a fresh data folder with its timers off, and with the submit rate limit lifted by
 * one bench setting: BLUEGRID_SETTINGS={"policy":{…, "submitLimitPerHour":1000000000,
 * "submitLimitPerDay":1000000000, "writeLimit":{"perWindow":1000,"windowSeconds":1}}} (only this benchmark
 * does that; the shipped limits stay 20 and 60 reports, and 30 writes a minute).
 *
 * Phase 1: each client is a distinct first-time WeChat user (`dev-bench<n>`), uploads one photo and submits
 * reports with it, each with a new requestId. Phase 2: grid staff (the demo accounts whose grid covers the
 * reports) claim them, every case once. Phase 3: the staff read their boards.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import Database from 'better-sqlite3'
import { shippedSettings } from '../src/domain/settings'
import { demoPoints } from '../emulator/demo/grids'
import { demoPhotoPng } from '../emulator/demo/photo'
import { benchCommand, numberArgument } from './args'
import { buildEmulator, startEmulator, stopEmulator } from './emulator-process'

const connections = numberArgument('connections', 50)
const seconds = numberArgument('seconds', 10)
const keep = process.argv.includes('--keep')
const root = path.resolve()
const dataDir = path.join(root, '.build', 'bench', 'http')
const log = (line: string) => process.stderr.write(line + '\n')

/** The bench setting: the shipped policy with the submit limits out of reach. */
const liftedLimits = {
  policy: {
    ...shippedSettings.policy,
    submitLimitPerHour: 1_000_000_000,
    submitLimitPerDay: 1_000_000_000,
    writeLimit: { perWindow: 1000, windowSeconds: 1 },
  },
}

/** Demo staff who may claim a case in 映月路社区第1网格; those refused by the probe are left out. */
const staffCandidates = [
  'demo-grid-member',
  'demo-grid-leader-3',
  'demo-sunk-staff',
  'demo-grid-leader-2',
  'demo-grid-leader-1',
  'demo-air-office',
  'demo-long-term-office',
]

interface Envelope {
  ok: boolean
  data?: { case?: { id: string } }
  error?: { code: string }
}

async function post<T>(port: number, openid: string, urlPath: string, body: Buffer | string, type: string) {
  const response = await fetch(`http://127.0.0.1:${port}${urlPath}`, {
    method: 'POST',
    headers: { 'content-type': type, 'x-dev-user': openid },
    body,
  })
  return (await response.json()) as T
}
const callApi = (port: number, openid: string, action: string, payload: unknown) =>
  post<Envelope>(port, openid, '/fn/api', JSON.stringify({ action, payload }), 'application/json')

interface Phase {
  name: string
  requests: number
  seconds: number
  perSecond: number
  p50: number
  p99: number
  errors: number
  non2xx: number
  envelopeErrors: number
  firstError: string | undefined
}

/**
 * Runs one phase: `connections` clients, client n as `identityOf(n)` (set once in setupClient), each request's
 * body from `bodyFor(openid)`; counts the answers that are `"ok":false`.
 */
async function runPhase(
  name: string,
  port: number,
  limit: { duration: number } | { amount: number },
  identityOf: (client: number) => string,
  bodyFor: (openid: string) => unknown,
  onAnswer: (answer: Envelope) => void = () => {},
): Promise<Phase> {
  let clients = 0
  let envelopeErrors = 0
  let firstError: string | undefined
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    timeout: 30,
    ...limit,
    requests: [
      {
        method: 'POST',
        path: '/fn/api',
        setupRequest: (request) => {
          const openid = request.headers?.['x-dev-user']
          // Built once before setupClient names the caller: a placeholder, never sent.
          if (!openid) return { ...request, body: '{}' }
          return { ...request, body: JSON.stringify(bodyFor(openid)) }
        },
        onResponse: (_status, body) => {
          const answer = JSON.parse(body) as Envelope
          if (!answer.ok) {
            envelopeErrors += 1
            firstError ??= answer.error?.code
          }
          onAnswer(answer)
        },
      },
    ],
    setupClient: (client) => {
      client.setHeaders({ 'content-type': 'application/json', 'x-dev-user': identityOf(clients++) })
    },
  })
  const phase: Phase = {
    name,
    requests: result.requests.total,
    seconds: result.duration,
    perSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    envelopeErrors,
    firstError,
  }
  log(
    `  ${name}: ${phase.requests.toLocaleString('en')} in ${phase.seconds.toFixed(1)} s, ${phase.perSecond.toFixed(0)}/s, p50 ${phase.p50} ms, p99 ${phase.p99} ms, errors ${phase.errors}, non-2xx ${phase.non2xx}, ok:false ${envelopeErrors}${firstError ? ` (first: ${firstError})` : ''}`,
  )
  return phase
}

/**
 * The ceiling: the same case documents inserted one a transaction (as each submit commits on its own) into a
 * throw-away table of the emulator's shape, on a file with the emulator's pragmas.
 */
function rawInsertRate(docs: { _id: string; doc: string }[]): { perSecond: number; seconds: number } {
  const file = path.join(dataDir, 'raw.sqlite')
  fs.rmSync(file, { force: true })
  const sqlite = new Database(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.exec('CREATE TABLE coll_case (_id PRIMARY KEY NOT NULL, doc TEXT NOT NULL)')
  const insert = sqlite.prepare('INSERT INTO coll_case (_id, doc) VALUES (?, ?)')
  const started = performance.now()
  for (const row of docs) insert.run(row._id, JSON.stringify(JSON.parse(row.doc)))
  const elapsed = (performance.now() - started) / 1000
  sqlite.close()
  return { perSecond: docs.length / elapsed, seconds: elapsed }
}

async function main() {
  log(`BlueGrid HTTP benchmark: ${connections} clients, ${seconds} s a phase`)
  fs.rmSync(dataDir, { recursive: true, force: true })
  fs.mkdirSync(dataDir, { recursive: true })
  log('  bundling the emulator…')
  buildEmulator()
  const { port, seconds: startSeconds } = await startEmulator(dataDir, {
    BLUEGRID_SETTINGS: JSON.stringify(liftedLimits),
  })
  log(`  emulator listening on 127.0.0.1:${port} after ${startSeconds.toFixed(1)} s`)

  // Untimed: every reporter signs in once (registered as on their first call), uploads and registers a photo.
  const reporters = Array.from({ length: connections }, (_, n) => `dev-bench${n}`)
  const photoOf = new Map<string, string>()
  for (const [n, openid] of reporters.entries()) {
    await callApi(port, openid, 'me.get', {})
    const png = demoPhotoPng(32, 24, [120 + (n % 100), 160, 200])
    const stored = await post<{ fileID: string }>(port, openid, '/storage/upload', png, 'image/png')
    const registered = await callApi(port, openid, 'photo.register', { fileID: stored.fileID })
    if (!registered.ok) throw new Error(`photo.register as ${openid}: ${JSON.stringify(registered)}`)
    photoOf.set(openid, stored.fileID)
  }

  let requestCounter = 0
  const caseIds: string[] = []
  const submits = await runPhase(
    'case.submit',
    port,
    { duration: seconds },
    (client) => reporters[client % reporters.length]!,
    (openid) => ({
      action: 'case.submit',
      payload: {
        requestId: `bench-http-${String((requestCounter += 1)).padStart(8, '0')}`,
        categoryId: 'open-burning',
        checkId: 'burning-garbage',
        description: '有人在空地焚烧垃圾',
        photos: [photoOf.get(openid)],
        location: demoPoints.yingyueRoadGrid1,
      },
    }),
    (answer) => {
      if (answer.ok && answer.data?.case) caseIds.push(answer.data.case.id)
    },
  )

  // Untimed: which staff may claim these cases (one claim each), so that the timed claims are all allowed.
  const staff: string[] = []
  for (const openid of staffCandidates) {
    const caseId = caseIds.pop()
    const answer = caseId ? await callApi(port, openid, 'case.claim', { caseId }) : undefined
    if (answer?.ok) staff.push(openid)
    else log(`  ${openid} may not claim: ${answer?.error?.code ?? 'no case left'}`)
  }
  if (staff.length === 0) throw new Error('no demo staff account could claim a submitted case')
  log(`  claiming as ${staff.join(', ')}`)
  const queue = [...caseIds]
  const claims = await runPhase(
    'case.claim',
    port,
    { amount: Math.max(1, queue.length - connections) },
    (client) => staff[client % staff.length]!,
    () => ({ action: 'case.claim', payload: { caseId: queue.shift() } }),
  )

  const filters = ['all', 'unclaimed', 'mine']
  let readCounter = 0
  const reads = await runPhase(
    'board.list',
    port,
    { duration: seconds },
    (client) => staff[client % staff.length]!,
    () => ({ action: 'board.list', payload: { filter: filters[(readCounter += 1) % filters.length] } }),
  )
  stopEmulator()

  // The ceiling: the cases as the emulator stored them (claimed by now, so a little larger than submitted),
  // inserted again into a throw-away table.
  const store = new Database(path.join(dataDir, 'bluegrid.sqlite'), { readonly: true })
  const docs = store
    .prepare('SELECT _id, doc FROM coll_case ORDER BY rowid LIMIT ?')
    .all(submits.requests) as { _id: string; doc: string }[]
  store.close()
  const bytes = docs.reduce((sum, row) => sum + row.doc.length, 0) / Math.max(1, docs.length)
  const raw = rawInsertRate(docs)
  log(`  raw SQLite: ${docs.length.toLocaleString('en')} inserts in ${raw.seconds.toFixed(2)} s`)
  if (!keep) fs.rmSync(dataDir, { recursive: true, force: true })

  const cpus = os.cpus()
  const row = (phase: Phase) =>
    `| ${phase.name} | ${phase.requests.toLocaleString('en')} | ${phase.seconds.toFixed(1)} s | ${phase.perSecond.toFixed(0)} | ${phase.p50} ms | ${phase.p99} ms | ${phase.errors} | ${phase.non2xx} | ${phase.envelopeErrors}${phase.firstError ? ` (${phase.firstError})` : ''} |`
  console.log(
    [
      '',
      `Command: \`${benchCommand}\` (node ${process.version}, ${process.platform}/${process.arch}, ${cpus.length} CPUs ${cpus[0]?.model.trim() ?? ''}; ${new Date().toISOString().slice(0, 10)})`,
      `${connections} autocannon connections in the bench process, one identity each (reporters dev-bench0…; claims and reads round-robin over ${staff.join(', ')}); the emulator in its own process, timers off, submit limits lifted by BLUEGRID_SETTINGS.`,
      '',
      '| phase | requests | time | requests/s | p50 | p99 | errors | non-2xx | "ok":false |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
      row(submits),
      row(claims),
      row(reads),
      '',
      `Raw SQLite ceiling: the same ${docs.length.toLocaleString('en')} case documents (${Math.round(bytes).toLocaleString('en')} bytes of JSON on average) inserted one a transaction into a throw-away table (WAL, synchronous NORMAL): ${raw.perSecond.toFixed(0)}/s. Submits over HTTP / raw inserts: ${((submits.perSecond / raw.perSecond) * 100).toFixed(1)}% (1 : ${(raw.perSecond / submits.perSecond).toFixed(0)}).`,
      `Aim: ≥ 3,000 submits/s with p99 ≤ 30 ms and no errors: ${submits.perSecond >= 3000 && submits.p99 <= 30 && submits.errors + submits.non2xx + submits.envelopeErrors === 0 ? 'met' : 'not met'}.`,
    ].join('\n'),
  )
}

main().catch((error) => {
  console.error(error)
  stopEmulator()
  process.exit(1)
})
