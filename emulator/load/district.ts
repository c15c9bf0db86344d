import { caseIdFor } from '../../cloudfunctions/shared/cases/handlers/reports'
import { sealEvent } from '../../cloudfunctions/shared/cases/trail'
import { submitCaseInputSchema } from '../../src/domain/case/contract'
import { decideSubmit } from '../../src/domain/case/decide'
import type { CaseChannel, CaseEvent, CaseRecord } from '../../src/domain/case/record'
import { caseStatuses, type CaseStatus } from '../../src/domain/case/status'
import { GridLocator, GridTree, gridLevels, type GridLevel, type GridNode } from '../../src/domain/grid/tree'
import type { User } from '../../src/domain/people/roles'
import type { Gcj02Point } from '../../src/domain/shared/geo'
import { businessDayKey, formatCaseNo } from '../../src/domain/shared/time'
import { shippedSettings, type Settings } from '../../src/domain/settings'
import { demoGridIds, demoGridNodes } from '../demo/grids'
import { CaseSim, decideContextAt, type SimWorld } from './case-sim'
import { buildPopulation, type Person, type Population } from './people'
import { Random } from './random'
import { drawPlot, tellStory, type Plot } from './story'

export interface DistrictOptions {
  cases: number
  seed: number
  /** The present: every case is created in the year before it and nothing happens after it. */
  present: Date
  settings?: Settings
  /** The key the trails are sealed with (the data folder's, see emulator/trail-key.ts). */
  trailKey: string
  /** fileIDs of report photos and of after-photos; placeholders when none are given. */
  photos?: { reports: readonly string[]; fixes: readonly string[] }
}

/** A generated case as the store keeps it: the record and its whole trail. */
export interface GeneratedCase {
  record: CaseRecord
  events: CaseEvent[]
}

export interface DistrictSummary {
  cases: number
  events: number
  byStatus: Record<CaseStatus, number>
  /** Where the cases sit now, by level of their grid. */
  byLevel: Record<GridLevel, number>
  people: { residents: number; volunteers: number; staff: number; total: number }
  /** Acts the domain refused while telling the stories (expected 0). */
  refused: number
}

/** Everything besides the cases: people and the per-day case-number counters. */
export interface DistrictRest {
  users: User[]
  /** `case-no-<YYYYMMDD>` → the last serial given that day. */
  counters: Map<string, number>
  summary: DistrictSummary
}

const dayMillis = 86_400_000
/** Reports by Beijing hour of the day: few at night, most in the morning and the early evening. */
const hourWeights = [
  1, 0.5, 0.3, 0.3, 0.3, 0.6, 1.5, 3, 5, 6, 6, 5.5, 4.5, 4.5, 5, 5, 5, 5.5, 6, 6, 5, 3.5, 2.5, 1.5,
]
const categoryWeights: Record<string, number> = {
  'road-dust': 20,
  'construction-site': 18,
  'restaurant-fumes': 14,
  'open-burning': 10,
  'open-air-barbecue': 10,
  'bare-soil': 9,
  'demolition-site': 7,
  'coal-stove': 6,
  'small-polluting-workshop': 6,
}
const remarks = ['', '，已经持续好几天了', '，影响周边居民', '，请尽快处理', '，早晚最严重', '，附近有学校']

/** Case creation instants over the year before `present`, oldest first: more recent days are busier. */
function creationTimes(random: Random, count: number, present: number): number[] {
  const times: number[] = []
  const hours = Object.fromEntries(hourWeights.map((weight, hour) => [String(hour), weight]))
  const today = Math.floor((present + 8 * 3_600_000) / dayMillis)
  while (times.length < count) {
    // Age as a fraction of the year, density 1.4 today falling to 0.6 a year ago (inverse distribution).
    const age = (1.4 - Math.sqrt(1.96 - 1.6 * random.next())) / 0.8
    const day = today - Math.floor(age * 365)
    const at =
      day * dayMillis - 8 * 3_600_000 + Number(random.weighted(hours)) * 3_600_000 + random.int(3_600_000)
    if (at < present - 60_000) times.push(at)
  }
  return times.sort((a, b) => a - b)
}

