import { z } from '../shared/zod'
import type { CaseStatus } from '../case/status'
import { rejectReasonCodes, rejectReasons, type RejectReason } from '../case/policy'
import { roleSchema, type Role } from '../people/roles'
import {
  calendarKeysOf,
  periodEnded,
  periodKindOf as calendarKindOf,
  type CalendarKeys,
  type Instant,
} from '../shared/time'

/**
 * Points and rankings, pure: the versioned rule table (catalog/points-rules.json), Beijing-time periods,
 * what an event pays (keyed, so that paying twice is impossible by construction), caps, tally deltas and
 * the ranking order. No clock, no database: the callers pass the facts in.
 */

// ---- vocabulary ---------------------------------------------------------------------------------

export const periodKinds = ['month', 'quarter', 'year'] as const
export type PeriodKind = (typeof periodKinds)[number]
export const periodKindLabels: Record<PeriodKind, string> = { month: '月度', quarter: '季度', year: '年度' }

/** Who competes with whom: the public (residents, volunteers) and grid staff are never ranked together. */
export const rankLists = ['public', 'staff'] as const
export type RankList = (typeof rankLists)[number]
export const rankListLabels: Record<RankList, string> = { public: '市民榜', staff: '工作人员榜' }

export const rankScopes = ['all', 'district', 'street'] as const
export type RankScopeType = (typeof rankScopes)[number]
export const rankScopeLabels: Record<RankScopeType, string> = {
  all: '全部',
  district: '本区',
  street: '本街道',
}

export const pointsReasons = [
  'report-accepted',
  'report-rectified',
  'case-joined',
  'patrol-check-in',
  'reversal',
] as const
export type PointsReason = (typeof pointsReasons)[number]
export const pointsReasonLabels: Record<PointsReason, string> = {
  'report-accepted': '举报被受理',
  'report-rectified': '举报的问题已整改',
  'case-joined': '附议已有问题',
  'patrol-check-in': '巡查打卡',
  reversal: '积分撤销',
}

/** Case acts that can mark a report as accepted (the first of them that happens counts). */
const acceptingActs = ['claim', 'request-city', 'sign-off', 'rectify', 'verify'] as const

// ---- the rule table -----------------------------------------------------------------------------

const nonNegative = z.number().int().min(0)
const awardRuleSchema = z.object({ title: z.string().min(1), winners: z.number().int().min(1).max(100) })

export const pointsRuleTableSchema = z.object({
  version: z.number().int().positive(),
  /** ISO time with offset; the table applies to events at or after it (until a later version starts). */
  effectiveFrom: z.iso.datetime({ offset: true }),
  note: z.string().default(''),
  points: z.object({
    reportAccepted: nonNegative,
    reportRectified: nonNegative,
    caseJoined: nonNegative,
    patrolCheckIn: nonNegative,
  }),
  acceptedOn: z.array(z.enum(acceptingActs)).min(1),
  rectifiedOn: z.array(z.enum(['verify'])),
  reverseOnReject: z.array(z.enum(rejectReasonCodes)),
  reverseOnMerge: z.boolean(),
  caps: z.object({ dailyPoints: z.number().int().positive(), monthlyPoints: z.number().int().positive() }),
  patrol: z.object({
    roles: z.array(roleSchema),
    /** Check-ins per person and Beijing day that earn points; later ones are recorded with 0. */
    paidPerDay: nonNegative,
    minPhotos: z.number().int().min(1),
  }),
  /** Roles in each list; a role in no list earns nothing. Leave `staff` empty to keep staff out of the awards. */
  lists: z.object({ public: z.array(roleSchema), staff: z.array(roleSchema) }),
  awards: z.object({ month: awardRuleSchema, quarter: awardRuleSchema, year: awardRuleSchema }),
})
export type PointsRuleTable = z.infer<typeof pointsRuleTableSchema>

