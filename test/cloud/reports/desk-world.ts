import { collections, handleOpen311Event } from '../../../cloudfunctions/shared/app'
import { formPost, wgsFieldsOf } from '../../factories/open311'
import { runSweeps } from '../../../cloudfunctions/shared/cases/jobs'
import { runRelay } from '../../../cloudfunctions/shared/cases/relay'
import { runStatsJob, statsSettleMillis } from '../../../cloudfunctions/shared/reports/stats-job'
import { demoUser } from '../../../emulator/demo/accounts'
import { demoGridIds, demoPoints } from '../../../emulator/demo/grids'
import { createTestWorld, reportAt, type TestWorld } from '../../factories/runtime'
import { afterPhoto, escalateToDistrict, people, walkToVerified } from '../cases/lifecycle/walk'

/** An office of 高新区, the other demo district, to look at its figures. */
export const gaoxinOffice = 'test-gaoxin-office'

const coal = { categoryId: 'coal-stove', checkId: 'coal-small-stove' }
const site = { categoryId: 'construction-site', checkId: 'construction-no-fence' }
const dust = { categoryId: 'road-dust', checkId: 'road-visible-dust' }

/** The relay copies events out, and the stats job counts them once they are past its settle horizon. */
export async function project(world: TestWorld, batchSize?: number): Promise<void> {
  await runRelay(world.runtime)
  const clock = world.clock.now
  world.clock.now = new Date(clock.getTime() + statsSettleMillis + 60_000)
  await runStatsJob(world.runtime, undefined, batchSize ? { batchSize } : {})
  world.clock.now = clock
}

/**
 * A week and a bit of a district's work, from Monday 23 November 10:00 (Beijing), over every kind of case
 * the desk counts: closed on time and rated; fixed late, after a red card or before any, and closed by
 * silence; reworked by a failed check and by a dispute; escalated to the district and sent to the city with
 * both signatures; rejected; merged; corrected to the neighbouring grid; left unclaimed (alerts, cards,
 * automatic escalation); reported on the street's own corridor and in the other district; and two reports
 * either side of midnight between November and December. The stats job runs between the days, in small
 * batches, as ticks would.
 */
