/**
 * Rewards benchmark: seeds the emulator database with N ledger entries for M people (default 1,000,000 for
 * 100,000), posts them on each person's account and builds their tallies with the product's own pure
 * functions, then times the month, quarter and year tally (top 50 + one person's position) through the real
 * api handler and `Db` API, counting the database requests of each call.
 *
 *   npm run bench                                   # 1,000,000 entries, 100,000 people, 5 timed runs each
 *   npm run bench -- --entries 100000 --people 10000 --runs 3 --keep
 *
 * Seeding writes straight into the engine's SQLite file (batched transactions; the documents are encoded by
 * the engine's own codec), because a million SDK round trips would take longer than the question asked.
 */
import fs from 'node:fs'
import { FakeWeChat } from '../emulator/wechat'
import path from 'node:path'
import { handleApiEvent } from '../cloudfunctions/shared/app'
import { collections, declaredIndexes } from '../cloudfunctions/shared/app'
import type { TallyRecord } from '../cloudfunctions/shared/rewards/store'
import type { Runtime } from '../cloudfunctions/shared/runtime/runtime'
import { shippedSettings } from '../src/domain/settings'
import { countRequests, createEmulatorDb } from '../emulator/database'
import { encodeStored } from '../emulator/database/codec'
import { demoGridNodes } from '../emulator/demo/grids'
import type { ActionOutput } from '../src/domain/contract'
import { GridTree } from '../src/domain/grid/tree'
import { emptyAccount, postDraft } from '../src/domain/rewards/account'
import {
  compareRank,
  periodKeysOf,
  periodKindOf,
  periodKinds,
  rulesAt,
  tallyIdOf,
  type PeriodKind,
  type PointsDraft,
  type PointsEntry,
  type PointsReason,
  type RankList,
} from '../src/domain/rewards/points'
import type { Role } from '../src/domain/people/roles'
import { testStorage } from '../test/factories/photos'
import { benchCommand, numberArgument } from './args'

/** Nothing here seals a trail, but a runtime carries its key. */
const benchTrailKey = 'bench-trail-key-0123456789abcdef0123456789abcdef'

const defaultPointsRules = shippedSettings.pointsRules

// ---- arguments ----------------------------------------------------------------------------------

const people = numberArgument('people', 100_000)
const totalEntries = numberArgument('entries', 1_000_000)
const runs = numberArgument('runs', 5)
const keep = process.argv.includes('--keep')
const file = path.resolve('.build/bench/rewards.sqlite')
const command = benchCommand

// ---- a seeded random source, so every run seeds the same data -----------------------------------