function boundsOf(node: GridNode) {
  const ring = node.polygon?.coordinates[0] ?? []
  const lngs = ring.map(([lng]) => lng)
  const lats = ring.map(([, lat]) => lat)
  return {
    west: Math.min(...lngs),
    east: Math.max(...lngs),
    south: Math.min(...lats),
    north: Math.max(...lats),
  }
}

/** A point inside a grid's polygon, a little off its edges. */
function pointIn(node: GridNode, random: Random): Gcj02Point {
  const box = boundsOf(node)
  const margin = 0.03
  const lng = random.between(
    box.west + (box.east - box.west) * margin,
    box.east - (box.east - box.west) * margin,
  )
  const lat = random.between(
    box.south + (box.north - box.south) * margin,
    box.north - (box.north - box.south) * margin,
  )
  return { lng: Math.round(lng * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6 }
}

/**
 * Generates a district's year of cases over the demo grid tree: reporters among many residents (and the demo
 * accounts), every case opened by the product's own submit decision and then living its story through the
 * domain's acts and the timer's sweeps (see story.ts, case-sim.ts). Cases are handed to `emit` one by one in
 * creation order, so a million never sit in memory together. Deterministic for the same options.
 */
export function generateDistrict(
  options: DistrictOptions,
  emit: (generated: GeneratedCase) => void,
): DistrictRest {
  const random = new Random(options.seed)
  const settings = options.settings ?? shippedSettings
  const present = options.present.getTime()
  const tree = new GridTree(demoGridNodes)
  const locator = new GridLocator(demoGridNodes)
  const world: SimWorld = { tree, settings, present, trailKey: options.trailKey }
  const people = buildPopulation(tree, random, {
    residents: Math.max(50, Math.round(options.cases / 8)),
    volunteers: Math.max(10, Math.round(options.cases / 150)),
  })
  const photos = options.photos ?? {
    reports: ['cloud://bluegrid-local.load/reports/placeholder.png'],
    fixes: ['cloud://bluegrid-local.load/fixes/placeholder.png'],
  }
  const streets = tree.all().filter((node) => node.level === 'street')
  const streetWeights = Object.fromEntries(
    streets.map((node) => [
      node._id,
      node._id === demoGridIds.hanghaiEastRoad ? 72 : 28 / (streets.length - 1),
    ]),
  )
  const categoryIds = Object.fromEntries(
    settings.categories.categories.map((category) => [category.id, categoryWeights[category.id] ?? 5]),
  )
  const counters = new Map<string, number>()
  const summary: DistrictSummary = {
    cases: 0,
    events: 0,
    byStatus: Object.fromEntries(caseStatuses.map((status) => [status, 0])) as Record<CaseStatus, number>,
    byLevel: Object.fromEntries(gridLevels.map((level) => [level, 0])) as Record<GridLevel, number>,
    people: {
      residents: people.residents.length,
      volunteers: people.volunteers.length,
      staff: people.people.length - people.residents.length - people.volunteers.length,
      total: people.people.length,
    },
    refused: 0,
  }

  const resident = () => people.residents[2 + random.skewed(people.residents.length - 2)]!
  const volunteer = () => people.volunteers[1 + random.skewed(Math.max(1, people.volunteers.length - 1))]!
  // The demo resident reports often enough that 我的举报 has a few pages even in a small load.
  const demoShare = Math.max(0.001, Math.min(0.015, 10 / options.cases))
  /** Who reports through which channel; staff and offices are found once the place is known. */
  const channelAndReporter = (): { channel: CaseChannel; reporter?: Person } => {
    const roll = random.next()
    const demo = (openid: string) => ({
      channel: 'resident' as const,
      reporter: people.byOpenid.get(openid)!,
    })
    if (roll < demoShare) return demo('demo-resident')
    if (roll < demoShare * 1.5) return demo('demo-resident-2')
    if (roll < demoShare * 2.5) return demo('demo-volunteer')
    if (roll < 0.05) return { channel: 'hotline' }
    if (roll < 0.06) return { channel: 'sensor' }
    if (roll < 0.2) return { channel: 'patrol' }
    if (roll < 0.28) return { channel: 'resident', reporter: volunteer() }
    return { channel: 'resident', reporter: resident() }
  }

  /** Where: near the reporter's home grid most of the time, else anywhere in the service area. */
  const placeFor = (reporter: Person | undefined): { point: Gcj02Point; grid: GridNode } => {
    const home = reporter?.user.gridIds.map((id) => tree.get(id)).find((node) => node?.polygon)
    const area = home && random.chance(0.7) ? home : tree.get(random.weighted(streetWeights))!
    for (;;) {
      const point = pointIn(area, random)
      const grid = locator.locate(point)
      if (grid) return { point, grid }
    }
  }

  /** Opens a case at `at` through the product's submit decision, sealed as the store writes it. */
  const open = (
    index: number,
    at: number,
    reporter: Person,
    channel: CaseChannel,
    place: { point: Gcj02Point; grid: GridNode },
    categoryId: string,
    checkId: string,
  ): CaseSim => {
    const dayKey = businessDayKey(new Date(at))
    const serial = (counters.get(dayKey) ?? 0) + 1
    counters.set(dayKey, serial)
    const requestId = `load-${options.seed}-${index}`
    const check = settings.categories.categories
      .find((category) => category.id === categoryId)!
      .checks.find((item) => item.id === checkId)!
    const input = submitCaseInputSchema.parse({
      requestId,
      categoryId,
      checkId,
      description: `${check.name}${random.pick(remarks)}`,
      photos: [random.pick(photos.reports)],
      location: place.point,
      accuracyMeters: random.chance(0.8) ? Math.round(random.between(5, 60)) : null,
      address: `${tree.label(place.grid._id)}附近`,
      anonymous: channel === 'resident' && random.chance(0.1),
      channel,
      major: random.chance(0.004),
    })
    const decided = decideSubmit(
      input,
      reporter.actor,
      {
        caseId: caseIdFor(reporter.user.openid, requestId),
        caseNo: formatCaseNo(dayKey, serial),
        grid: place.grid,
      },
      decideContextAt(world, at),
    )
    if (!decided.ok) throw new Error(`the generated report was refused: ${decided.code} ${decided.message}`)
    const event = sealEvent(decided.event, decided.record, world.trailKey)
    return new CaseSim(world, { ...decided.record, lastHash: event.hash }, event, at)
  }

  const scheduleJoins = (sim: CaseSim) => {
    if (!random.chance(0.1)) return
    const count = 1 + random.int(3)
    for (let k = 0; k < count; k += 1) {
      const at = sim.clock + random.lognormal(180, 1.2) * 60_000
      const joiner = random.chance(0.01) ? people.residents[0]! : resident()
      sim.schedule(at, () => {
        const { reporterId, followers } = sim.record
        if (!sim.isOpen || joiner.user.openid === reporterId || followers.includes(joiner.user.openid)) return
        sim.apply({ type: 'join', location: sim.record.location }, joiner.actor)
      })
    }
  }

  const finish = (sim: CaseSim) => {
    sim.advance(present)
    summary.cases += 1
    summary.events += sim.events.length
    summary.byStatus[sim.record.status] += 1
    summary.byLevel[tree.get(sim.record.gridId)?.level ?? 'block'] += 1
    summary.refused += sim.refused
    emit({ record: sim.record, events: sim.events })
  }

  const times = creationTimes(random, options.cases, present)
  const showcase = showcasePlots(times, present)
  for (let index = 0; index < times.length; index += 1) {
    const { channel, reporter: named } = channelAndReporter()
    const place = placeFor(named)
    const categoryId = random.weighted(categoryIds)
    const category = settings.categories.categories.find((item) => item.id === categoryId)!
    const checkId = random.pick(category.checks).id
    const reporter =
      named ??
      (channel === 'patrol'
        ? patrolReporter(people, place.grid, random)
        : people.officesOver(place.grid._id).air)
    const sim = open(index, times[index]!, reporter, channel, place, categoryId, checkId)
    scheduleJoins(sim)
    // A duplicate: someone else reports the same problem a little later, and staff merge it into this one.
    let duplicate: CaseSim | undefined
    const plot = { ...drawPlot(random), ...showcase.get(index) }
    if (index + 1 < times.length && (random.chance(0.045) || plot.duplicated)) {
      index += 1
      const other = resident()
      const near = {
        lng: Math.round((place.point.lng + random.between(-0.0002, 0.0002)) * 1e6) / 1e6,
        lat: Math.round((place.point.lat + random.between(-0.0002, 0.0002)) * 1e6) / 1e6,
      }
      const grid = locator.locate(near) ?? place.grid
      duplicate = open(index, times[index]!, other, 'resident', { point: near, grid }, categoryId, checkId)
      const survivor = sim
      const copy = duplicate
      const at = copy.clock + random.lognormal(90, 1) * 60_000
      survivor.schedule(at, () => mergeInto(copy, survivor, people, tree, at))
    }
    tellStory(sim, plot, { world, people, random, photos: photos.fixes })
    finish(sim)
    if (duplicate) {
      if (duplicate.record.status !== 'merged')
        tellStory(duplicate, drawPlot(random), { world, people, random, photos: photos.fixes })
      finish(duplicate)
    }
  }
  return { users: people.people.map((person) => person.user), counters, summary }
}

/**
 * Every status shows up even in a small load: the case created nearest each of these ages gets an ending
 * that leaves it there (the present cuts most recent stories short anyway; these make sure of the rest).
 */
function showcasePlots(
  times: number[],
  present: number,
): Map<number, Partial<Plot> & { duplicated?: boolean }> {
  const days = (count: number) => present - count * dayMillis
  const wanted: [number, Partial<Plot> & { duplicated?: boolean }][] = [
    [days(40), { ending: 'stays-claimed' }],
    [days(35), { ending: 'stays-rectified' }],
    [days(30), { ending: 'stays-signoff' }],
    [days(25), { ending: 'stays-at-city' }],
    [days(20), { ending: 'stays-pending' }],
    [days(15), { ending: 'closed', duplicated: true }],
    [days(10), { ending: 'rejected' }],
    // Verified less than the silent days ago, with a reporter who has not answered yet.
    [
      days(2),
      { ending: 'closed', silent: true, dispute: false, failVerification: false, escalateOnce: false },
    ],
  ]
  const plots = new Map<number, Partial<Plot> & { duplicated?: boolean }>()
  for (const [at, plot] of wanted) {
    let nearest = 0
    for (let index = 0; index < times.length; index += 1)
      if (Math.abs(times[index]! - at) < Math.abs(times[nearest]! - at)) nearest = index
    if (!plots.has(nearest)) plots.set(nearest, plot)
  }
  return plots
}

/** A patrol report comes from a member of the grid it was found in (or whoever works that grid). */
function patrolReporter(people: Population, grid: GridNode, random: Random): Person {
  const staff = people.claimersOf(grid._id)
  const members = staff.filter((person) => person.user.role === 'grid_member')
  return random.pick(members.length > 0 ? members : staff)
}

/** 并案 as the merge act runs it: the duplicate merged and the survivor absorbing it, both or neither. */
function mergeInto(
  duplicate: CaseSim,
  survivor: CaseSim,
  people: Population,
  tree: GridTree,
  at: number,
): void {
  duplicate.advance(at)
  if (!survivor.isOpen || !['pending', 'claimed'].includes(duplicate.record.status)) return
  // Merging closes a case, so it is a leader's call, as a rejection is: the duplicate's grid leader (or above).
  const merger = [...duplicate.record.gridPath]
    .reverse()
    .map((gridId): Person | undefined => people.leaderOf(gridId))
    .find((person) =>
      person?.user.gridIds.some(
        (gridId) =>
          tree.covers(gridId, duplicate.record.gridId) && tree.covers(gridId, survivor.record.gridId),
      ),
    )
  if (!merger) return
  const { _id: id, caseNo, status, categoryId, gridId, location } = survivor.record
  const into = { id, caseNo, status, categoryId, gridId, location }
  const merge = duplicate.decide({ type: 'merge', into, reason: '重复举报' }, merger.actor, at)
  if (!merge) return
  const merged = { ...duplicate.record, ...merge.patch }
  const absorbed = {
    id: merged._id,
    caseNo: merged.caseNo,
    mergedInto: merged.resolution?.mergedInto ?? null,
    people: [merged.reporterId, ...merged.followers],
  }
  const absorb = survivor.decide({ type: 'absorb', duplicate: absorbed }, merger.actor, at)
  if (!absorb) return
  duplicate.commit(merge)
  survivor.commit(absorb)
}
