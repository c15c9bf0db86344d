/**
 * What the api's fuzz and adversarial tests share: a payload each action accepts (whether the caller may do
 * it is another matter), and the check every answer must pass, a well-formed envelope: ok with data that
 * the action's output schema accepts, or a refusal with a known kebab-case code and a Chinese message,
 * never `internal`.
 */
import { actions, type ActionInput, type ActionName } from '../../src/domain/contract'
import { errorMessages, type Envelope } from '../../src/domain/shared/errors'
import { demoGridIds, demoPoints } from '../../emulator/demo/grids'
import { geoJsonOf, streetFeatures } from './grid-import'
import { ownPhoto } from './photos'
import { reportAt, type TestWorld } from './runtime'
import { runWeeklyJob } from '../../cloudfunctions/shared/reports/weekly-job'
import { siteInput, siteRow, siteSheet } from './sites'

export const photo = ownPhoto
const chinese = /[\u4e00-\u9fa5]/
const kebab = /^[a-z]+(-[a-z]+)*$/

export interface Ids {
  caseId: string
  otherCaseId: string
  /** An unregistered upload of the demo resident's. */
  upload: string
  /** A registered site in 映月路社区第1网格, and a spreadsheet of two more (base64). */
  siteId: string
  siteSheet: string
}

let checkIns = 0
let stations = 0