const ruleBookSchema = z.object({
  note: z.string().default(''),
  versions: z.array(pointsRuleTableSchema).min(1),
})
export type PointsRuleBook = z.infer<typeof ruleBookSchema>

/** Parses and checks a rule book: versions strictly increase in number and start time; no role is in two lists. */
export function parsePointsRules(input: unknown): PointsRuleBook {
  const book = ruleBookSchema.parse(input)
  book.versions.forEach((table, index) => {
    const overlap = table.lists.public.filter((role) => table.lists.staff.includes(role))
    if (overlap.length > 0)
      throw new Error(`points rules v${table.version}: ${overlap.join(', ')} in both lists`)
    const previous = book.versions[index - 1]
    if (!previous) return
    if (table.version <= previous.version)
      throw new Error(`points rules: version ${table.version} after ${previous.version}`)
    if (Date.parse(table.effectiveFrom) <= Date.parse(previous.effectiveFrom)) {
      throw new Error(`points rules: v${table.version} must start after v${previous.version}`)
    }
  })
  return book
}

/** The table in force at an instant, or undefined before the first one (nothing is paid then). */
export function rulesAt(book: PointsRuleBook, instant: Date | string): PointsRuleTable | undefined {
  const at = typeof instant === 'string' ? Date.parse(instant) : instant.getTime()
  let found: PointsRuleTable | undefined
  for (const table of book.versions) if (Date.parse(table.effectiveFrom) <= at) found = table
  return found
}

export function ruleVersion(book: PointsRuleBook, version: number): PointsRuleTable | undefined {
  return book.versions.find((table) => table.version === version)
}

/** The list a role competes in under a table, or null when it earns nothing. */
export function listFor(role: Role | 'system', rules: PointsRuleTable): RankList | null {
  if (role === 'system') return null
  if (rules.lists.public.includes(role)) return 'public'
  if (rules.lists.staff.includes(role)) return 'staff'
  return null
}

// ---- periods (Beijing time; the arithmetic lives in the shared time module) ----------------------

// Any period kind is accepted; the rewards use month, quarter and year.
export {
  isPeriodKey,
  periodBounds,
  periodEnded,
  periodKeyOf,
  periodLabel,
  previousPeriodKey,
} from '../shared/time'

/** The periods a ledger entry counts in. */
export type PeriodKeys = Pick<CalendarKeys, 'day' | 'month' | 'quarter' | 'year'>

/** Day, month, quarter and year of an instant in Beijing time: `2026-11-30`, `2026-11`, `2026-Q4`, `2026`. */
export function periodKeysOf(instant: Instant): PeriodKeys {
  const { day, month, quarter, year } = calendarKeysOf(instant)
  return { day, month, quarter, year }
}

/** The award period kind of a key; undefined for any other key (days, weeks). */
export function periodKindOf(key: string): PeriodKind | undefined {
  const kind = calendarKindOf(key)
  return periodKinds.find((candidate) => candidate === kind)
}

// ---- facts in, entries out ----------------------------------------------------------------------

/** A person as the points rules see them: role (for lists) and where they are ranked. */
export interface PersonFacts {
  openid: string
  role: Role
  districtId: string
  streetId: string
}

export interface CaseFacts {
  caseId: string
  caseNo: string
  reporterId: string
  anonymous: boolean
  /** The case's status now: a case rejected or merged by now pays nothing more, whatever order events arrive in. */
  status: CaseStatus
  /**
   * The reporter took part in handling it (claimed it, was attached to it, registered its city result): a
   * staff member's own report pays them nothing, whoever else acted on it.
   */
  handledByReporter?: boolean
}

export interface CaseEventFacts {
  type: string
  caseId: string
  actorId: string
  at: string
  seq: number
  details: Record<string, unknown>
}

export type PointsFact =
  | {
      kind: 'case-event'
      event: CaseEventFacts
      case: CaseFacts
      reporter?: PersonFacts
      actor?: PersonFacts
      /** Ledger entries already written for this case (only needed for reject and merge). */
      existing: readonly PointsEntry[]
    }
  | { kind: 'patrol'; patrolId: string; at: string; person: PersonFacts; placeLabel: string }