export async function buildDeskWorld(options: { project?: boolean } = {}): Promise<TestWorld> {
  const world = await createTestWorld({ start: '2026-11-23T02:00:00.000Z' })
  await world.db.collection(collections.user).add(
    demoUser({
      openid: gaoxinOffice,
      nickname: '高新区大气办',
      role: 'district_office',
      gridIds: [demoGridIds.gaoxin],
      districtUnit: 'air_office',
      description: '',
    }),
  )
  const tick = options.project === false ? async () => undefined : () => project(world, 7)
  const later = (minutes: number) => world.clock.advanceMinutes(minutes)
  const submit = async (openid: string, overrides: object = {}, at = demoPoints.yingyueRoadGrid1) =>
    (await world.ok(openid, 'case.submit', reportAt(at, overrides))).case.id

  // A: a resident's report, closed on the day with five stars; F, a duplicate of it, merged into it.
  const a = await submit(people.resident)
  const f = await submit(people.resident2)
  later(20)
  await world.ok(people.blockLeader, 'case.merge', { caseId: f, intoCaseId: a, reason: '重复举报' })
  await walkToVerified(world, a)
  later(30)
  await world.ok(people.resident, 'case.confirm', { caseId: a, rating: 5, comment: '' })

  // C: the member's own patrol report, handled by the sunk staff (nobody handles their own report),
  // reworked twice before the member is satisfied (two stars).
  const c = await submit(people.member, site)
  later(15)
  await world.ok(people.sunkStaff, 'case.claim', { caseId: c })
  const rectify = (caseId: string, openid: string = people.member) =>
    world.ok(openid, 'case.rectify', { caseId, measure: 'dissuade', note: '已整改', photos: [afterPhoto] })
  await rectify(c, people.sunkStaff)
  await world.ok(people.communityLeader, 'case.verify', { caseId: c, passed: false, note: '围挡仍有缺口' })
  later(40)
  await rectify(c, people.sunkStaff)
  await world.ok(people.communityLeader, 'case.verify', { caseId: c, passed: true, note: '' })
  await world.ok(people.member, 'case.dispute', { caseId: c, reason: '北侧围挡又倒了' })
  await world.ok(people.sunkStaff, 'case.claim', { caseId: c })
  later(25)
  await rectify(c, people.sunkStaff)
  await world.ok(people.communityLeader, 'case.verify', { caseId: c, passed: true, note: '' })
  await world.ok(people.member, 'case.confirm', { caseId: c, rating: 2, comment: '' })
  // M: reworked by a failed check only, and fixed again.
  const m = await submit(people.resident, site)
  await world.ok(people.member, 'case.claim', { caseId: m })
  await rectify(m)
  await world.ok(people.communityLeader, 'case.verify', { caseId: m, passed: false, note: '未整改到位' })
  later(10)
  await rectify(m)
  await tick()

  // D: the hotline, up to the district, signed by both offices to the city, resolved there, three stars.
  const d = await submit(people.airOffice, { ...coal, channel: 'hotline' })
  await escalateToDistrict(world, d)
  later(10)
  await world.ok(people.airOffice, 'case.requestCity', { caseId: d, note: '涉及跨区' })
  await world.ok(people.airOffice, 'case.signOff', { caseId: d, note: '同意' })
  await world.ok(people.longTermOffice, 'case.signOff', { caseId: d, note: '同意' })
  later(60)
  await world.ok(people.airOffice, 'case.cityResolve', { caseId: d, note: '市级已协调办结' })
  await world.ok(people.supervisor, 'case.verify', { caseId: d, passed: true, note: '' })
  await world.ok(people.airOffice, 'case.confirm', { caseId: d, rating: 3, comment: '' })

  // E: claimed, then rejected. G: corrected to the neighbouring grid by its reporter, claimed there.
  const e = await submit(people.resident2, coal)
  await world.ok(people.member, 'case.claim', { caseId: e })
  await world.ok(people.blockLeader, 'case.reject', { caseId: e, reason: 'not-pollution', note: '' })
  const g = await submit(people.resident, dust)
  await world.ok(people.resident, 'case.correctGrid', { caseId: g, gridId: demoGridIds.yingyueRoadGrid2 })
  later(5)
  await world.ok(people.sunkStaff, 'case.claim', { caseId: g })

  // I: a volunteer's report on the street's own corridor, handled by the street. B: a volunteer's report
  // claimed in time and fixed a day late. H: a sensor's alarm nobody claims. K: a report in 高新区.
  const i = await submit(people.volunteer, dust, demoPoints.streetOnly)
  await world.ok(people.streetLeader, 'case.claim', { caseId: i })
  const b = await submit(people.volunteer, coal)
  later(30)
  await world.ok(people.member, 'case.claim', { caseId: b })
  // L: claimed with B, and fixed the next morning after its deadline, before any sweep carded it.
  const l = await submit(people.resident, coal)
  await world.ok(people.member, 'case.claim', { caseId: l })
  // The sensor feed is the district office's.
  await submit(people.airOffice, { channel: 'sensor' })
  // N: a civic app's post through Open311, with the office's key, left on the board.
  const { apiKey } = await world.ok(people.airOffice, 'open311.key.register', { name: '市民服务App' })
  const posted = await handleOpen311Event(
    world.runtime,
    formPost({
      api_key: apiKey,
      service_code: coal.categoryId,
      'attribute[check]': coal.checkId,
      ...wgsFieldsOf(demoPoints.yingyueRoadGrid1),
    }),
  )
  if (posted.statusCode !== 200) throw new Error(`the Open311 post failed: ${posted.body}`)
  await submit(people.resident, { ...site, address: '科学大道' }, demoPoints.wutongKexueAvenue)
  await tick()

  // The afternoon's sweeps: alerts, cards and the automatic escalation of what nobody claimed.
  later(2 * 60 + 10)
  await runSweeps(world.runtime)
  later(2 * 60)
  await runSweeps(world.runtime)
  await tick()

  // Tuesday morning: yellow cards for what is due within hours.
  world.clock.now = new Date('2026-11-24T02:00:00.000Z')
  await runSweeps(world.runtime)

  // Tuesday afternoon: L is fixed past its deadline (one working day), before the sweep cards it; then
  // the sweep gives B its red card, and B is fixed late. The street closes I.
  world.clock.now = new Date('2026-11-24T06:30:00.000Z')
  await rectify(l)
  world.clock.now = new Date('2026-11-24T07:00:00.000Z')
  await runSweeps(world.runtime)
  await rectify(b)
  later(30)
  await world.ok(people.communityLeader, 'case.verify', { caseId: b, passed: true, note: '' })
  await rectify(i, people.streetLeader)
  await world.ok(people.supervisor, 'case.verify', { caseId: i, passed: true, note: '' })
  await world.ok(people.volunteer, 'case.confirm', { caseId: i, rating: 4, comment: '' })
  await tick()

  // Friday: B is closed by the reporter's silence; the unclaimed keep climbing.
  world.clock.now = new Date('2026-11-27T08:00:00.000Z')
  await runSweeps(world.runtime)
  await tick()

  // Either side of midnight between November and December (Beijing).
  world.clock.now = new Date('2026-11-30T15:59:00.000Z')
  const lastOfNovember = await submit(people.resident, dust)
  world.clock.now = new Date('2026-11-30T16:01:00.000Z')
  const firstOfDecember = await submit(people.resident2, dust)
  world.clock.now = new Date('2026-12-01T02:00:00.000Z')
  await world.ok(people.member, 'case.claim', { caseId: lastOfNovember })
  await world.ok(people.member, 'case.claim', { caseId: firstOfDecember })
  await tick()
  return world
}
