/**
 * What every call costs in database requests (in the cloud every request is a network round trip and a
 * billed call): one scenario that makes every action once, and runs each job, measuring each as it goes.
 * `test/cloud/requests-per-act.test.ts` pins the counts; `npm run bench -- --only cost` holds them against
 * their budgets and times them at a cloud-like delay.
 */
import { geoJsonOf, streetFeatures } from './grid-import'
import { collections, jobs } from '../../cloudfunctions/shared/app'
import { prepareCaseNumbers, runSweeps } from '../../cloudfunctions/shared/cases/jobs'
import { runRelay } from '../../cloudfunctions/shared/cases/relay'
import { noTimeLimit } from '../../cloudfunctions/shared/jobs/job'
import { runSender } from '../../cloudfunctions/shared/notify/sender'
import { runBulletins } from '../../cloudfunctions/shared/supervision/bulletin-job'
import { runExports } from '../../cloudfunctions/shared/exports/job'
import { templateIdsOf } from '../../src/domain/notify/subscription'
import { hashCode } from '../../cloudfunctions/shared/people/codes'
import { runPointsJob } from '../../cloudfunctions/shared/rewards/points-job'
import { runStatsJob, statsSettleMillis } from '../../cloudfunctions/shared/reports/stats-job'
import { runWeeklyJob } from '../../cloudfunctions/shared/reports/weekly-job'
import { storesFor } from '../../cloudfunctions/shared/runtime/context'
import { countRequests, type RequestCounts } from '../../emulator/database'
import { demoGridIds, demoPoints } from '../../emulator/demo/grids'
import { actionNames, type ActionInput, type ActionName } from '../../src/domain/contract'
import { accountOf } from '../../cloudfunctions/shared/rewards/store'
import { periodKeyOf } from '../../src/domain/rewards/points'
import { addPeople, payDirect } from '../cloud/rewards/helpers'
import { afterPhoto, escalateToDistrict, people, walkToVerified } from '../cloud/cases/lifecycle/walk'
import { documentsWhere } from './inspect'
import { reportAt, type TestWorld } from './runtime'
import { httpEventOf, signedReading } from './stations'
import { siteInput, siteRow, siteSheet } from './sites'
import { handleIntakeEvent } from '../../cloudfunctions/shared/app'
import type { IntakeAccepted } from '../../cloudfunctions/shared/intake/http'
import { handleOpen311Event } from '../../cloudfunctions/shared/app'
import { formPost, open311Event, wgsFieldsOf } from './open311'

/** One measured call: its requests (per unit, for a job: per case event or per act), and its time. */
export interface CostRow {
  /** The action, or the job and what its cost is counted per; a second call of an action says so. */
  call: string
  /** Requests per unit: per call for an action, amortized over `units` for a job. */
  requests: number
  units: number
  byKind: Record<string, number>
  /** Wall time per unit, in milliseconds. */
  ms: number
}

/** The rows of the jobs, named here so that budgets and tests can refer to them. */
export const jobRows = {
  projection: 'job: points projection, per case event',
  statsProjection: 'job: stats projection, per case event',
  weeklyDrafts: 'job: weekly report drafts, per street',
  relay: 'job: relay, per case event copied out',
  payment: 'job: one points payment',
  sweepAct: 'job: case sweeps, per act',
  send: 'job: subscription-message sender, per outbox entry',
  bulletin: 'job: daily supervision bulletin, per street',
  exportPage: 'job: case-list export, per page',
  idle: (job: string) => `job: ${job}, nothing to do`,
} as const

/** The intake function's rows: one signed reading each, by what it does to the station's episode. */
export const intakeRows = {
  calm: 'intake: a reading, calm',
  streak: 'intake: a reading that starts a streak',
  open: 'intake: the reading that opens an episode and files its case',
  attach: 'intake: a reading in an open episode',
} as const

