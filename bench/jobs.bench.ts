/**
 * Jobs benchmark: one ten-minute window at city peak, then the jobs function's timer tick that follows it.
 *
 *   npm run bench -- --only jobs                          # 3,500 case events and 200 due sweep acts
 *   npm run bench -- --only jobs --events 700 --sweeps 40 --latencies 0,8
 *
 * The window is made through the real api handler (as in the tests' worlds): `--events` case events from
 * reports walked submit → claim → rectify → verify → confirm by distinct residents, and `--sweeps` sweep acts
 * falling due during it (unclaimed alerts; red cards with the automatic escalation after them; automatic
 * confirmations), after a tick that caught up with everything before the window. Then the jobs run as the
 * timer runs them, with their time budget, tick after tick until nothing is left, at each per-request delay.
 * The target: the window's work done within 30 s at 8 ms a request. Requests count the same at every delay.
 */
import { jobs } from '../cloudfunctions/shared/app'
import type { Job } from '../cloudfunctions/shared/jobs/job'
import { runJobs, type JobRun } from '../cloudfunctions/shared/jobs/runner'
import type { Runtime } from '../cloudfunctions/shared/runtime/runtime'
import { countRequests } from '../emulator/database'
import { demoPoints } from '../emulator/demo/grids'
import { addPeople } from '../test/cloud/rewards/helpers'
import { afterPhoto, people } from '../test/cloud/cases/lifecycle/walk'
import { createTestWorld, reportAt, type TestWorld } from '../test/factories/runtime'
import { benchCommand, numberArgument } from './args'

const events = numberArgument('events', 3500)
const sweeps = numberArgument('sweeps', 200)
const latencies = (() => {
  const index = process.argv.indexOf('--latencies')
  const list = index >= 0 ? process.argv[index + 1]!.split(',').map(Number) : [0, 8]
  if (list.some((value) => !Number.isFinite(value) || value < 0))
    throw new Error('--latencies takes e.g. 0,8')
  return list
})()
const targetSeconds = 30
const functionLimitSeconds = 60
/** Ticks after which a window still not done is reported as falling behind. */
const maxTicks = 12
const log = (line: string) => process.stderr.write(line + '\n')

/** The tick after the window: Wednesday 14:00 in Beijing, no period ending anywhere near. */
const tickAt = new Date('2026-11-25T06:00:00.000Z')
const minutesBefore = (minutes: number) => new Date(tickAt.getTime() - minutes * 60_000)

/** The window's reports walk five acts each, one event per act. */
const actsPerCase = 5
const category = { categoryId: 'coal-stove', checkId: 'coal-small-stove' }

interface Seeded {
  world: TestWorld
  windowEvents: number
  seedSeconds: number
}

async function seedWindow(): Promise<Seeded> {
  const started = performance.now()
  const world = await createTestWorld({ start: minutesBefore(3 * 24 * 60 + 5).toISOString() })
  const windowCases = Math.ceil(events / actsPerCase)
  // Split of the sweep acts: 40% unclaimed alerts, 40% red cards and the escalations after them, 20% confirmations.
  const alerts = Math.round(sweeps * 0.4)
  const carded = Math.round(sweeps * 0.2)
  const confirmed = sweeps - alerts - 2 * carded
  // One report per resident, as at a real peak: no one's rate limit or daily points cap is in play.
  const everyone = Array.from(
    { length: windowCases + alerts + carded + confirmed },
    (_, index) => `bench-resident-${String(index).padStart(5, '0')}`,
  )
  await addPeople(world, everyone)
  const reporters = everyone.values()
  const nextResident = () => reporters.next().value!

  const submit = async (openid: string, overrides: Parameters<typeof reportAt>[1] = {}) =>
    (
      await world.ok(
        openid,
        'case.submit',
        reportAt(demoPoints.yingyueRoadGrid1, { requestId: `bench-${openid}`, ...overrides }),
      )
    ).case.id
  const claim = (caseId: string) => world.ok(people.member, 'case.claim', { caseId })
  const rectify = (caseId: string) =>
    world.ok(people.member, 'case.rectify', {
      caseId,
      measure: 'dissuade',
      note: '已劝阻',
      photos: [afterPhoto],
    })
  const verify = (caseId: string) =>
    world.ok(people.communityLeader, 'case.verify', { caseId, passed: true, note: '' })

  // Verified three days and five minutes before the tick: confirmed automatically by it.
  for (let index = 0; index < confirmed; index += 1) {
    const caseId = await submit(nextResident(), category)
    await claim(caseId)
    await rectify(caseId)
    await verify(caseId)
  }
  // Open burning, unclaimed for 4 h 05 min at the tick: alerted before the window, carded and escalated by the tick.
  world.clock.now = minutesBefore(245)
  for (let index = 0; index < carded; index += 1) await submit(nextResident())
  // Unclaimed for 2 h 05 min at the tick: alerted by it.
  world.clock.now = minutesBefore(125)
  for (let index = 0; index < alerts; index += 1) await submit(nextResident(), category)

  // The tick before the window did everything due until then.
  world.clock.now = minutesBefore(10)
  const before = await runJobs(world.runtime, jobs, { budgetMs: 3_600_000 })
  if (before.failed.length > 0) throw new Error(`the catch-up tick failed: ${JSON.stringify(before.reports)}`)

  // The window: reports walked by their reporters and the grid's staff, spread over ten minutes.
  const step = 600_000 / (windowCases * actsPerCase)
  const later = () => (world.clock.now = new Date(world.clock.now.getTime() + step))
  let windowEvents = 0
  for (let index = 0; index < windowCases; index += 1) {
    const reporter = nextResident()
    const caseId = await submit(reporter, category)
    for (const act of [claim, rectify, verify]) {
      later()
      await act(caseId)
    }
    later()
    await world.ok(reporter, 'case.confirm', { caseId, rating: 5, comment: '' })
    later()
    windowEvents += actsPerCase
    if (index % 100 === 99) log(`  window: ${index + 1} of ${windowCases} reports walked`)
  }
  world.clock.now = tickAt
  return { world, windowEvents, seedSeconds: (performance.now() - started) / 1000 }
}