/** What an event would pay before caps: keyed, with everything the ledger and tallies need. */
export interface PointsDraft {
  /** The idempotency key, used as the entry's `_id`. */
  _id: string
  openid: string
  reason: PointsReason
  /** Plain-Chinese description shown in the ledger. */
  note: string
  basePoints: number
  caseId: string | null
  patrolId: string | null
  /** For a reversal: the entry it cancels and that entry's reason. */
  reverses: string | null
  reversedReason: PointsReason | null
  ruleVersion: number
  at: string
  /** Periods the entry counts in; a reversal counts in the periods of the entry it cancels. */
  periods: PeriodKeys
  list: RankList
  districtId: string
  streetId: string
}

/** One ledger row (collection `points_entry`): the draft plus what was paid after caps. */
export interface PointsEntry extends PointsDraft {
  points: number
  /** True when a cap paid less than the rule (possibly nothing). */
  capped: boolean
  /** The entry's number in its person's ledger (1, 2, …): unique per person, so two payments cannot both be next. */
  seq: number
}

/** An entry as the caps decide it, before the ledger numbers it. */
export type DecidedEntry = Omit<PointsEntry, 'seq'>

/** Positive points a person already earned in the entry's day and month, and paid check-ins that day. */
export interface CapsUsed {
  day: number
  month: number
  patrolsToday: number
}
export const noCapsUsed: CapsUsed = { day: 0, month: 0, patrolsToday: 0 }

function draftFor(
  rules: PointsRuleTable,
  person: PersonFacts,
  list: RankList,
  fields: Pick<PointsDraft, '_id' | 'reason' | 'note' | 'basePoints' | 'caseId' | 'patrolId' | 'at'>,
): PointsDraft {
  return {
    ...fields,
    openid: person.openid,
    reverses: null,
    reversedReason: null,
    ruleVersion: rules.version,
    periods: periodKeysOf(fields.at),
    list,
    districtId: person.districtId,
    streetId: person.streetId,
  }
}

const closedWithoutMerit: readonly CaseStatus[] = ['rejected', 'merged']

/**
 * What one fact pays, before caps. Keys make every payment happen at most once: a report is accepted once
 * (`report-accepted:<case>:<reporter>`), rectified once, joined once per person, a check-in pays once, and
 * each entry is reversed at most once (`reversal:<entry>`).
 */
