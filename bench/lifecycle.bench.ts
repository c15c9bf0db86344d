/**
 * Lifecycle benchmark: how long each case act takes through the real api handler on the emulator's
 * database (a SQLite file, as `npm start` uses), now that every act writes the case, its event and its
 * notifications in one transaction.
 *
 *   npm run bench -- --only lifecycle                     # 200 cases walked end to end, 20 claim races of 50
 *   npm run bench -- --only lifecycle --cases 50 --races 5
 *
 * Part 1 walks cases one after another (submit → claim → rectify → verify → confirm) and reports each act's
 * median and 95th percentile. Part 2 has 50 grid staff claim one fresh case at the same moment, and reports
 * how long until all 50 have their answer; each race must end with exactly one winner and one claim event.
 */
import fs from 'node:fs'
import { FakeWeChat } from '../emulator/wechat'
import path from 'node:path'
import { handleApiEvent } from '../cloudfunctions/shared/app'
import { collections, databaseDeclaration } from '../cloudfunctions/shared/app'
import { bootstrapDatabase } from '../cloudfunctions/shared/db/bootstrap'
import type { Runtime } from '../cloudfunctions/shared/runtime/runtime'
import { shippedSettings } from '../src/domain/settings'
import { createEmulatorDb } from '../emulator/database'
import { demoAccounts, demoUser } from '../emulator/demo/accounts'
import { demoGridIds, demoGridNodes, demoPoints } from '../emulator/demo/grids'
import type { ActionName } from '../src/domain/contract'
import { testImage, testStorage } from '../test/factories/photos'
import { benchCommand, numberArgument } from './args'

/** Trails sealed in this benchmark's own throwaway database. */
const benchTrailKey = 'bench-trail-key-0123456789abcdef0123456789abcdef'

const caseCount = numberArgument('cases', 200)
const races = numberArgument('races', 20)
const racers = 50
const file = path.resolve('.build/bench/lifecycle.sqlite')
const command = benchCommand

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
}
const ms = (value: number) => `${value.toFixed(1)} ms`

