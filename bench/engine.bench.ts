/**
 * Engine benchmark: the read paths of the case boards at district scale, over HTTP against a real emulator
 * process (as `npm start` runs it), next to the same filters run directly as SQL on its SQLite file.
 *
 *   npm run bench -- --only engine                      # 100,000 cases
 *   npm run bench -- --only engine --cases 1000000      # a million
 *   options: --runs 200 (timed calls per row at most), --row-seconds 3 (time per row, at least 3 calls),
 *            --seed 1, --keep (keep the data folder), --timeout-minutes 30 (the whole run stops by then),
 *            --reuse (time the store an earlier run left with --keep, without seeding it again),
 *            --seed-only (seed and keep the store, time nothing), --data-dir DIR (where the store lives)
 *
 * The store is seeded by the same generator as `npm run seed:load` into a throw-away folder. The emulator is
 * started with its timers off (the jobs' sweeps would change the cases while they are timed) on a free port
 * of 127.0.0.1, and only talked to there.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { findCategory } from '../src/domain/case/categories'
import { openStatuses } from '../src/domain/case/status'
import { GridTree } from '../src/domain/grid/tree'
import { shippedSettings } from '../src/domain/settings'
import { periodBounds, periodKeyOf } from '../src/domain/shared/time'
import { demoGridNodes, demoPoints } from '../emulator/demo/grids'
import { removeDatabase, writeDistrict } from '../emulator/load/write'
import { benchCommand, numberArgument } from './args'
import { formatMs, nearestRank } from './figures'
import {
  buildEmulator,
  callApi,
  memoryOf,
  startEmulator,
  stopEmulator,
  type Answer,
} from './emulator-process'
import { trailKeyOf } from '../emulator/trail-key'

/**
 * The searches' per-caller caps lifted: a row times one caller's nearby search a few hundred times, which
 * the shipped caps (60 an hour) would refuse after the first sixty.
 */
const liftedLimits = {
  policy: {
    ...shippedSettings.policy,
    nearby: { ...shippedSettings.policy.nearby, limitPerHour: 1_000_000_000, limitPerDay: 1_000_000_000 },
  },
}

const cases = numberArgument('cases', 100_000)
const runs = numberArgument('runs', 200)
const rowSeconds = numberArgument('row-seconds', 3)
const seed = numberArgument('seed', 1)
const timeoutMinutes = numberArgument('timeout-minutes', 30)
const reuse = process.argv.includes('--reuse')
// Seeding a million cases takes about an hour; --seed-only keeps the store for a later --reuse run on a quiet machine.
const seedOnly = process.argv.includes('--seed-only')
const keep = reuse || seedOnly || process.argv.includes('--keep')
// bench/run.js runs every benchmark from the repository root.
const root = path.resolve()
const dataDirArgument = process.argv.indexOf('--data-dir')
const dataDir =
  dataDirArgument > 0 && process.argv[dataDirArgument + 1]
    ? path.resolve(process.argv[dataDirArgument + 1]!)
    : path.join(root, '.build', 'bench', 'engine')