/** A payload each action accepts (whether the caller may do it is another matter). */
export const validPayloads: { [A in ActionName]: (ids: Ids) => ActionInput<A> } = {
  'me.get': () => ({}),
  'case.submit': () => reportAt(demoPoints.yingyueRoadGrid1, { photos: [photo] }),
  'case.get': ({ caseId }) => ({ caseId }),
  'case.mine': () => ({ page: 1, pageSize: 10 }),
  'case.claim': ({ caseId }) => ({ caseId }),
  'case.release': ({ caseId }) => ({ caseId, reason: '不属于本网格' }),
  'case.rectify': ({ caseId }) => ({ caseId, measure: 'on-site-fix', note: '已清理', photos: [photo] }),
  'case.escalate': ({ caseId }) => ({ caseId, reason: 'cannot-handle', note: '需要上级协调' }),
  'case.requestCity': ({ caseId }) => ({ caseId, note: '涉及跨区，需市级协调' }),
  'case.signOff': ({ caseId }) => ({ caseId, note: '' }),
  'case.sendBack': ({ caseId }) => ({ caseId, note: '请属地先行处置' }),
  'case.verify': ({ caseId }) => ({ caseId, passed: true, note: '' }),
  'case.confirm': ({ caseId }) => ({ caseId, rating: 5, comment: '' }),
  'case.dispute': ({ caseId }) => ({ caseId, reason: '问题依旧' }),
  'case.reject': ({ caseId }) => ({ caseId, reason: 'not-pollution', note: '' }),
  'case.merge': ({ caseId, otherCaseId }) => ({ caseId, intoCaseId: otherCaseId, reason: '重复举报' }),
  'case.cityResolve': ({ caseId }) => ({ caseId, note: '市级已协调办结' }),
  'case.supervise': ({ caseId }) => ({ caseId, deadlineAt: '2026-11-30T08:00:00.000Z', note: '挂牌督办' }),
  'case.unsupervise': ({ caseId }) => ({ caseId, note: '已按期整改' }),
  'case.attachHandlers': ({ caseId }) => ({ caseId, openids: ['demo-sunk-staff'] }),
  'case.handlerCandidates': ({ caseId }) => ({ caseId }),
  'case.recordPart': ({ caseId }) => ({ caseId, note: '本部门已处置', photos: [] }),
  'case.correctGrid': ({ caseId }) => ({ caseId, gridId: demoGridIds.yingyueRoadGrid2 }),
  'case.nearby': () => ({ categoryId: 'open-burning', location: demoPoints.yingyueRoadGrid1 }),
  'case.join': ({ caseId }) => ({ caseId, location: demoPoints.yingyueRoadGrid1 }),
  'case.approveContent': ({ caseId }) => ({ caseId }),
  // A photo no event of the case names: refused by the domain after its two reads.
  'case.approveEvidence': ({ caseId }) => ({ caseId, photoId: 'photo-not-in-the-trail' }),
  'case.verifyTrail': ({ caseId }) => ({ caseId }),
  'trail.checkpoints': () => ({ day: '2026-11-22' }),
  'stats.overview': () => ({ gridId: demoGridIds.yingyueRoad, period: '2026-11' }),
  'stats.cases': () => ({ period: '2026-W48', indicator: 'bySource', value: 'patrol' }),
  'stats.charts': () => ({ gridId: demoGridIds.hanghaiEastRoad, weeks: 12 }),
  'desk.map': () => ({ period: '2026-11', indicator: 'closure', status: 'open' }),
  'assessment.draft': () => ({ month: '2026-11' }),
  'assessment.publish': () => ({ month: '2026-11' }),
  'assessment.list': () => ({ month: '2026-11', level: 'block' }),
  'supervision.list': () => ({ filter: 'flagged', gridId: demoGridIds.hanghaiEastRoad }),
  'supervision.note': ({ caseId }) => ({
    requestId: 'fuzz-note-1',
    gridId: demoGridIds.yingyueRoadGrid1,
    kind: 'interview',
    note: '约谈网格长，限期整改',
    caseId,
  }),
  'supervision.bulletin': () => ({ day: '2026-11-22', streetId: demoGridIds.hanghaiEastRoad }),
  'alert.set': () => ({
    level: 'orange',
    startsAt: '2027-01-10T00:00:00.000Z',
    endsAt: '2027-01-13T00:00:00.000Z',
    note: '预计出现持续重污染天气',
  }),
  'alert.lift': () => ({ alertId: `${demoGridIds.guancheng}:1`, note: '空气质量好转' }),
  'alert.current': () => ({}),
  'alert.list': () => ({ page: 1, pageSize: 10 }),
  'report.weekly.list': () => ({ week: '2026-R49' }),
  'report.weekly.get': () => ({ id: `${demoGridIds.yingyueRoad}:2026-R49` }),
  'report.weekly.submit': () => ({
    id: `${demoGridIds.yingyueRoad}:2026-R49`,
    problems: '工地围挡缺失',
    suggestions: '加强夜间巡查',
    nextWeek: '重点检查渣土车',
  }),
  'report.weekly.merge': () => ({
    streetId: demoGridIds.hanghaiEastRoad,
    week: '2026-R49',
    text: '各社区已按时报送',
  }),
  'report.weekly.export': () => ({ week: '2026-R49' }),
  'export.start': () => ({
    requestId: `export-fuzz-${String((stations += 1)).padStart(6, '0')}`,
    format: 'csv',
    filters: { status: 'open', period: '2026-11' },
  }),
  'export.get': () => ({ id: 'a'.repeat(32) }),
  'export.list': () => ({}),
  'photo.prepare': () => ({}),
  'photo.register': ({ upload }) => ({ fileID: upload }),
  'board.list': () => ({ filter: 'unclaimed' }),
  'grid.cards': () => ({}),
  'notification.list': () => ({}),
  'notification.subscribe': () => ({ accepted: ['placeholder-case-progress'] }),
  'notification.deliveries': () => ({ state: 'failed' }),
  'notification.resend': () => ({ id: 'no-such-entry' }),
  'points.mine': () => ({}),
  'points.ledger': () => ({ openid: 'demo-resident' }),
  'points.leaderboard': () => ({ kind: 'month', scope: 'all', limit: 10 }),
  'award.draft': () => ({ kind: 'month', period: '2026-11' }),
  'award.publish': () => ({ awardId: 'month:2026-11:public:grid-410104' }),
  'award.list': () => ({ status: 'all' }),
  'grid.import': () => ({ format: 'geojson', content: geoJsonOf(streetFeatures()), dryRun: true }),
  'invite.options': () => ({}),
  'invite.create': () => ({ role: 'grid_member', gridId: demoGridIds.yingyueRoadGrid1, name: '小王' }),
  'invite.list': () => ({ status: 'open' }),
  'invite.revoke': () => ({ inviteId: 'a'.repeat(64) }),
  'invite.preview': () => ({ code: 'ABCDEFGHJK' }),
  'invite.redeem': () => ({ code: 'ABCDEFGHJK' }),
  'staff.list': () => ({}),
  'staff.revokeRole': () => ({ openid: 'demo-volunteer' }),
  'staff.move': () => ({ openid: 'demo-grid-member', gridId: demoGridIds.yingyueRoadGrid2 }),
  'bootstrap.claim': () => ({ code: 'ABCDEFGHJK' }),
  'patrol.checkIn': () => ({
    requestId: `patrol-fuzz-${String((checkIns += 1)).padStart(6, '0')}`,
    location: demoPoints.yingyueRoadGrid1,
    photos: [photo],
    note: '巡查正常',
  }),
  'patrol.startRound': () => ({
    requestId: `round-fuzz-${String((checkIns += 1)).padStart(6, '0')}`,
  }),
  'patrol.endRound': () => ({ roundId: `round-${'a'.repeat(24)}` }),
  'patrol.round': () => ({}),
  'patrol.report': () => ({
    requestId: `patrol-report-fuzz-${String((checkIns += 1)).padStart(6, '0')}`,
    roundId: `round-${'a'.repeat(24)}`,
    categoryId: 'open-burning',
    checkId: 'burning-garbage',
    description: '巡查发现有人焚烧垃圾',
    location: demoPoints.yingyueRoadGrid1,
  }),
  'station.register': () => ({
    stationId: `fuzz-station-${String((stations += 1)).padStart(4, '0')}`,
    name: '映月路监测点',
    location: demoPoints.yingyueRoadGrid1,
  }),
  'station.episode': ({ caseId }) => ({ caseId }),
  'station.list': () => ({ page: 1, pageSize: 10 }),
  'hotline.record': () => ({
    requestId: `hotline-fuzz-${String((stations += 1)).padStart(6, '0')}`,
    categoryId: 'open-burning',
    checkId: 'burning-garbage',
    description: '来电反映有人焚烧垃圾',
    location: demoPoints.yingyueRoadGrid1,
    address: '映月路与商鼎路交叉口',
    callerName: '王先生',
    callerPhone: '13800000000',
  }),
  'open311.key.register': () => ({ name: '市民服务App', contact: '信息中心 0371-00000000' }),
  'open311.key.list': () => ({}),
  'open311.key.revoke': () => ({ keyId: '0123456789ab' }),
  'site.create': () => siteInput({ name: `模糊测试工地${String((stations += 1)).padStart(6, '0')}` }),
  'site.update': ({ siteId }) => ({ siteId, ...siteInput({ name: '映月路安置房工地（二期）' }) }),
  'site.get': ({ siteId }) => ({ siteId }),
  'site.list': () => ({ status: 'green', page: 1, pageSize: 10 }),
  'site.import': ({ siteSheet }) => ({ content: siteSheet, dryRun: true }),
  'site.nearby': () => ({ location: demoPoints.yingyueRoadGrid1 }),
  'case.linkSite': ({ caseId, siteId }) => ({ caseId, siteId }),
}