/** The open311 function's rows: one GeoReport v2 request each. */
export const open311Rows = {
  services: 'open311: GET services.json',
  post: 'open311: POST requests.json',
  retry: 'open311: POST requests.json (a retry)',
  list: 'open311: GET requests.json',
  byService: 'open311: GET requests.json?service_code',
  one: 'open311: GET requests/{id}.json',
} as const

/** The action a row measures (`case.submit (2nd)` is `case.submit`), or null for a job's row. */
export function actionOf(call: string): ActionName | null {
  const name = call.replace(/ \(.*\)$/, '')
  return (actionNames as string[]).includes(name) ? (name as ActionName) : null
}

const bootstrapCode = 'BQ7KX2MNPA'

/** Makes every action once and runs each job, in the world given (the demo world, as tests start it). */
export async function runCostScenario(world: TestWorld): Promise<CostRow[]> {
  const rows: CostRow[] = []
  const measure = async <T>(
    call: string,
    units: number | ((value: T) => number),
    fn: () => Promise<T>,
  ): Promise<T> => {
    const started = performance.now()
    const { value, counts } = await countRequests(fn)
    const count = typeof units === 'number' ? units : units(value)
    rows.push(rowOf(call, count, counts, performance.now() - started))
    return value
  }
  const act = async <A extends ActionName>(
    label: string,
    openid: string,
    action: A,
    payload: ActionInput<A>,
  ) => {
    // A photo it sends was uploaded and registered before: that is photo.register's cost, not the act's.
    const sent = await world.withPhotos(openid, payload)
    const answer = await measure(label, 1, () => world.call(openid, action, sent))
    if (!answer.ok) throw new Error(`${label} failed: ${JSON.stringify(answer.error)}`)
    return answer.data
  }
  const report = async (openid: string, requestId: string, at = demoPoints.yingyueRoadGrid1) =>
    (await world.ok(openid, 'case.submit', reportAt(at, { requestId }))).case.id

  // The grid tree and the district's alert book are cached per warm instance: load them once, as a warm
  // function would have (the home page asks for the alert). The jobs function has run before, so today's
  // case-number counter exists.
  await world.ok(people.resident, 'me.get', {})
  await world.ok(people.resident, 'alert.current', {})
  await prepareCaseNumbers(world.runtime)

  // A photo taken: where it goes, and its registration once uploaded. Its verdict comes after the report.
  world.mediaChecks.auto = false
  await act('photo.prepare', people.resident, 'photo.prepare', {})
  await act('photo.register', people.resident, 'photo.register', { fileID: world.upload(people.resident) })

  // The case loop, a report from submit to confirm.
  await act('me.get', people.resident, 'me.get', {})
  const { id: caseId } = (
    await act('case.submit', people.resident, 'case.submit', reportAt(demoPoints.yingyueRoadGrid1))
  ).case
  // WeChat's verdicts, pushed to the media-check function: the photo registered alone, and the report's.
  await measure(
    'media-check push, per verdict',
    (pushed) => pushed,
    () => world.wechat.deliverMediaChecks(),
  )
  world.mediaChecks.auto = true
  await act('case.get', people.resident, 'case.get', { caseId })
  await act('case.mine', people.resident, 'case.mine', {})
  await act('board.list', people.member, 'board.list', {})
  await act('case.claim', people.member, 'case.claim', { caseId })
  await act('case.rectify', people.member, 'case.rectify', {
    caseId,
    measure: 'dissuade',
    note: '已劝阻',
    photos: [afterPhoto],
  })
  // The reporter reads the fixed case: the trail now shows the after-photo, whose check is looked up.
  await act('case.get (with act evidence)', people.resident, 'case.get', { caseId })
  await act('case.verify', people.communityLeader, 'case.verify', { caseId, passed: true, note: '' })
  await act('case.confirm', people.resident, 'case.confirm', { caseId, rating: 5, comment: '' })
  const other = (
    await act(
      'case.submit (2nd)',
      people.resident2,
      'case.submit',
      reportAt(demoPoints.yingyueRoadGrid1, {
        categoryId: 'construction-site',
        checkId: 'construction-no-fence',
      }),
    )
  ).case.id
  await act('case.escalate', people.member, 'case.escalate', {
    caseId: other,
    reason: 'cannot-handle',
    note: '处置不了',
  })
  await act('notification.list', people.member, 'notification.list', {})
  // The resident allows two messages (the first tap creates their count, the second adds to it).
  const progress = templateIdsOf(world.runtime.settings.subscriptions)[0]!
  await act('notification.subscribe', people.resident, 'notification.subscribe', { accepted: [progress] })
  await act('notification.subscribe (2nd)', people.resident, 'notification.subscribe', {
    accepted: [progress],
  })
  await act('patrol.checkIn', people.volunteer, 'patrol.checkIn', {
    requestId: 'cost-patrol-0001',
    location: demoPoints.yingyueRoadGrid1,
    photos: [afterPhoto],
    note: '工地围挡完好',
  })
  await runRelay(world.runtime)
  await runPointsJob(world.runtime)
  const eventsPaidFor = (await documentsWhere(world.db, collections.caseEvent, {})).length
  // The desk's projection counted these once they were past its settle horizon, as a later tick does.
  const settled = () => new Date(world.clock.now.getTime() + statsSettleMillis + 60_000)
  await runStatsJob({ ...world.runtime, now: settled })
  await act('points.mine', people.resident, 'points.mine', {})
  await act('points.leaderboard', people.resident, 'points.leaderboard', {})

  // Every other act on a case.
  await act('case.sendBack', people.communityLeader, 'case.sendBack', {
    caseId: other,
    note: '请网格员现场处置',
  })
  const joined = await report(people.resident, 'cost-joined')
  await act('case.nearby', people.resident2, 'case.nearby', {
    categoryId: 'open-burning',
    location: demoPoints.yingyueRoadGrid1,
  })
  await act('case.join', people.resident2, 'case.join', {
    caseId: joined,
    location: demoPoints.yingyueRoadGrid1,
  })
  // A report WeChat held for review, let through by the grid's staff.
  world.wechat.setVerdict('text', { suggest: 'review' }, 1)
  const held = await report(people.resident, 'cost-held')
  await act('case.approveContent', people.member, 'case.approveContent', { caseId: held })
  // Its after-photo held by WeChat too, and passed by the grid's staff.
  world.wechat.setVerdict('media', { suggest: 'review' }, 1)
  const heldUpload = await world.photo(people.member)
  await world.ok(people.member, 'case.claim', { caseId: held })
  await world.ok(people.member, 'case.rectify', {
    caseId: held,
    measure: 'dissuade',
    note: '',
    photos: [heldUpload],
  })
  const heldPhoto = (await world.ok(people.member, 'case.get', { caseId: held })).events.flatMap(
    (event) => event.awaitingReview ?? [],
  )[0]!
  await act('case.approveEvidence', people.member, 'case.approveEvidence', {
    caseId: held,
    photoId: heldPhoto.photoId,
  })
  await world.ok(people.member, 'case.claim', { caseId: joined })
  await act('case.release', people.member, 'case.release', { caseId: joined, reason: '需要执法权限' })
  await world.ok(people.member, 'case.claim', { caseId: joined })
  await act('case.supervise', people.supervisor, 'case.supervise', {
    caseId: joined,
    deadlineAt: new Date(world.clock.now.getTime() + 2 * 3_600_000).toISOString(),
    note: '限期整改',
  })
  await act('case.unsupervise', people.supervisor, 'case.unsupervise', { caseId: joined, note: '已整改到位' })
  await act('case.handlerCandidates', people.blockLeader, 'case.handlerCandidates', { caseId: joined })
  await act('case.attachHandlers', people.blockLeader, 'case.attachHandlers', {
    caseId: joined,
    openids: [people.sunkStaff],
  })
  await act('case.recordPart', people.sunkStaff, 'case.recordPart', {
    caseId: joined,
    note: '已下达限期整改通知书',
    photos: [],
  })
  const moved = await report(people.resident, 'cost-moved')
  await act('case.correctGrid', people.resident, 'case.correctGrid', {
    caseId: moved,
    gridId: demoGridIds.yingyueRoadGrid2,
  })
  const rejected = await report(people.resident2, 'cost-rejected')
  await act('case.reject', people.blockLeader, 'case.reject', {
    caseId: rejected,
    reason: 'not-pollution',
    note: '',
  })
  const duplicate = await report(people.resident, 'cost-duplicate')
  const survivor = await report(people.resident2, 'cost-survivor')
  await act('case.merge', people.blockLeader, 'case.merge', {
    caseId: duplicate,
    intoCaseId: survivor,
    reason: '重复举报',
  })
  await act('case.verifyTrail', people.member, 'case.verifyTrail', { caseId: survivor })
  const disputed = await report(people.resident, 'cost-disputed')
  await walkToVerified(world, disputed)
  await act('case.dispute', people.resident, 'case.dispute', { caseId: disputed, reason: '问题依旧' })
  const toCity = await report(people.resident2, 'cost-to-city')
  await escalateToDistrict(world, toCity)
  await act('case.requestCity', people.airOffice, 'case.requestCity', { caseId: toCity, note: '涉及跨区' })
  await act('case.signOff', people.airOffice, 'case.signOff', { caseId: toCity, note: '同意' })
  await world.ok(people.longTermOffice, 'case.signOff', { caseId: toCity, note: '同意' })
  await act('case.cityResolve', people.airOffice, 'case.cityResolve', {
    caseId: toCity,
    note: '市级已协调办结',
  })
  await act('grid.cards', people.member, 'grid.cards', {})
  await act('points.ledger', people.resident, 'points.ledger', { openid: people.resident })

  // A monitoring station: registered by the office, then its signed readings through the intake function.
  const { secret } = await act('station.register', people.airOffice, 'station.register', {
    stationId: 'cost-station',
    name: '映月路监测点',
    location: demoPoints.yingyueRoadGrid1,
  })
  const sendReading = (label: string, pm10: number) =>
    measure(label, 1, async () => {
      const body = { stationId: 'cost-station', at: world.clock.now.toISOString(), pm25: 40, pm10 }
      const response = await handleIntakeEvent(
        world.runtime,
        httpEventOf(signedReading(secret, body, { now: world.clock.now })),
      )
      if (response.statusCode !== 200) throw new Error(`${label} failed: ${response.body}`)
      return JSON.parse(response.body) as IntakeAccepted
    })
  await sendReading(intakeRows.calm, 90)
  await sendReading(intakeRows.streak, 230)
  // The streak has lasted its duration (here none is asked, so that the clock stays where the cache is warm).
  const monitoring = world.runtime.settings.monitoring
  world.configure({ monitoring: { ...monitoring, durationMinutes: 0 } })
  const opened = await sendReading(intakeRows.open, 230)
  world.configure({ monitoring })
  await sendReading(intakeRows.attach, 230)
  await act('station.episode', people.resident, 'station.episode', { caseId: opened.episode!.caseId! })
  await act('station.list', people.airOffice, 'station.list', {})
  // The complaint line: the operator enters a caller's complaint.
  const { case: phoned } = await act('hotline.record', people.airOffice, 'hotline.record', {
    requestId: 'cost-hotline-0001',
    categoryId: 'open-burning',
    checkId: 'burning-garbage',
    description: '来电反映有人焚烧垃圾',
    location: demoPoints.yingyueRoadGrid1,
    address: '映月路与商鼎路交叉口',
    callerName: '王先生',
    callerPhone: '13800000000',
  })
  // Open311: the office registers a civic app's key; the app reads and posts through the open311 function.
  const { apiKey, key } = await act('open311.key.register', people.airOffice, 'open311.key.register', {
    name: '市民服务App',
  })
  await act('open311.key.list', people.airOffice, 'open311.key.list', {})
  const georeport = (label: string, event: unknown) =>
    measure(label, 1, async () => {
      const response = await handleOpen311Event(world.runtime, event)
      if (response.statusCode !== 200) throw new Error(`${label} failed: ${response.body}`)
      return JSON.parse(response.body) as { service_request_id: string }[]
    })
  await georeport(open311Rows.services, open311Event('GET', 'services.json'))
  const post = formPost({
    api_key: apiKey,
    service_code: 'open-burning',
    'attribute[check]': 'burning-garbage',
    ...wgsFieldsOf(demoPoints.yingyueRoadGrid1),
    description: '小区北侧空地有人焚烧垃圾',
  })
  await georeport(open311Rows.post, post)
  await georeport(open311Rows.retry, post)
  await georeport(open311Rows.list, open311Event('GET', 'requests.json'))
  await georeport(
    open311Rows.byService,
    open311Event('GET', 'requests.json', { query: { service_code: 'open-burning,road-dust' } }),
  )
  await georeport(open311Rows.one, open311Event('GET', `requests/${phoned.id}.json`))
  await act('open311.key.revoke', people.airOffice, 'open311.key.revoke', { keyId: key.id })

  // A grid member's patrol round: started, a photo-less check-in on its track, a problem found, read, ended.
  const { round } = await act('patrol.startRound', people.member, 'patrol.startRound', {
    requestId: 'cost-round-0001',
  })
  await act('patrol.checkIn (in a round)', people.member, 'patrol.checkIn', {
    requestId: 'cost-round-check-0001',
    roundId: round.id,
    location: demoPoints.yingyueRoadGrid1,
    note: '路过映月路',
  })
  await act('patrol.report', people.member, 'patrol.report', {
    requestId: 'cost-round-report-0001',
    roundId: round.id,
    categoryId: 'open-burning',
    checkId: 'burning-garbage',
    description: '巡查发现有人焚烧垃圾',
    location: demoPoints.yingyueRoadGrid1,
  })
  await act('patrol.round', people.member, 'patrol.round', {})
  await act('patrol.endRound', people.member, 'patrol.endRound', { roundId: round.id })

  // People: an office invites, a newcomer joins, the office manages its staff.
  const office = people.airOffice
  await act('invite.options', office, 'invite.options', {})
  const { code } = await act('invite.create', office, 'invite.create', {
    role: 'grid_member',
    gridId: demoGridIds.yingyueRoadGrid2,
    name: '网格员小王',
  })
  await act('invite.list', office, 'invite.list', {})
  await act('invite.preview', 'dev-newcomer1', 'invite.preview', { code })
  await act('invite.redeem', 'dev-newcomer1', 'invite.redeem', { code })
  const unused = await world.ok(office, 'invite.create', {
    role: 'grid_member',
    gridId: demoGridIds.yingyueRoadGrid2,
    name: '网格员小李',
  })
  await act('invite.revoke', office, 'invite.revoke', { inviteId: unused.invite.id })
  await act('staff.list', office, 'staff.list', {})
  await act('staff.move', office, 'staff.move', {
    openid: 'dev-newcomer1',
    gridId: demoGridIds.yingyueRoadGrid1,
  })
  await act('staff.revokeRole', office, 'staff.revokeRole', { openid: 'dev-newcomer1' })

  // One points payment through the ledger, as the points job and a check-in make them.
  await measure(jobRows.payment, 1, () =>
    payDirect(world, people.resident2, { points: 5, at: world.clock.now.toISOString() }),
  )

  // The office imports a street of 7 grids; measured per feature (the tree read, a write each, the log).
  // Here, where the clock jumps next: the import drops the tree cache, which would otherwise add a read to
  // the next act measured.
  const gridFile = streetFeatures()
  await measure('grid.import', gridFile.length, async () => {
    const answer = await world.call(office, 'grid.import', {
      format: 'geojson',
      content: geoJsonOf(gridFile),
    })
    if (!answer.ok) throw new Error(`grid.import failed: ${JSON.stringify(answer.error)}`)
    return answer.data
  })

  // November is over: its award, drafted, published and listed.
  world.clock.now = new Date('2026-12-01T02:00:00.000Z')
  const { award } = await act('award.draft', office, 'award.draft', { kind: 'month', period: '2026-11' })
  await act('award.publish', office, 'award.publish', { awardId: award.id })
  await act('award.list', office, 'award.list', { status: 'all' })

  // A week on, the sweeps find the open cases due their alerts, cards and escalations.
  await measure(
    jobRows.sweepAct,
    (reports) => reports.reduce((sum, entry) => sum + entry.acted, 0),
    () => runSweeps(world.runtime),
  )
  // The relay copies out what the acts above and the sweeps left on their cases; the projection reads it.
  await measure(
    jobRows.relay,
    (report) => Math.max(report.acted, 1),
    () => runRelay(world.runtime),
  )
  // The sender delivers what the relay queued for people: sent while they have sends left, else passed by.
  await measure(
    jobRows.send,
    (report) => Math.max(report.acted, 1),
    () => runSender(world.runtime, noTimeLimit),
  )
  const events = (await documentsWhere(world.db, collections.caseEvent, {})).length - eventsPaidFor
  await measure(jobRows.projection, events, () => runPointsJob(world.runtime))
  // The desk's projection counts the rest, into the documents of the days, weeks… it counted before.
  world.clock.now = settled()
  await measure(jobRows.statsProjection, events, () => runStatsJob(world.runtime))
  await act('stats.overview', people.streetLeader, 'stats.overview', { period: '2026-11' })
  await act('stats.cases', people.supervisor, 'stats.cases', {
    gridId: demoGridIds.yingyueRoadGrid1,
    period: '2026-11',
    indicator: 'missedByPatrol',
  })
  // The charts: the caller, then one read by id of the weeks' and month's documents (a district's with its
  // streets' months).
  await act('stats.charts', people.streetLeader, 'stats.charts', { weeks: 12 })
  await act('stats.charts (a district)', office, 'stats.charts', { weeks: 26 })
  // 挂图作战: the district's streets coloured by closure rate with its open cases; a street's communities
  // with one category's overdue cases.
  await act('desk.map', office, 'desk.map', { period: '2026-11', indicator: 'closure' })
  await act('desk.map (a street, filtered)', office, 'desk.map', {
    gridId: demoGridIds.hanghaiEastRoad,
    period: '2026-11',
    indicator: 'overdue',
    category: 'coal-stove',
    status: 'overdue',
  })
  // November's assessment from the desk's month documents: drafted, redrafted unchanged and with other
  // weights (the first draft kept as history), published, listed.
  await act('assessment.draft', office, 'assessment.draft', { month: '2026-11' })
  await act('assessment.draft (unchanged)', office, 'assessment.draft', { month: '2026-11' })
  const weights = world.runtime.settings.assessment
  world.configure({ assessment: { ...weights, indicators: [{ id: 'closure', weight: 1 }] } })
  await act('assessment.draft (changed)', office, 'assessment.draft', { month: '2026-11' })
  world.configure({ assessment: weights })
  await act('assessment.publish', office, 'assessment.publish', { month: '2026-11' })
  await act('assessment.list', people.member, 'assessment.list', {})
  await act('assessment.list (a month)', people.supervisor, 'assessment.list', { month: '2026-11' })
  // The 督查室: its lists, a note on a grid's record (with its case), the morning's bulletins.
  await act('supervision.list', people.supervisor, 'supervision.list', { filter: 'flagged' })
  await act('supervision.list (overdue)', people.supervisor, 'supervision.list', { filter: 'overdue' })
  await act('supervision.note', people.supervisor, 'supervision.note', {
    requestId: 'cost-note-1',
    gridId: demoGridIds.yingyueRoadGrid1,
    kind: 'interview',
    note: '约谈网格长',
    caseId: joined,
  })
  // A heavy-pollution alert: set, seen, reported under, listed, lifted. Days have passed since the
  // morning: the jobs function has made today's case-number counter.
  await prepareCaseNumbers(world.runtime)
  const alertStart = world.clock.now.toISOString()
  const alertEnd = new Date(world.clock.now.getTime() + 48 * 3_600_000).toISOString()
  const { alert } = await act('alert.set', office, 'alert.set', {
    level: 'orange',
    startsAt: alertStart,
    endsAt: alertEnd,
    note: '',
  })
  await act('alert.current', people.resident, 'alert.current', {})
  await act(
    'case.submit (under an alert)',
    people.resident,
    'case.submit',
    reportAt(demoPoints.yingyueRoadGrid1, {
      categoryId: 'construction-site',
      checkId: 'construction-no-fence',
    }),
  )
  await act('alert.list', people.member, 'alert.list', {})
  await act('alert.lift', office, 'alert.lift', { alertId: alert.id, note: '' })
  // The site register: a site registered and changed, the sites near a report suggested to its reporter, who
  // files the case under one; the lists (all, and by colour), a site's page; a sheet imported, then again.
  const { site } = await act('site.create', office, 'site.create', siteInput({ requestId: 'cost-site-0001' }))
  const { requestId: _unused, ...siteFields } = siteInput({ name: '映月路安置房工地（二期）' })
  await act('site.update', office, 'site.update', { siteId: site.id, ...siteFields })
  await act('site.nearby', people.resident, 'site.nearby', { location: demoPoints.yingyueRoadGrid1 })
  const siteCase = await report(people.resident, 'cost-site-case-0001')
  await act('case.linkSite', people.resident, 'case.linkSite', { caseId: siteCase, siteId: site.id })
  await act('site.list', office, 'site.list', {})
  await act('site.list (red)', office, 'site.list', { status: 'red' })
  await act('site.get', office, 'site.get', { siteId: site.id })
  const sheet = await siteSheet(Array.from({ length: 20 }, (_, n) => siteRow(`成本测试工地${n + 1}`)))
  await act('site.import (20 rows)', office, 'site.import', { content: sheet })
  await act('site.import (20 rows, again)', office, 'site.import', { content: sheet })
  // Yesterday's bulletins, a street at a time: the district's day sheets, flags and notes, then the writes.
  await measure(
    jobRows.bulletin,
    (report) => Math.max(report.acted, 1),
    () => runBulletins(world.runtime),
  )
  // Thursday 3 December, 09:00 in Beijing: the weekly job drafts the report week just ended for every
  // street and community, from the street documents the projection keeps; the leaders fill in and merge.
  const beforeThursday = world.clock.now
  world.clock.now = new Date('2026-12-03T01:00:00.000Z')
  const streets = (await storesFor(world.runtime).grids.index()).tree
    .all()
    .filter((node) => node.level === 'street').length
  await measure(jobRows.weeklyDrafts, streets, () => runWeeklyJob(world.runtime))
  const weeklyId = `${demoGridIds.yingyueRoad}:2026-R49`
  const weeklyText = { problems: '工地围挡缺失', suggestions: '加强夜间巡查', nextWeek: '重点检查渣土车' }
  await act('report.weekly.list', people.streetLeader, 'report.weekly.list', {})
  await act('report.weekly.get', people.communityLeader, 'report.weekly.get', { id: weeklyId })
  await act('report.weekly.submit', people.communityLeader, 'report.weekly.submit', {
    id: weeklyId,
    ...weeklyText,
  })
  await act('report.weekly.submit (2nd)', people.communityLeader, 'report.weekly.submit', {
    id: weeklyId,
    ...weeklyText,
    nextWeek: '重点检查露天烧烤',
  })
  await act('report.weekly.merge', people.streetLeader, 'report.weekly.merge', {
    streetId: demoGridIds.hanghaiEastRoad,
    week: '2026-R49',
    text: '各社区已报送',
  })
  await act('report.weekly.list (district)', office, 'report.weekly.list', { week: '2026-R49' })
  await act('report.weekly.export', people.streetLeader, 'report.weekly.export', { week: '2026-R49' })
  // Case-list exports: a small one written in the request, a large one left to the jobs function (here a
  // page of ten cases at a time), its progress read, the caller's exports listed.
  await act('export.start', office, 'export.start', {
    requestId: 'cost-export-1',
    format: 'csv',
    filters: { gridId: demoGridIds.yingyueRoadGrid1 },
  })
  const policy = world.runtime.settings.policy
  world.configure({ policy: { ...policy, exports: { maxCases: 20_000, inlineCases: 0, pageCases: 10 } } })
  const { export: large } = await act('export.start (left to the job)', office, 'export.start', {
    requestId: 'cost-export-2',
    format: 'xlsx',
    filters: {},
  })
  await measure(
    jobRows.exportPage,
    (report) => Math.max(report.acted, 1),
    () => runExports(world.runtime, noTimeLimit),
  )
  world.configure({ policy })
  await act('export.get', office, 'export.get', { id: large.id })
  await act('export.list', office, 'export.list', {})
  world.clock.now = beforeThursday
  for (const job of jobs) await job.run(world.runtime, noTimeLimit)
  for (const job of jobs) await measure(jobRows.idle(job.name), 1, () => job.run(world.runtime, noTimeLimit))
  await act('supervision.bulletin', people.supervisor, 'supervision.bulletin', {})
  await act('trail.checkpoints', office, 'trail.checkpoints', {
    day: periodKeyOf('day', new Date(world.clock.now.getTime() - 86_400_000)),
  })

  // A long list: more ranked than any top shows, and the caller outside it (their place is a count).
  await payDirect(world, people.resident, { points: 5, at: world.clock.now.toISOString() })
  const standing = accountOf((await world.db.collection(collections.user).doc(people.resident).get()).data[0])
    .standings[periodKeyOf('month', world.clock.now)]
  if (!standing) throw new Error('the resident has no standing this month')
  const crowd = Array.from({ length: 60 }, (_, i) => `cost-crowd-${String(i).padStart(2, '0')}`)
  await addPeople(world, crowd)
  for (const openid of crowd)
    await payDirect(world, openid, {
      points: standing.points + 50,
      at: world.clock.now.toISOString(),
      districtId: standing.districtId,
      streetId: standing.streetId,
    })
  await act('points.mine (long list)', people.resident, 'points.mine', {})
  await act('points.leaderboard (long list)', people.resident, 'points.leaderboard', { scope: 'district' })

  // The operator's view of messages that did not go out, and one failed message queued again (made failed
  // here: the sender's own way there is in its tests).
  const [sent] = await documentsWhere<{ _id: string }>(world.db, 'outbox', {
    gridPath: demoGridIds.guancheng,
    'delivery.state': 'sent',
  })
  if (!sent) throw new Error('no message of the district was sent')
  await world.db
    .collection('outbox')
    .doc(sent._id)
    .update({ 'delivery.state': 'failed', 'delivery.errCode': 45009 })
  await act('notification.deliveries', office, 'notification.deliveries', { state: 'failed' })
  await act('notification.resend', office, 'notification.resend', { id: sent._id })

  // A deployment's first office, from the bootstrap code, once no office is left.
  for (const user of await documentsWhere<{ _id: string }>(world.db, collections.user, {
    role: 'district_office',
  }))
    await world.db.collection(collections.user).doc(user._id).update({ role: 'resident', gridIds: [] })
  world.runtime.bootstrapCodeHash = hashCode(bootstrapCode)
  await act('bootstrap.claim', 'dev-founder1', 'bootstrap.claim', {
    code: bootstrapCode,
    districtId: demoGridIds.guancheng,
  })
  return rows
}

function rowOf(call: string, units: number, counts: RequestCounts, ms: number): CostRow {
  const per = (value: number) => (units > 0 ? value / units : value)
  return { call, requests: per(counts.requests), units, byKind: counts.byKind, ms: per(ms) }
}