export function draftsFor(fact: PointsFact, book: PointsRuleBook): PointsDraft[] {
  if (fact.kind === 'patrol') {
    const rules = rulesAt(book, fact.at)
    if (!rules || !rules.patrol.roles.includes(fact.person.role)) return []
    const list = listFor(fact.person.role, rules)
    if (!list) return []
    return [
      draftFor(rules, fact.person, list, {
        _id: `patrol-check-in:${fact.patrolId}`,
        reason: 'patrol-check-in',
        note: fact.placeLabel ? `巡查打卡：${fact.placeLabel}` : '巡查打卡',
        basePoints: rules.points.patrolCheckIn,
        caseId: null,
        patrolId: fact.patrolId,
        at: fact.at,
      }),
    ]
  }

  const { event, case: record } = fact
  const rules = rulesAt(book, event.at)
  if (!rules) return []

  if (event.type === 'reject' || event.type === 'merge') {
    const rejectReason = event.details.reason as RejectReason | undefined
    const reverses =
      event.type === 'merge'
        ? rules.reverseOnMerge
        : rejectReason !== undefined && rules.reverseOnReject.includes(rejectReason)
    if (!reverses) return []
    const why =
      event.type === 'merge'
        ? `问题${record.caseNo}已并案（重复举报）`
        : `问题${record.caseNo}不予受理（${rejectReasons[rejectReason as RejectReason] ?? rejectReason}）`
    const reversed = new Set(fact.existing.filter((entry) => entry.reverses).map((entry) => entry.reverses))
    return fact.existing
      .filter((entry) => entry.reason !== 'reversal' && !reversed.has(entry._id))
      .map((entry) => ({
        ...entry,
        _id: `reversal:${entry._id}`,
        reason: 'reversal' as const,
        note: `${why}，撤销“${pointsReasonLabels[entry.reason]}”积分`,
        basePoints: -entry.points,
        reverses: entry._id,
        reversedReason: entry.reason,
        at: event.at,
      }))
      .map(({ points: _points, capped: _capped, seq: _seq, ...draft }) => draft)
  }

  if (closedWithoutMerit.includes(record.status)) return []
  const drafts: PointsDraft[] = []

  if (event.type === 'join' && fact.actor) {
    const list = listFor(fact.actor.role, rules)
    // Only a join from near the case pays (the act records whether it was); the key pays it once per person.
    if (list && event.actorId !== record.reporterId && event.details.near === true) {
      drafts.push(
        draftFor(rules, fact.actor, list, {
          _id: `case-joined:${record.caseId}:${fact.actor.openid}`,
          reason: 'case-joined',
          note: `附议问题${record.caseNo}`,
          basePoints: rules.points.caseJoined,
          caseId: record.caseId,
          patrolId: null,
          at: event.at,
        }),
      )
    }
    return drafts
  }

  // Acceptance and rectification pay the reporter, never for an anonymous report, never for one's own act.
  const reporter = fact.reporter
  if (!reporter || record.anonymous || event.actorId === record.reporterId || record.handledByReporter)
    return drafts
  const list = listFor(reporter.role, rules)
  if (!list) return drafts
  if ((rules.acceptedOn as readonly string[]).includes(event.type)) {
    drafts.push(
      draftFor(rules, reporter, list, {
        _id: `report-accepted:${record.caseId}:${reporter.openid}`,
        reason: 'report-accepted',
        note: `举报的问题${record.caseNo}已被受理`,
        basePoints: rules.points.reportAccepted,
        caseId: record.caseId,
        patrolId: null,
        at: event.at,
      }),
    )
  }
  if ((rules.rectifiedOn as readonly string[]).includes(event.type)) {
    drafts.push(
      draftFor(rules, reporter, list, {
        _id: `report-rectified:${record.caseId}:${reporter.openid}`,
        reason: 'report-rectified',
        note: `举报的问题${record.caseNo}已整改并通过核查`,
        basePoints: rules.points.reportRectified,
        caseId: record.caseId,
        patrolId: null,
        at: event.at,
      }),
    )
  }
  return drafts
}

/**
 * Applies the daily and monthly caps (and the paid check-ins per day) to one draft. Reversals are never
 * capped and never give cap room back. Returns the entry and the caps used after it.
 */
export function applyCaps(
  draft: PointsDraft,
  rules: PointsRuleTable,
  used: CapsUsed,
): { entry: DecidedEntry; used: CapsUsed } {
  if (draft.basePoints <= 0) return { entry: { ...draft, points: draft.basePoints, capped: false }, used }
  let points = draft.basePoints
  let note = draft.note
  const isPatrol = draft.reason === 'patrol-check-in'
  if (isPatrol && used.patrolsToday >= rules.patrol.paidPerDay) {
    points = 0
    note = `${note}（今日已有${rules.patrol.paidPerDay}次打卡计分，本次不计分）`
  } else {
    const room = Math.max(
      0,
      Math.min(rules.caps.dailyPoints - used.day, rules.caps.monthlyPoints - used.month),
    )
    if (room < points) {
      const which =
        rules.caps.dailyPoints - used.day <= rules.caps.monthlyPoints - used.month ? '每日' : '每月'
      points = room
      note = `${note}（已达${which}积分上限，${room > 0 ? `按${room}分计` : '本次不计分'}）`
    }
  }
  const entry: DecidedEntry = { ...draft, note, points, capped: points < draft.basePoints }
  return {
    entry,
    used: {
      day: used.day + points,
      month: used.month + points,
      patrolsToday: used.patrolsToday + (isPatrol && points > 0 ? 1 : 0),
    },
  }
}

