/**
 * Weekly report benchmark: the Thursday drafts of a whole district, at each per-request delay.
 *
 *   npm run bench -- --only weekly                                   # 17 streets × 12 communities × 8 grids
 *   npm run bench -- --only weekly --streets 30 --communities 15 --latencies 0,8
 *
 * A district of that shape is added to the demo tree (金水区's size: 17 streets, about 200 communities), with
 * a stats document per street for the report week just ended, every street, community and grid in it with
 * figures, as the stats job leaves them. Then the jobs function runs the weekly job as the timer does (its
 * time budget, tick after tick until nothing is left) on Thursday 09:00 in Beijing. The drafts' cost does not
 * depend on how many cases the figures count, only on the tree: the target is the whole district's drafts
 * within 30 s at 8 ms a request. Requests count the same at every delay.
 */
import { collections, jobs } from '../cloudfunctions/shared/app'
import { runJobs } from '../cloudfunctions/shared/jobs/runner'
import { newStatsDoc } from '../cloudfunctions/shared/reports/store'
import { weeklyJob } from '../cloudfunctions/shared/reports/weekly-job'
import { countRequests } from '../emulator/database'
import { demoGridNodes, gridId } from '../emulator/demo/grids'
import { childGridCode, type GridNode } from '../src/domain/grid/tree'
import { statsDocId } from '../src/domain/reports/rollup'
import { createTestWorld, type TestWorld } from '../test/factories/runtime'
import { benchCommand, numberArgument } from './args'

const streets = numberArgument('streets', 17)
const communities = numberArgument('communities', 12)
const blocks = numberArgument('blocks', 8)
const latencies = (() => {
  const index = process.argv.indexOf('--latencies')
  const list = index >= 0 ? process.argv[index + 1]!.split(',').map(Number) : [0, 8]
  if (list.some((value) => !Number.isFinite(value) || value < 0))
    throw new Error('--latencies takes e.g. 0,8')
  return list
})()
const targetSeconds = 30
const maxTicks = 12
const log = (line: string) => process.stderr.write(line + '\n')

/** Thursday 3 December 2026, 09:00 in Beijing: 2026-R49 has just ended. */
const thursday = '2026-12-03T01:00:00.000Z'
const week = '2026-R49'
const districtCode = '410105'
const categories = ['construction-site', 'road-dust', 'coal-stove', 'open-burning']

/** The district's nodes, streets first, then their communities and grids. */
function districtNodes(): GridNode[] {
  const nodes: GridNode[] = [
    {
      _id: gridId(districtCode),
      code: districtCode,
      name: '金水区',
      level: 'district',
      parentId: gridId('410100'),
    },
  ]
  for (let s = 1; s <= streets; s += 1) {
    const streetCode = childGridCode(districtCode, s)
    nodes.push({
      _id: gridId(streetCode),
      code: streetCode,
      name: `第${s}街道`,
      level: 'street',
      parentId: gridId(districtCode),
    })
    for (let c = 1; c <= communities; c += 1) {
      const communityCode = childGridCode(streetCode, c)
      nodes.push({
        _id: gridId(communityCode),
        code: communityCode,
        name: `第${s}街道第${c}社区`,
        level: 'community',
        parentId: gridId(streetCode),
      })
      for (let b = 1; b <= blocks; b += 1) {
        const blockCode = childGridCode(communityCode, b)
        nodes.push({
          _id: gridId(blockCode),
          code: blockCode,
          name: `第${c}社区第${b}网格`,
          level: 'block',
          parentId: gridId(communityCode),
        })
      }
    }
  }
  return nodes
}

/** A node's figures for the week, made up but consistent (the closed are a part of the due, and so on). */
function sheetFields(nodeId: string, scale: number, seed: number, fields: Map<string, number>): void {
  const n = (base: number) => Math.max(0, Math.round(base * scale + ((seed * 7919) % 5)))
  const received = n(6)
  const due = n(4)
  const closed = Math.min(due, n(3))
  const add = (path: string, value: number) => value > 0 && fields.set(`n.${nodeId}.${path}`, value)
  add('c.received', received)
  add('c.accepted', received)
  add('c.due', due)
  add('c.closed', closed)
  add('c.closedOnTime', Math.max(0, closed - 1))
  add('c.reworked', seed % 3 === 0 ? 1 : 0)
  add('c.overdue', Math.max(0, due - closed))
  add('c.yellowCard', seed % 4 === 0 ? 1 : 0)
  add('c.redCard', seed % 9 === 0 ? 1 : 0)
  add('c.escalated', seed % 5 === 0 ? 1 : 0)
  add('src.resident', Math.ceil(received / 2))
  add('src.patrol', Math.floor(received / 2))
  add(`cat.${categories[seed % categories.length]}`, received)
}