/** What is wrong with an answer, or null when it is a well-formed envelope for the action. */
export function malformed(action: ActionName, answer: Envelope<unknown>): string | null {
  if (typeof answer !== 'object' || answer === null) return `not an envelope: ${String(answer)}`
  if (answer.ok === true) {
    const parsed = actions[action].output.safeParse(answer.data)
    return parsed.success ? null : `output does not parse: ${JSON.stringify(parsed.error.issues.slice(0, 3))}`
  }
  if (answer.ok !== false) return `ok is ${String((answer as { ok: unknown }).ok)}`
  const { code, message, fields } = answer.error
  if (code === 'internal') return 'failed internally'
  if (!kebab.test(code) || !(code in errorMessages)) return `code ${code} is not a known kebab-case code`
  if (!chinese.test(message)) return `message ${message} is not Chinese`
  const foreign = Object.entries(fields ?? {}).filter(([, text]) => !chinese.test(text))
  return foreign.length === 0 ? null : `field messages not in Chinese: ${JSON.stringify(foreign)}`
}

/**
 * The ids the payloads name: two residents' reports and an unregistered upload of the first one's; and
 * the week's reports drafted.
 */
export async function fuzzIds(world: TestWorld): Promise<Ids> {
  const submitted = await Promise.all(
    ['demo-resident', 'demo-resident-2'].map((openid) =>
      world.ok(openid, 'case.submit', reportAt(demoPoints.yingyueRoadGrid1)),
    ),
  )
  // The Thursday drafts of 2026-R49, so that the weekly actions find the reports their payloads name.
  const present = world.clock.now
  world.clock.now = new Date('2026-12-03T01:00:00.000Z')
  await runWeeklyJob(world.runtime)
  world.clock.now = present
  const site = await world.ok('demo-air-office', 'site.create', siteInput())
  return {
    caseId: submitted[0]!.case.id,
    otherCaseId: submitted[1]!.case.id,
    upload: world.upload('demo-resident'),
    siteId: site.site.id,
    siteSheet: await siteSheet([siteRow('一号工地'), siteRow('二号工地')]),
  }
}