interface JobFigures {
  requests: number
  ms: number
  acted: number
}

/** The app's jobs, each counting its own requests and time into `figures`. */
function measuredJobs(figures: Map<string, JobFigures>): Job[] {
  return jobs.map((job) => ({
    ...job,
    run: async (runtime: Runtime, control) => {
      const started = performance.now()
      const { value, counts } = await countRequests(() => job.run(runtime, control))
      const entry = figures.get(job.name) ?? { requests: 0, ms: 0, acted: 0 }
      entry.requests += counts.requests
      entry.ms += performance.now() - started
      entry.acted += value.reduce((sum, report) => sum + report.acted, 0)
      figures.set(job.name, entry)
      return value
    },
  }))
}

interface Measured {
  latencyMs: number
  ticks: { requests: number; seconds: number; run: JobRun }[]
  figures: Map<string, JobFigures>
  windowEvents: number
  seedSeconds: number
}

async function measure(latencyMs: number): Promise<Measured> {
  log(`Seeding the window (${events} case events, ${sweeps} sweep acts due) for ${latencyMs} ms a request…`)
  const { world, windowEvents, seedSeconds } = await seedWindow()
  world.engine.latencyMs = latencyMs
  const figures = new Map<string, JobFigures>()
  const ticks: Measured['ticks'] = []
  try {
    do {
      // Each tick is a fresh instance, as a timer's invocation may be.
      const runtime = { ...world.runtime }
      const started = performance.now()
      const { value: run, counts } = await countRequests(() => runJobs(runtime, measuredJobs(figures)))
      const seconds = (performance.now() - started) / 1000
      ticks.push({ requests: counts.requests, seconds, run })
      log(
        `  tick ${ticks.length} at ${latencyMs} ms: ${counts.requests} requests, ${seconds.toFixed(1)} s` +
          (run.leftOver.length > 0 ? `, left for the next tick: ${run.leftOver.join(', ')}` : ''),
      )
    } while (ticks.at(-1)!.run.leftOver.length > 0 && ticks.length < maxTicks)
  } finally {
    await world.close()
  }
  return { latencyMs, ticks, figures, windowEvents, seedSeconds }
}

async function main() {
  const results: Measured[] = []
  for (const latencyMs of latencies) results.push(await measure(latencyMs))

  console.log(`\nCommand: ${benchCommand} (node ${process.version}, ${process.platform}/${process.arch})`)
  const first = results[0]!
  console.log(
    `The window: ${first.windowEvents} case events and ${sweeps} sweep acts due at the tick (seeded in ${first.seedSeconds.toFixed(0)} s through the api handler).\n`,
  )
  console.log('| delay per request | ticks | requests | wall time | longest tick | work done within 30 s |')
  console.log('|---:|---:|---:|---:|---:|---|')
  for (const result of results) {
    const requests = result.ticks.reduce((sum, tick) => sum + tick.requests, 0)
    const seconds = result.ticks.reduce((sum, tick) => sum + tick.seconds, 0)
    const longest = Math.max(...result.ticks.map((tick) => tick.seconds))
    const finished = result.ticks.at(-1)!.run.leftOver.length === 0
    const verdict = !finished
      ? `no: not done after ${maxTicks} ticks`
      : seconds <= targetSeconds
        ? 'yes'
        : `no (${seconds.toFixed(1)} s)`
    const overLimit = longest > functionLimitSeconds ? ` (past the ${functionLimitSeconds} s limit)` : ''
    console.log(
      `| ${result.latencyMs} ms | ${result.ticks.length} | ${requests} | ${seconds.toFixed(1)} s | ${longest.toFixed(1)} s${overLimit} | ${verdict} |`,
    )
  }
  for (const result of results) {
    console.log(`\nBy job at ${result.latencyMs} ms a request (all ticks):\n`)
    console.log('| job | acted | requests | requests per act | wall time |')
    console.log('|---|---:|---:|---:|---:|')
    for (const [name, figures] of result.figures) {
      const perAct = figures.acted > 0 ? (figures.requests / figures.acted).toFixed(1) : '–'
      console.log(
        `| ${name} | ${figures.acted} | ${figures.requests} | ${perAct} | ${(figures.ms / 1000).toFixed(1)} s |`,
      )
    }
    const points = result.figures.get('points')
    if (points)
      console.log(
        `\nThe points projection: ${(points.requests / result.windowEvents).toFixed(2)} requests per case event of the window.`,
      )
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