let seed = 20261123
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`
const log = (line: string) => process.stderr.write(line + '\n')

// ---- seeding ------------------------------------------------------------------------------------

const rules = rulesAt(defaultPointsRules, '2026-06-01T00:00:00+08:00')!
const yearStart = Date.parse('2026-01-01T00:00:00+08:00')
const yearEnd = Date.parse('2027-01-01T00:00:00+08:00')

/** The periods the benchmark ranks; the seeding keeps their public standings to check the answers. */
const benchPeriods: Record<PeriodKind, string> = { month: '2026-11', quarter: '2026-Q4', year: '2026' }

interface Standing {
  openid: string
  list: RankList
  districtId: string
  points: number
  acceptedReports: number
  firstAt: string
}

/** How many entries each person has: exponential with a long tail (a few very active people), summing exactly. */
function entryCounts(): Uint32Array {
  const counts = new Uint32Array(people)
  const mean = totalEntries / people
  let sum = 0
  for (let i = 0; i < people; i += 1) {
    const active = random() < 0.02 ? 6 : 1
    counts[i] = Math.max(1, Math.round(-Math.log(1 - random()) * (mean - 1) * active * 0.9 + 1))
    sum += counts[i]!
  }
  while (sum !== totalEntries) {
    const i = Math.floor(random() * people)
    if (sum > totalEntries && counts[i]! > 1) {
      counts[i]! -= 1
      sum -= 1
    } else if (sum < totalEntries) {
      counts[i]! += 1
      sum += 1
    }
  }
  return counts
}

function pickReason(): Exclude<PointsReason, 'reversal'> {
  const r = random()
  if (r < 0.5) return 'report-accepted'
  if (r < 0.75) return 'report-rectified'
  if (r < 0.9) return 'case-joined'
  return 'patrol-check-in'
}

const basePoints: Record<Exclude<PointsReason, 'reversal'>, number> = {
  'report-accepted': rules.points.reportAccepted,
  'report-rectified': rules.points.reportRectified,
  'case-joined': rules.points.caseJoined,
  'patrol-check-in': rules.points.patrolCheckIn,
}

async function seedDatabase(): Promise<{
  standings: Map<string, Standing[]>
  tallies: number
  seconds: number
}> {
  const started = Date.now()
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const { engine, close } = createEmulatorDb({ file, env: 'bluegrid-bench' })
  const sqlite = engine.sqlite
  sqlite.pragma('synchronous = OFF')
  const table = (name: string) => `"coll_${name}"`
  // The documents go straight into the collections' tables; the declared indexes are built last, each in one
  // pass over what is stored (as seed:load does), with the statistics the planner uses.
  for (const name of Object.values(collections))
    sqlite.exec(`CREATE TABLE IF NOT EXISTS ${table(name)} (_id PRIMARY KEY NOT NULL, doc TEXT NOT NULL)`)
  const insert = (name: string) => sqlite.prepare(`INSERT INTO ${table(name)} (_id, doc) VALUES (?, ?)`)
  const insertGrid = insert(collections.gridNode)
  const insertUser = insert(collections.user)
  const insertEntry = insert(collections.pointsEntry)
  const insertTally = insert(collections.pointsTally)
  const put = (statement: ReturnType<typeof insert>, doc: { _id: string }) =>
    statement.run(doc._id, encodeStored(doc))

  sqlite.transaction(() => demoGridNodes.forEach((node) => put(insertGrid, node)))()
  const tree = new GridTree(demoGridNodes)
  const blocks = demoGridNodes.filter((node) => node.level === 'block')
  const otherStreets = demoGridNodes.filter(
    (node) => node.level === 'street' && tree.children(node._id).length === 0,
  )
  const placeOf = (gridId: string) => {
    const lineage = tree.lineage(gridId)
    return {
      districtId: lineage.find((node) => node.level === 'district')?._id ?? '',
      streetId: lineage.find((node) => node.level === 'street')?._id ?? '',
    }
  }

  const counts = entryCounts()
  const standings = new Map<string, Standing[]>(Object.values(benchPeriods).map((period) => [period, []]))
  let tallyCount = 0
  let written = 0
  const batch = 2000

  for (let start = 0; start < people; start += batch) {
    sqlite.transaction(() => {
      for (let i = start; i < Math.min(people, start + batch); i += 1) {
        const openid = `bench-${String(i).padStart(6, '0')}`
        const nickname = `市民${i}`
        const role: Role = i % 20 === 0 ? 'grid_member' : i % 20 === 1 ? 'volunteer' : 'resident'
        const list: RankList = role === 'grid_member' ? 'staff' : 'public'
        const gridId =
          i % 5 === 4 ? otherStreets[i % otherStreets.length]!._id : blocks[i % blocks.length]!._id
        const place = placeOf(gridId)
        const times = Array.from(
          { length: counts[i]! },
          () => yearStart + Math.floor(random() * (yearEnd - yearStart)),
        ).sort((a, b) => a - b)

        // Each entry is posted on the person's account exactly as the ledger posts it: caps, number, standings.
        let account = emptyAccount
        const unreversed: PointsEntry[] = []
        let lastAt = ''
        times.forEach((millis, k) => {
          const at = new Date(millis).toISOString()
          const periods = periodKeysOf(at)
          let draft: PointsDraft
          const reverse =
            unreversed.length > 0 && random() < 0.02
              ? unreversed.splice(Math.floor(random() * unreversed.length), 1)[0]
              : undefined
          if (reverse) {
            const { points: _points, capped: _capped, seq: _seq, ...original } = reverse
            draft = {
              ...original,
              _id: `reversal:${reverse._id}`,
              reason: 'reversal',
              note: '问题不予受理（虚假举报），撤销“举报被受理”积分',
              basePoints: -reverse.points,
              reverses: reverse._id,
              reversedReason: reverse.reason,
              at,
            }
          } else {
            const reason = pickReason()
            const caseId = `case-bench-${i}-${k}`
            draft = {
              _id:
                reason === 'patrol-check-in'
                  ? `patrol-check-in:patrol-bench-${i}-${k}`
                  : `${reason}:${caseId}:${openid}`,
              openid,
              reason,
              note: '基准测试数据',
              basePoints: basePoints[reason],
              caseId: reason === 'patrol-check-in' ? null : caseId,
              patrolId: reason === 'patrol-check-in' ? `patrol-bench-${i}-${k}` : null,
              reverses: null,
              reversedReason: null,
              ruleVersion: rules.version,
              at,
              periods,
              list,
              ...place,
            }
          }
          const posted = postDraft(account, draft, rules)
          account = posted.account
          if (posted.entry.reason === 'report-accepted') unreversed.push(posted.entry)
          put(insertEntry, posted.entry)
          written += 1
          lastAt = at
        })

        // The tallies are the account's standings, as the ledger writes them.
        for (const [period, standing] of Object.entries(account.standings)) {
          const tally: TallyRecord = {
            _id: tallyIdOf(period, openid),
            period,
            kind: periodKindOf(period)!,
            openid,
            nickname,
            ...standing,
            seq: account.seq,
            updatedAt: lastAt,
          }
          put(insertTally, tally)
          tallyCount += 1
          if (list === 'public' && standings.has(period)) {
            standings.get(period)!.push({
              openid,
              list,
              districtId: tally.districtId,
              points: tally.points,
              acceptedReports: tally.acceptedReports,
              firstAt: tally.firstAt,
            })
          }
        }
        put(insertUser, {
          _id: openid,
          openid,
          nickname,
          role,
          gridIds: [gridId],
          points: account.balance,
          pointsSeq: account.seq,
          pointsStandings: account.standings,
          pointsDays: account.days,
        } as { _id: string })
      }
    })()
    if ((start / batch) % 10 === 0)
      log(
        `  seeded ${start + batch} people, ${written} entries (${((Date.now() - started) / 1000).toFixed(0)} s, rss ${mib(process.memoryUsage().rss)})`,
      )
  }

  log('  building the declared indexes…')
  for (const name of new Set(declaredIndexes.map((index) => index.collection)))
    engine.ensureIndexes(
      name,
      declaredIndexes.filter((index) => index.collection === name),
    )
  close()
  return { standings, tallies: tallyCount, seconds: (Date.now() - started) / 1000 }
}

// ---- timing -------------------------------------------------------------------------------------

interface Row {
  tally: string
  period: string
  scope: string
  ranked: number
  cold: number
  warm: number
  worst: number
  myRank: number | null
  requests: number
  rss: number
  heap: number
  check: string
}

async function main() {
  log(
    `BlueGrid rewards benchmark: ${totalEntries.toLocaleString('en')} entries for ${people.toLocaleString('en')} people`,
  )
  const seeded = await seedDatabase()
  log(`  seeded in ${seeded.seconds.toFixed(1)} s: ${seeded.tallies.toLocaleString('en')} tallies`)

  for (const list of seeded.standings.values()) list.sort(compareRank)
  global.gc?.()

  const { db, close } = createEmulatorDb({ file, env: 'bluegrid-bench' })
  // Leaderboards show no photos: the storage is there because every runtime has one.
  const files = testStorage('bluegrid-bench')
  const runtime: Runtime = {
    db,
    callerOpenid: (context) => (context as { openid: string }).openid,
    now: () => new Date('2027-01-05T02:00:00.000Z'),
    files: files.storage.forFunctions(() => new Date('2027-01-05T02:00:00.000Z')),
    settings: shippedSettings,
    trailKey: benchTrailKey,
    wechat: new FakeWeChat(),
  }
  // The district with the most people (管城回族区 in the demo tree).
  const perDistrict = new Map<string, number>()
  for (const standing of seeded.standings.get(benchPeriods.year)!)
    perDistrict.set(standing.districtId, (perDistrict.get(standing.districtId) ?? 0) + 1)
  const district = [...perDistrict.entries()].sort((a, b) => b[1] - a[1])[0]![0]
  const rows: Row[] = []
  for (const scope of ['all', 'district'] as const) {
    for (const kind of periodKinds) {
      const period = benchPeriods[kind]
      // The expected answer, from the seeding's own sort: the list, and one person in its middle.
      const expected = seeded.standings
        .get(period)!
        .filter((standing) => scope === 'all' || standing.districtId === district)
      const person = expected[Math.floor(expected.length / 2)]!
      const payload = {
        kind,
        period,
        list: 'public',
        scope,
        ...(scope === 'district' ? { scopeId: district } : {}),
        limit: 50,
      }
      const timings: number[] = []
      let answer: ActionOutput<'points.leaderboard'> | undefined
      let requests = 0
      for (let run = 0; run <= runs; run += 1) {
        const t0 = process.hrtime.bigint()
        const { value: result, counts } = await countRequests(() =>
          handleApiEvent(runtime, { action: 'points.leaderboard', payload }, { openid: person.openid }),
        )
        timings.push(Number(process.hrtime.bigint() - t0) / 1e6)
        requests = Math.max(requests, run === 0 ? 0 : counts.requests)
        if (!result.ok)
          throw new Error(
            `points.leaderboard failed: ${JSON.stringify(result.error)} for ${JSON.stringify(payload)}`,
          )
        answer = result.data as ActionOutput<'points.leaderboard'>
      }
      const memory = process.memoryUsage()
      const warm = timings.slice(1).sort((a, b) => a - b)
      const shape = (rows: { points: number; acceptedReports: number }[]) =>
        rows.map((row) => `${row.points}/${row.acceptedReports}`).join(',')
      const sameTop = answer !== undefined && shape(answer.items) === shape(expected.slice(0, 50))
      const expectedRank = expected.indexOf(person) + 1
      const check =
        sameTop &&
        answer?.me?.rank === expectedRank &&
        answer.ranked === (expected.length > payload.limit ? null : expected.length)
          ? 'ok'
          : `MISMATCH (rank ${answer?.me?.rank} vs ${expectedRank})`
      rows.push({
        tally: kind,
        period,
        scope: scope === 'all' ? 'everyone' : 'district',
        ranked: expected.length,
        cold: timings[0]!,
        warm: warm[Math.floor(warm.length / 2)]!,
        worst: warm[warm.length - 1]!,
        myRank: answer?.me?.rank ?? null,
        requests,
        rss: memory.rss,
        heap: memory.heapUsed,
        check,
      })
    }
  }
  close()
  files.dispose()
  if (!keep) for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })

  const ms = (value: number) => `${value.toFixed(0)} ms`
  const lines = [
    `Command: \`${command}\` (node ${process.version}, ${process.platform}/${process.arch}, ${(await import('node:os')).cpus().length} CPUs)`,
    `Seeded ${totalEntries.toLocaleString('en')} ledger entries for ${people.toLocaleString('en')} people and ${seeded.tallies.toLocaleString('en')} tallies in ${seeded.seconds.toFixed(0)} s.`,
    `Each row: \`points.leaderboard\` through handleApiEvent → Db API → emulator (SQLite): top 50 of the public list + the position of the person in the middle of that list (far outside the top 50). Cold = first call; warm = median of ${runs} further calls; requests = database requests of a warm call (the caller's user document included). Check: the top 50 (points and accepted reports), the position and the count equal the seeding's own sort of every tally.`,
    '',
    '| tally | period | scope | people ranked | cold | warm (median) | warm (worst) | requests | position found | rss | heap used | check |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows.map(
      (row) =>
        `| ${row.tally} | ${row.period} | ${row.scope} | ${row.ranked.toLocaleString('en')} | ${ms(row.cold)} | ${ms(row.warm)} | ${ms(row.worst)} | ${row.requests} | ${row.myRank?.toLocaleString('en') ?? '–'} | ${mib(row.rss)} | ${mib(row.heap)} | ${row.check} |`,
    ),
  ]
  console.log(lines.join('\n'))
  if (rows.some((row) => row.check.startsWith('MISMATCH'))) process.exit(1)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