async function seed(world: TestWorld, nodes: GridNode[]): Promise<void> {
  for (let start = 0; start < nodes.length; start += 500)
    await world.db.collection(collections.gridNode).add(
      nodes.slice(start, start + 500).map((node) => {
        const { polygon: _none, ...stored } = node
        return stored
      }),
    )
  const now = new Date(thursday)
  const docs = nodes
    .filter((node) => node.level === 'street')
    .map((street, index) => {
      const fields = new Map<string, number>()
      sheetFields(street._id, blocks * communities, index, fields)
      const below = nodes.filter((node) => node._id.startsWith(`${street._id}`) && node._id !== street._id)
      below.forEach((node, i) =>
        sheetFields(node._id, node.level === 'community' ? blocks : 1, index + i, fields),
      )
      return newStatsDoc(statsDocId(street._id, week), street._id, week, fields, `${thursday} x`, now)
    })
  for (const doc of docs) await world.db.collection(collections.statsPeriod).add(doc)
}

async function measure(latencyMs: number) {
  const world = await createTestWorld({ start: thursday })
  const nodes = districtNodes()
  await seed(world, nodes)
  world.engine.latencyMs = latencyMs
  const weekly = jobs.filter((job) => job.name === weeklyJob).map(({ after: _none, ...job }) => job)
  const ticks: Array<{ requests: number; seconds: number; acted: number }> = []
  try {
    for (let tick = 0; tick < maxTicks; tick += 1) {
      // Each tick is a fresh instance, as a timer's invocation may be: the grid tree is read again.
      const runtime = { ...world.runtime }
      const started = performance.now()
      const { value: run, counts } = await countRequests(() => runJobs(runtime, weekly))
      const seconds = (performance.now() - started) / 1000
      const acted = run.reports.reduce((sum, report) => sum + report.acted, 0)
      ticks.push({ requests: counts.requests, seconds, acted })
      log(
        `  tick ${tick + 1} at ${latencyMs} ms: ${acted} drafts, ${counts.requests} requests, ${seconds.toFixed(1)} s`,
      )
      if (run.failed.length > 0) throw new Error(`the weekly job failed: ${JSON.stringify(run.reports)}`)
      if (run.leftOver.length === 0) break
    }
  } finally {
    await world.close()
  }
  return { latencyMs, ticks }
}

async function main() {
  const districtStreets = streets
  // The demo tree's streets and communities are drafted too, as in any deployment's tree.
  const demoDrafts = demoGridNodes.filter(
    (node) => node.level === 'street' || node.level === 'community',
  ).length
  const drafts = streets * (1 + communities) + demoDrafts
  const results = []
  for (const latencyMs of latencies) results.push(await measure(latencyMs))
  console.log(`\nCommand: ${benchCommand} (node ${process.version}, ${process.platform}/${process.arch})`)
  console.log(
    `A district of ${districtStreets} streets, ${streets * communities} communities and ${streets * communities * blocks} grids: ${drafts - demoDrafts} drafts (one per street and community) for ${week}, and ${demoDrafts} of the demo tree's.\n`,
  )
  console.log('| delay per request | ticks | drafts | requests | wall time | within 30 s |')
  console.log('|---:|---:|---:|---:|---:|---|')
  for (const { latencyMs, ticks } of results) {
    const requests = ticks.reduce((sum, tick) => sum + tick.requests, 0)
    const seconds = ticks.reduce((sum, tick) => sum + tick.seconds, 0)
    const acted = ticks.reduce((sum, tick) => sum + tick.acted, 0)
    const verdict =
      acted !== drafts ? `no: ${acted} of ${drafts} drafted` : seconds <= targetSeconds ? 'yes' : 'no'
    console.log(
      `| ${latencyMs} ms | ${ticks.length} | ${acted} | ${requests} | ${seconds.toFixed(1)} s | ${verdict} |`,
    )
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
