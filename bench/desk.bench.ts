/**
 * Desk benchmark: the district's indicators at district scale. A store is seeded with the same generator as
 * `npm run seed:load`, the stats job projects every seeded event (as the timer would, tick after tick, in
 * this process on the same SQLite file), then a real emulator process answers `stats.overview` and
 * `stats.cases` over HTTP for each level of the tree and each kind of period.
 *
 *   npm run bench -- --only desk                       # 100,000 cases
 *   npm run bench -- --only desk --cases 20000 --runs 30 --seed 1 --keep
 *   npm run bench -- --only desk --reuse     # the store a --keep run left, seeded and projected: calls only
 *
 * Target: `stats.overview` for a street for a month ≤ 50 ms (p99) and ≤ 3 database requests. The overview
 * reads the projection's documents, so its cost follows the tree, not the number of cases; the job's cost
 * follows the events, and is reported with it.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { databaseDeclaration, jobs } from '../cloudfunctions/shared/app'
import { bootstrapDatabase } from '../cloudfunctions/shared/db/bootstrap'
import { runJobs } from '../cloudfunctions/shared/jobs/runner'
import { statsJob } from '../cloudfunctions/shared/reports/stats-job'
import type { Runtime } from '../cloudfunctions/shared/runtime/runtime'
import { loadSettings } from '../cloudfunctions/shared/runtime/settings'
import { countRequests, createEmulatorDb } from '../emulator/database'
import { removeDatabase, writeDistrict } from '../emulator/load/write'
import { LocalStorage } from '../emulator/storage'
import { trailKeyOf } from '../emulator/trail-key'
import { FakeWeChat } from '../emulator/wechat'
import { periodKeyOf } from '../src/domain/shared/time'
import { benchCommand, numberArgument } from './args'
import { buildEmulator, callApi, startEmulator, stopEmulator } from './emulator-process'
import { formatMs, nearestRank } from './figures'

const cases = numberArgument('cases', 100_000)
const runs = numberArgument('runs', 30)
const seed = numberArgument('seed', 1)
const reuse = process.argv.includes('--reuse')
const keep = reuse || process.argv.includes('--keep')
const targetMs = 50
const targetRequests = 3
// bench/run.js runs every benchmark from the repository root.
const dataDir = path.join(path.resolve(), '.build', 'bench', 'desk')
const file = path.join(dataDir, 'bluegrid.sqlite')
// What the seeding and the projection made and took, kept beside the store for a later --reuse run.
const preparedFile = path.join(dataDir, 'prepared.json')
const log = (line: string) => process.stderr.write(line + '\n')

/** Runs the stats job on the seeded file until it has nothing left, as the timer's ticks would. */
async function projectEvents(): Promise<{ ticks: number; requests: number; seconds: number }> {
  const { db, engine, close } = createEmulatorDb({ file })
  try {
    await bootstrapDatabase(engine, databaseDeclaration)
    const now = () => new Date()
    const runtime: Runtime = {
      db,
      callerOpenid: () => null,
      now,
      files: new LocalStorage(dataDir, 'bench', 10 * 1024 * 1024).forFunctions(now),
      settings: loadSettings(process.env),
      trailKey: trailKeyOf(dataDir),
      wechat: new FakeWeChat(),
    }
    const stats = jobs.filter((job) => job.name === statsJob)
    const started = performance.now()
    let ticks = 0
    let requests = 0
    for (;;) {
      ticks += 1
      const { value: run, counts } = await countRequests(() => runJobs(runtime, stats))
      requests += counts.requests
      if (run.failed.length > 0) throw new Error(`the stats job failed: ${JSON.stringify(run.reports)}`)
      log(`  stats job tick ${ticks}: ${counts.requests} requests`)
      if (run.leftOver.length === 0) break
    }
    return { ticks, requests, seconds: (performance.now() - started) / 1000 }
  } finally {
    close()
  }
}

interface Row {
  action: 'stats.overview' | 'stats.cases'
  caller: string
  openid: string
  detail: string
  payload: Record<string, unknown>
  /** Whether the row is the target's (a street, a month). */
  target: boolean
}

function rowsFor(present: Date): Row[] {
  const lastMonth = periodKeyOf('month', new Date(present.getTime() - 31 * 24 * 3600_000))
  const month = periodKeyOf('month', present)
  const week = periodKeyOf('week', present)
  const year = periodKeyOf('year', present)
  const office = { caller: 'district office', openid: 'demo-air-office' }
  const street = { caller: 'street leader (level 1)', openid: 'demo-grid-leader-1' }
  const community = { caller: 'community leader (level 2)', openid: 'demo-grid-leader-2' }
  const overview = (
    who: { caller: string; openid: string },
    detail: string,
    payload: Record<string, unknown>,
    target = false,
  ): Row => ({ action: 'stats.overview', ...who, detail, payload, target })
  return [
    overview(office, `district, ${lastMonth}`, { period: lastMonth }),
    overview(office, `district, ${year}`, { period: year }),
    overview(office, `street, ${lastMonth}`, { gridId: 'grid-410104010', period: lastMonth }, true),
    overview(office, `street, ${month} (running)`, { gridId: 'grid-410104010', period: month }, true),
    overview(street, `own street, ${lastMonth}`, { period: lastMonth }, true),
    overview(community, `own community, ${week}`, { period: week }),
    {
      action: 'stats.cases',
      ...office,
      detail: `street, ${lastMonth}, closed, page 1`,
      payload: { gridId: 'grid-410104010', period: lastMonth, indicator: 'closed' },
      target: false,
    },
  ]
}