// ---- tallies and ranking ------------------------------------------------------------------------

/** How an entry changes its person's tallies: points, and accepted reports (a tie-break). */
export function tallyDelta(entry: Pick<PointsEntry, 'points' | 'reason' | 'reversedReason'>): {
  points: number
  acceptedReports: number
} {
  const acceptedReports =
    entry.reason === 'report-accepted'
      ? 1
      : entry.reason === 'reversal' && entry.reversedReason === 'report-accepted'
        ? -1
        : 0
  return { points: entry.points, acceptedReports }
}

export function tallyIdOf(period: string, openid: string): string {
  return `${period}:${openid}`
}

/** The scopes a tally is ranked in: everyone, its district, its street office. */
export function rankScopesOf(tally: { districtId: string; streetId: string }): string[] {
  const scopes = ['all']
  if (tally.districtId) scopes.push(`district:${tally.districtId}`)
  if (tally.streetId) scopes.push(`street:${tally.streetId}`)
  return scopes
}

export function rankScopeKey(type: RankScopeType, id: string | undefined): string {
  return type === 'all' || !id ? 'all' : `${type}:${id}`
}

export interface Rankable {
  openid: string
  points: number
  acceptedReports: number
  firstAt: string
}

/**
 * The ranking order, stated: more points first; then more accepted reports; then whoever first earned points
 * in the period earlier; then the openid, so that the order is total and stable.
 */
export function compareRank(a: Rankable, b: Rankable): number {
  if (a.points !== b.points) return b.points - a.points
  if (a.acceptedReports !== b.acceptedReports) return b.acceptedReports - a.acceptedReports
  if (a.firstAt !== b.firstAt) return a.firstAt < b.firstAt ? -1 : 1
  return a.openid < b.openid ? -1 : a.openid > b.openid ? 1 : 0
}

/** The table in plain Chinese, for the my-points page (the server sends it, so the page never disagrees). */
export function describeRules(rules: PointsRuleTable): string[] {
  const { points, caps, patrol } = rules
  return [
    `举报被网格受理：+${points.reportAccepted}分（匿名举报不计分）`,
    `举报的问题整改并通过核查：再+${points.reportRectified}分`,
    `附议已有的问题：+${points.caseJoined}分（每个问题一次）`,
    `巡查打卡（定位并拍照）：每次+${points.patrolCheckIn}分，每天前${patrol.paidPerDay}次计分`,
    `每天最多${caps.dailyPoints}分，每月最多${caps.monthlyPoints}分`,
    '重复或不予受理的举报不计分；已得分的举报后来被认定为虚假或重复，积分扣回',
    '积分在问题被受理后约10分钟内到账',
  ]
}

// ---- awards -------------------------------------------------------------------------------------

export const awardStatuses = ['draft', 'published'] as const
export type AwardStatus = (typeof awardStatuses)[number]

export function awardIdOf(kind: PeriodKind, period: string, list: RankList, districtId: string): string {
  return `${kind}:${period}:${list}:${districtId}`
}

/** 月度环保市民 (public list) or 月度环保市民·工作人员组 (staff list). */
export function awardTitle(kind: PeriodKind, list: RankList, rules: PointsRuleTable): string {
  const title = rules.awards[kind].title
  return list === 'staff' ? `${title}·工作人员组` : title
}

/** How an award reads: a draft of a period not yet over says so. */
export function awardStatusLabel(status: AwardStatus, period: string, now: Date): string {
  if (status === 'published') return '已发布'
  return periodEnded(period, now) ? '草稿·待审核发布' : '草稿·周期未结束'
}