async function main() {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
  const { db, engine, close } = createEmulatorDb({ file, env: 'bluegrid-bench' })
  await bootstrapDatabase(engine, databaseDeclaration)
  for (const { _id, ...fields } of demoGridNodes)
    await db.collection(collections.gridNode).doc(_id).set(fields)
  for (const account of demoAccounts) await db.collection(collections.user).add(demoUser(account))
  // Fifty grid members of the same grid for the claim races.
  const members = Array.from(
    { length: racers },
    (_, index) => `bench-member-${String(index).padStart(2, '0')}`,
  )
  for (const openid of members) {
    await db.collection(collections.user).add({
      _id: openid,
      openid,
      nickname: openid,
      role: 'grid_member',
      gridIds: [demoGridIds.yingyueRoadGrid1],
      points: 0,
    })
  }

  let now = new Date('2026-11-23T02:00:00.000Z')
  const files = testStorage('bluegrid-bench')
  const runtime: Runtime = {
    db,
    callerOpenid: (context) => (context as { openid: string }).openid,
    now: () => now,
    trailKey: benchTrailKey,
    wechat: new FakeWeChat(() => now),
    files: files.storage.forFunctions(() => now),
    // The resident reports far more than a person may in an hour: lift the rate limits for the benchmark.
    settings: {
      ...shippedSettings,
      policy: {
        ...shippedSettings.policy,
        submitLimitPerHour: 1_000_000,
        submitLimitPerDay: 1_000_000,
        writeLimit: { perWindow: 1000, windowSeconds: 1 },
      },
    },
  }
  let requests = 0
  const call = async (openid: string, action: ActionName, payload: unknown) => {
    const answer = (await handleApiEvent(runtime, { action, payload }, { openid })) as {
      ok: boolean
      data?: unknown
      error?: unknown
    }
    return answer
  }
  const ok = async <T>(openid: string, action: ActionName, payload: unknown): Promise<T> => {
    const answer = await call(openid, action, payload)
    if (!answer.ok) throw new Error(`${action} as ${openid}: ${JSON.stringify(answer.error)}`)
    return answer.data as T
  }
  // Untimed: the reporter's and the grid member's photo, uploaded and registered once, sent with every act.
  const photoOf = async (openid: string) => {
    const { fileID } = files.storage.upload(testImage(openid.length), openid, now)
    await ok(openid, 'photo.register', { fileID })
    return fileID
  }
  const reportPhoto = await photoOf('demo-resident')
  const afterPhoto = await photoOf('demo-grid-member')
  const submit = async () => {
    requests += 1
    const payload = {
      requestId: `bench-request-${String(requests).padStart(6, '0')}`,
      categoryId: 'construction-site',
      checkId: 'construction-truck-unwashed',
      description: '渣土车未冲洗驶出工地',
      photos: [reportPhoto],
      location: demoPoints.yingyueRoadGrid1,
    }
    return (await ok<{ case: { id: string } }>('demo-resident', 'case.submit', payload)).case.id
  }

  // Part 1: one act at a time.
  const steps: { action: ActionName; who: string; payload: (caseId: string) => unknown }[] = [
    { action: 'case.claim', who: 'demo-grid-member', payload: (caseId) => ({ caseId }) },
    {
      action: 'case.rectify',
      who: 'demo-grid-member',
      payload: (caseId) => ({
        caseId,
        measure: 'dissuade',
        note: '已冲洗',
        photos: [afterPhoto],
      }),
    },
    {
      action: 'case.verify',
      who: 'demo-grid-leader-2',
      payload: (caseId) => ({ caseId, passed: true, note: '' }),
    },
    {
      action: 'case.confirm',
      who: 'demo-resident',
      payload: (caseId) => ({ caseId, rating: 5, comment: '' }),
    },
  ]
  const timings = new Map<string, number[]>([
    ['case.submit', []],
    ...steps.map((step) => [step.action, []] as [string, number[]]),
  ])
  const started = performance.now()
  for (let index = 0; index < caseCount; index += 1) {
    now = new Date(now.getTime() + 60_000)
    let begin = performance.now()
    const caseId = await submit()
    timings.get('case.submit')!.push(performance.now() - begin)
    for (const step of steps) {
      begin = performance.now()
      await ok(step.who, step.action, step.payload(caseId))
      timings.get(step.action)!.push(performance.now() - begin)
    }
  }
  const walkSeconds = (performance.now() - started) / 1000

  // Part 2: fifty claims of one case at once.
  const settle: number[] = []
  for (let race = 0; race < races; race += 1) {
    const caseId = await submit()
    const begin = performance.now()
    const answers = await Promise.all(members.map((openid) => call(openid, 'case.claim', { caseId })))
    settle.push(performance.now() - begin)
    const winners = answers.filter((answer) => answer.ok).length
    const { events } = await ok<{ events: { type: string }[] }>('demo-grid-member', 'case.get', { caseId })
    const claims = events.filter((event) => event.type === 'claim').length
    if (winners !== 1 || claims !== 1)
      throw new Error(`race ${race}: ${winners} winners, ${claims} claim events`)
  }
  close()
  files.dispose()
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })

  console.log(`\nCommand: ${command} (node ${process.version}, ${process.platform}/${process.arch})`)
  console.log(
    `Walked ${caseCount} cases (5 acts each) in ${walkSeconds.toFixed(1)} s through the api handler on a SQLite file.\n`,
  )
  console.log('| act | calls | median | p95 |')
  console.log('|---|---:|---:|---:|')
  for (const [action, values] of timings)
    console.log(
      `| ${action} | ${values.length} | ${ms(quantile(values, 0.5))} | ${ms(quantile(values, 0.95))} |`,
    )
  console.log(
    `\n${races} races of ${racers} simultaneous claims: all answered in ${ms(quantile(settle, 0.5))} median, ${ms(quantile(settle, 0.95))} p95; every race had one winner and one claim event.`,
  )
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