interface Prepared {
  present: string
  cases: number
  events: number
  seedSeconds: number
  projection: { ticks: number; requests: number; seconds: number }
}

/** Seeds the store and projects its events, and notes what that made and took. */
async function prepare(): Promise<Prepared> {
  fs.mkdirSync(dataDir, { recursive: true })
  removeDatabase(file)
  const present = new Date(Math.floor(Date.now() / 60_000) * 60_000)
  const { summary, seconds: seedSeconds } = writeDistrict(
    file,
    { cases, seed, present, trailKey: trailKeyOf(dataDir) },
    log,
  )
  log(`  seeded ${summary.events.toLocaleString('en')} events in ${seedSeconds.toFixed(0)} s; projecting…`)
  const projection = await projectEvents()
  log(`  projected in ${projection.seconds.toFixed(0)} s`)
  const prepared = {
    present: present.toISOString(),
    cases: summary.cases,
    events: summary.events,
    seedSeconds,
    projection,
  }
  fs.writeFileSync(preparedFile, JSON.stringify(prepared))
  return prepared
}

function reusePrepared(): Prepared {
  if (!fs.existsSync(preparedFile))
    throw new Error(`--reuse needs the store of an earlier run with --keep in ${dataDir}`)
  return JSON.parse(fs.readFileSync(preparedFile, 'utf8')) as Prepared
}

async function main() {
  log(`BlueGrid desk benchmark: ${reuse ? 'the kept store' : `${cases.toLocaleString('en')} cases`}`)
  const prepared = reuse ? reusePrepared() : await prepare()
  const present = new Date(prepared.present)
  buildEmulator()
  const started = await startEmulator(dataDir)
  const lines: string[] = []
  const misses: string[] = []
  for (const row of rowsFor(present)) {
    const first = await callApi(started.port, row.openid, row.action, row.payload)
    if (!first.ok) throw new Error(`${row.action} ${row.detail} failed: ${first.error}`)
    const times: number[] = []
    const requests: number[] = []
    for (let run = 0; run < runs; run += 1) {
      const answer = await callApi(started.port, row.openid, row.action, row.payload)
      times.push(answer.ms)
      if (answer.dbRequests !== null) requests.push(answer.dbRequests)
    }
    const p99 = nearestRank(times, 0.99)
    const dbRequests = Math.max(...requests)
    const data = first.data ?? {}
    const answer =
      row.action === 'stats.overview'
        ? `received ${String(data.received)}, closed ${String(data.closed)}`
        : `${(data.items as unknown[]).length} listed`
    const verdict = row.target ? (p99 <= targetMs && dbRequests <= targetRequests ? 'ok' : 'OVER') : ''
    if (verdict === 'OVER') misses.push(`${row.action} ${row.detail}`)
    lines.push(
      `| ${row.action} | ${row.caller} | ${row.detail} | ${answer} | ${runs} | ${formatMs(nearestRank(times, 0.5))} | ${formatMs(p99)} | ${dbRequests} | ${verdict} |`,
    )
    log(`  ${row.action} ${row.caller} ${row.detail}: p99 ${formatMs(p99)}, ${dbRequests} requests`)
  }
  stopEmulator()
  if (!keep) fs.rmSync(dataDir, { recursive: true, force: true })
  const cpus = os.cpus()
  console.log(
    [
      '',
      `Command: \`${benchCommand}\` (node ${process.version}, ${process.platform}/${process.arch}, ${cpus.length} CPUs ${cpus[0]?.model.trim() ?? ''}; ${new Date().toISOString().slice(0, 10)})`,
      `Seeded ${prepared.cases.toLocaleString('en')} cases with ${prepared.events.toLocaleString('en')} events in ${prepared.seedSeconds.toFixed(0)} s at ${prepared.present}. The stats job projected them in ${prepared.projection.ticks} ticks, ${prepared.projection.requests.toLocaleString('en')} database requests (${(prepared.projection.requests / prepared.events).toFixed(3)} per event), ${prepared.projection.seconds.toFixed(0)} s in process${reuse ? ' (an earlier run; this one reused its store)' : ''}.`,
      `Each row: one untimed call, then ${runs} timed calls over HTTP to /fn/api; p99 is the nearest-rank 99th percentile; "db requests" is the largest x-db-requests header seen. Target rows (a street, a month): p99 ≤ ${targetMs} ms and ≤ ${targetRequests} requests.`,
      '',
      '| action | caller | node, period | answer | calls | median | p99 | db requests | target |',
      '|---|---|---|---|---:|---:|---:|---:|---|',
      ...lines,
    ].join('\n'),
  )
  if (misses.length > 0) {
    console.log(`\nOver target: ${misses.join('; ')}`)
    process.exitCode = 1
  }
}

main().catch((error) => {
  console.error(error)
  stopEmulator()
  process.exit(1)
})