const file = path.join(dataDir, 'bluegrid.sqlite')
// What a --keep run seeded, so that --reuse can report it without seeding again.
const seededFile = path.join(dataDir, 'seeded.json')
const log = (line: string) => process.stderr.write(line + '\n')
const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`

const watchdog = setTimeout(() => {
  log(`The benchmark ran past --timeout-minutes ${timeoutMinutes}: stopping.`)
  stopEmulator()
  process.exit(2)
}, timeoutMinutes * 60_000)
watchdog.unref()

// ---- the same filters as SQL on the file ---------------------------------------------------------

const tree = new GridTree(demoGridNodes)
const json = (field: string) => `json_extract(doc, '$.${field}')`
const openList = openStatuses.map((status) => `'${status}'`).join(', ')
const inGrid = `EXISTS (SELECT 1 FROM json_each(doc, '$.gridPath') WHERE value = @grid)`
const boardWhere: Record<string, string> = {
  all: inGrid,
  unclaimed: `${inGrid} AND ${json('status')} = 'pending'`,
  mine: `${inGrid} AND ${json('claim.userId')} = @me`,
  overdue: `${inGrid} AND ${json('status')} IN (${openList}) AND ${json('deadlineAt')} < @now`,
  escalated: `${inGrid} AND ${json('gridId')} = @grid AND ${json('originGridId')} <> @grid`,
}
const mineWhere = `(${json('reporterId')} = @me OR EXISTS (SELECT 1 FROM json_each(doc, '$.followers') WHERE value = @me))`
const nearbyWhere = `${json('categoryId')} = @category AND ${json('status')} IN (${openList}) AND ${json('location.lng')} BETWEEN @minLng AND @maxLng AND ${json('location.lat')} BETWEEN @minLat AND @maxLat`

interface RawQuery {
  sql: string[]
  params: Record<string, unknown>
}

const pageSql = (where: string, limit: number, skip: number) =>
  `SELECT doc FROM "coll_case" WHERE ${where} ORDER BY ${json('createdAt')} DESC LIMIT ${limit} OFFSET ${skip}`
const countSql = (where: string) => `SELECT count(*) AS n FROM "coll_case" WHERE ${where}`

/**
 * Runs a query's statements (rows parsed from JSON, as a reader would): the time, and its answer (the
 * counts, or the number of rows when it only reads a page) to set beside the api's.
 */
function runRaw(sqlite: Database.Database, query: RawQuery): { ms: number; answer: string } {
  const started = performance.now()
  const counts: number[] = []
  let rowCount = 0
  for (const sql of query.sql) {
    const rows = sqlite.prepare(sql).all(query.params) as { doc?: string; n?: number }[]
    for (const row of rows) {
      if (row.doc) JSON.parse(row.doc)
      if (row.n !== undefined) counts.push(row.n)
    }
    rowCount = rows.length
  }
  const ms = performance.now() - started
  return { ms, answer: counts.length > 0 ? counts.join('/') : String(rowCount) }
}

/** The api's answer in the same terms: the total, the cards and overdue count, or the items listed. */
function answerOf(answer: Answer): string {
  if (!answer.ok) return `error: ${answer.error}`
  const data = answer.data ?? {}
  // A list answers its page and whether more follow; the raw side reads the page and one row more.
  if (Array.isArray(data.items) && typeof data.hasMore === 'boolean')
    return String(data.items.length + (data.hasMore ? 1 : 0))
  if (typeof data.yellow === 'number') return `${data.yellow}/${data.red}/${data.openOverdue}`
  return String((data.items as unknown[] | undefined)?.length ?? '')
}

// ---- the rows ------------------------------------------------------------------------------------

interface Row {
  call: string
  caller: string
  detail: string
  openid: string
  action: string
  payload: Record<string, unknown>
  raw: RawQuery
}

const metresPerDegreeLat = 111_320
function nearbyBox(categoryId: string, point: { lng: number; lat: number }) {
  const radius = findCategory(categoryId, shippedSettings.categories)!.dedupeRadiusMeters
  const dLat = radius / metresPerDegreeLat
  const dLng = radius / (metresPerDegreeLat * Math.cos((point.lat * Math.PI) / 180))
  return {
    category: categoryId,
    minLng: point.lng - dLng,
    maxLng: point.lng + dLng,
    minLat: point.lat - dLat,
    maxLat: point.lat + dLat,
  }
}

function rowsFor(now: string): Row[] {
  const monthStart = periodBounds(periodKeyOf('month', now)).start.toISOString()
  const staff = [
    { caller: 'grid member (block)', openid: 'demo-grid-member', grid: 'grid-410104010001001' },
    { caller: 'community leader (level 2)', openid: 'demo-grid-leader-2', grid: 'grid-410104010001' },
    { caller: 'street leader (level 1)', openid: 'demo-grid-leader-1', grid: 'grid-410104010' },
    { caller: 'district office', openid: 'demo-air-office', grid: 'grid-410104' },
  ]
  const rows: Row[] = []
  for (const person of staff) {
    for (const filter of Object.keys(boardWhere)) {
      for (const page of [1, 100]) {
        const skip = (page - 1) * 20
        rows.push({
          call: 'board.list',
          caller: person.caller,
          detail: `${filter}, page ${page}`,
          openid: person.openid,
          action: 'board.list',
          payload: { filter, page },
          raw: {
            sql: [pageSql(boardWhere[filter]!, 21, skip)],
            params: { grid: person.grid, me: person.openid, now },
          },
        })
      }
    }
  }
  for (const [caller, openid] of [
    ['demo resident', 'demo-resident'],
    ['demo volunteer', 'demo-volunteer'],
  ] as const) {
    rows.push({
      call: 'case.mine',
      caller,
      detail: 'page 1',
      openid,
      action: 'case.mine',
      payload: {},
      raw: { sql: [pageSql(mineWhere, 21, 0)], params: { me: openid } },
    })
  }
  for (const [place, point, categoryId] of [
    ['映月路社区第1网格', demoPoints.yingyueRoadGrid1, 'road-dust'],
    // A larger radius (300 m) where the seeded cases are dense, beside a place with few.
    ['航海东路街道 (road corridor)', demoPoints.streetOnly, 'construction-site'],
    ['梧桐办事处', demoPoints.wutongKexueAvenue, 'construction-site'],
  ] as const) {
    rows.push({
      call: 'case.nearby',
      caller: 'demo resident',
      detail: `${categoryId} at ${place}`,
      openid: 'demo-resident',
      action: 'case.nearby',
      payload: { categoryId, location: point },
      raw: { sql: [pageSql(nearbyWhere, 50, 0)], params: nearbyBox(categoryId, point) },
    })
  }
  for (const person of staff) {
    const subtree = tree
      .all()
      .filter((node) => tree.covers(person.grid, node._id))
      .map((node) => `'${node._id}'`)
      .join(', ')
    // Cards count from the start of the Beijing month (grid.cards' period).
    const cards = (type: string) =>
      `SELECT count(*) AS n FROM "coll_case_event" WHERE ${json('type')} = '${type}' AND ${json('gridId')} IN (${subtree}) AND ${json('at')} >= '${monthStart}'`
    rows.push({
      call: 'grid.cards',
      caller: person.caller,
      detail: 'own grid',
      openid: person.openid,
      action: 'grid.cards',
      payload: {},
      raw: {
        sql: [cards('yellow-card'), cards('red-card'), countSql(boardWhere.overdue!)],
        params: { grid: person.grid, now },
      },
    })
  }
  return rows
}

const quantile = nearestRank
const fmt = formatMs
/** api median over raw median, with enough digits to stay readable when the api is far faster than a scan. */
const ratioOf = (api: number, raw: number) =>
  `${api / raw >= 1 ? (api / raw).toFixed(1) : (api / raw).toPrecision(2)}×`

interface Seeded {
  summary: ReturnType<typeof writeDistrict>['summary']
  seedSeconds: number
}

function seedStore(): Seeded {
  fs.mkdirSync(dataDir, { recursive: true })
  removeDatabase(file)
  fs.rmSync(seededFile, { force: true })
  const present = new Date(Math.floor(Date.now() / 60_000) * 60_000)
  const { summary, seconds: seedSeconds } = writeDistrict(
    file,
    { cases, seed, present, trailKey: trailKeyOf(dataDir) },
    log,
  )
  log(
    `  seeded ${summary.events.toLocaleString('en')} events in ${seedSeconds.toFixed(0)} s; bundling the emulator…`,
  )
  const seeded = { summary, seedSeconds }
  fs.writeFileSync(seededFile, JSON.stringify(seeded))
  return seeded
}

function keptStore(): Seeded {
  if (!fs.existsSync(seededFile))
    throw new Error(`--reuse needs the store of an earlier run with --keep in ${dataDir}`)
  return JSON.parse(fs.readFileSync(seededFile, 'utf8')) as Seeded
}

async function main() {
  log(`BlueGrid engine benchmark: ${reuse ? 'the kept store' : `${cases.toLocaleString('en')} cases`}`)
  const { summary, seedSeconds } = reuse ? keptStore() : seedStore()
  if (seedOnly) {
    log(`  kept in ${dataDir}: time it with --reuse${dataDirArgument > 0 ? ` --data-dir ${dataDir}` : ''}`)
    return
  }
  buildEmulator()

  const started = await startEmulator(dataDir, { BLUEGRID_SETTINGS: JSON.stringify(liftedLimits) })
  const memoryAtStart = memoryOf(started.pid)
  log(`  emulator listening on 127.0.0.1:${started.port} after ${started.seconds.toFixed(1)} s`)
  const sqlite = new Database(file, { readonly: true })
  const results: string[] = []
  let sawHeader = false
  const now = new Date().toISOString()
  for (const row of rowsFor(now)) {
    // One untimed call first: the grid tree and prepared statements are cached per process.
    const first = await callApi(started.port, row.openid, row.action, row.payload)
    const times: number[] = []
    const requests: number[] = []
    const rowStarted = performance.now()
    while (times.length < runs && (times.length < 3 || performance.now() - rowStarted < rowSeconds * 1000)) {
      const answer = await callApi(started.port, row.openid, row.action, row.payload)
      times.push(answer.ms)
      if (answer.dbRequests !== null) requests.push(answer.dbRequests)
    }
    sawHeader ||= requests.length > 0
    // The raw side scans the whole store, seconds a query at a million cases: as many runs as fit in the
    // row's time, at least one, at most as many as the api's.
    const raw = [runRaw(sqlite, row.raw)]
    const rawStarted = performance.now()
    while (raw.length < times.length && performance.now() - rawStarted < rowSeconds * 1000)
      raw.push(runRaw(sqlite, row.raw))
    const median = quantile(times, 0.5)
    const rawMedian = quantile(
      raw.map((run) => run.ms),
      0.5,
    )
    const line = `| ${row.call} | ${row.caller} | ${row.detail} | ${answerOf(first)} | ${raw[0]!.answer} | ${times.length} | ${fmt(median)} | ${fmt(quantile(times, 0.99))} | ${requests.length > 0 ? quantile(requests, 0.5) : '–'} | ${fmt(rawMedian)} | ${ratioOf(median, rawMedian)} |`
    results.push(line)
    log(`  ${row.call} ${row.caller} ${row.detail}: ${fmt(median)} (raw SQL ${fmt(rawMedian)})`)
  }
  const memoryAtEnd = memoryOf(started.pid)
  sqlite.close()
  stopEmulator()
  if (!keep) fs.rmSync(dataDir, { recursive: true, force: true })

  const cpus = os.cpus()
  const memory = (value: { rss: number; peak: number } | null, label: string) =>
    value ? `${label} ${mib(value.rss)}` : `${label} –`
  console.log(
    [
      '',
      `Command: \`${benchCommand}\` (node ${process.version}, ${process.platform}/${process.arch}, ${cpus.length} CPUs ${cpus[0]?.model.trim() ?? ''}, ${mib(os.totalmem())} RAM; ${new Date().toISOString().slice(0, 10)})`,
      `Seeded ${summary.cases.toLocaleString('en')} cases with ${summary.events.toLocaleString('en')} events (${Object.entries(
        summary.byStatus,
      )
        .map(([status, count]) => `${status} ${count.toLocaleString('en')}`)
        .join(
          ', ',
        )}) in ${seedSeconds.toFixed(0)} s${reuse ? ' (an earlier run, kept)' : ''}; the emulator answered after ${started.seconds.toFixed(1)} s.`,
      `Emulator process memory: ${memory(memoryAtStart, 'after start')}, ${memory(memoryAtEnd, 'after the calls')}${memoryAtEnd ? ` (peak ${mib(memoryAtEnd.peak)})` : ''}.`,
      `Each row: one untimed call, then up to ${runs} timed calls (at least 3, about ${rowSeconds} s a row) over HTTP to /fn/api, a fresh connection each (the nearby searches' per-caller caps lifted by BLUEGRID_SETTINGS); p99 is the nearest-rank 99th percentile, so with fewer than 100 calls it is the slowest. "db requests" is the server's x-db-requests header per call${sawHeader ? '' : ' (this emulator does not send it: –)'}. "raw SQL" runs the same filter, page and count directly on the SQLite file (json_each for array membership, json_extract for fields, parsing the returned rows), as many times as fit in the row's time (at least once, at most as often as the api); ratio = api median / raw median. Answers: the rows read (board, my cases: a page of 20 and one more, which says whether another page follows; lists are not counted), yellow/red this Beijing month and open overdue (cards), items listed (nearby: the api keeps those within the radius of the raw box).`,
      '',
      '| call | caller | filter / input | api answer | raw answer | calls | median | p99 | db requests | raw SQL (median) | ratio |',
      '|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...results,
    ].join('\n'),
  )
}

main().catch((error) => {
  console.error(error)
  stopEmulator()
  process.exit(1)
})
