import { z } from '../shared/zod'
import type { CaseCommand } from '../case/status'
import { isStaff, type Role } from '../people/roles'

/**
 * What one case counts for on the district's desk, folded event by event from its trail: where it belongs,
 * where it came from, and the instants each indicator counts it at. The case document keeps the fold (so
 * the next act moves it on without reading the trail), and the stats job folds the trail again, so both
 * read the same table below.
 */

/** Where a report came from (受理来源): the public by role, the grid's patrol, the hotline, a sensor, or a civic app through Open311. */
export const caseSources = ['resident', 'volunteer', 'patrol', 'hotline', 'sensor', 'open311'] as const
export const caseSourceSchema = z.enum(caseSources)
export type CaseSource = z.infer<typeof caseSourceSchema>
export const caseSourceLabels: Record<CaseSource, string> = {
  resident: '市民随手拍',
  volunteer: '志愿者',
  patrol: '网格巡查',
  hotline: '12369热线',
  sensor: '在线监测',
  open311: 'Open311接入',
}

const instant = z.string().nullable()

export const caseFiguresSchema = z.object({
  /** 属地: the grid the case belongs to, where it was first routed (as the reporter corrected it). */
  gridId: z.string(),
  source: caseSourceSchema,
  /** 受理: when it was reported. */
  receivedAt: z.string(),
  /** 立案: when staff first took it on (claim, the district's request to the city…). */
  acceptedAt: instant,
  /** The first claim, for the time to claim. */
  claimedAt: instant,
  /** The latest fix (rectified, or resolved at the city), for the time to rectify and for 按期. */
  fixedAt: instant,
  /** 结案: when the reporter confirmed, or the silence ran out. */
  closedAt: instant,
  /** The deadline in force now (null while nothing is left to handle), as the case document holds it. */
  deadline: instant,
  /** 应结案: the latest deadline set; null once rejected or merged (such a case is not to be closed). */
  dueAt: instant,
  /** The deadline `dueAt` passed before a fix (a red card, or a fix after it): 超期. */
  late: z.boolean(),
  /** 返工: failed a verification, or reopened by a dispute, at least once. */
  reworked: z.boolean(),
  escalatedAt: instant,
  /** When both district units had signed it to the city, the first time. */
  signedOffAt: instant,
  yellowAt: instant,
  redAt: instant,
  /** The reporter's latest verdict (满意 or 不满意), whether it was 满意, and the stars it gave. */
  ratedAt: instant,
  satisfied: z.boolean(),
  rating: z.number().int().nullable(),
})
export type CaseFigures = z.infer<typeof caseFiguresSchema>

/** What the figures read of an event: fields every trail event has, so a stored event and a decision both fit. */
export interface FigureEvent {
  type: string
  at: string
  actorRole: Role | 'system'
  gridId: string
  details: Record<string, unknown>
}

/** The indicators an event can move; `stats.cases` drills into each (see indicators.ts). */
export const figureKeys = [
  'received',
  'accepted',
  'claimed',
  'rectified',
  'finished',
  'due',
  'closed',
  'closedOnTime',
  'reworked',
  'overdue',
  'missedByPatrol',
  'escalated',
  'signedOff',
  'yellowCard',
  'redCard',
  'rated',
  'satisfied',
] as const
export type FigureKey = (typeof figureKeys)[number]

/** How an event treats the deadline: sets the one in its details, clears it, or leaves it. */
type DeadlineEffect = 'sets' | 'clears' | 'keeps'

export interface FigureRule {
  /** The indicators this kind of event can move (by source and category come with `received`). */
  moves: readonly FigureKey[]
  deadline: DeadlineEffect
  /** What the event changes, besides the deadline; read on the figures as they were before it. */
  apply(before: CaseFigures, event: FigureEvent): Partial<CaseFigures>
}

const first = (current: string | null, at: string) => current ?? at
const none = () => ({})
/** A fix after the deadline in force makes the case late; the fix is what the deadline asked for. */
const fixed = (before: CaseFigures, event: FigureEvent): Partial<CaseFigures> => ({
  fixedAt: event.at,
  late: before.late || (before.deadline !== null && event.at > before.deadline),
})
const accepted = (before: CaseFigures, event: FigureEvent) => ({
  acceptedAt: first(before.acceptedAt, event.at),
})

/**
 * Which event kind moves which indicator: the one table. Acts that move a case to another level or back
 * to work set a fresh deadline (escalate, send back, a failed verification, a dispute, the city's limit,
 * supervision), so the case becomes due at that deadline instead; the cohort of a period's due cases (应结案)
 * is the cases whose latest deadline falls in it.
 */
export const figureRules: Record<CaseCommand, FigureRule> = {
  // Opening is `openFigures`: received, by source and category, and due at its first deadline.
  submit: { moves: ['received', 'missedByPatrol', 'due'], deadline: 'sets', apply: none },
  claim: {
    moves: ['accepted', 'claimed'],
    deadline: 'keeps',
    apply: (before, event) => ({ ...accepted(before, event), claimedAt: first(before.claimedAt, event.at) }),
  },
  release: { moves: [], deadline: 'keeps', apply: none },
  rectify: { moves: ['rectified', 'overdue'], deadline: 'clears', apply: fixed },
  'city-resolve': { moves: ['rectified', 'overdue'], deadline: 'clears', apply: fixed },
  escalate: {
    moves: ['escalated', 'due'],
    deadline: 'sets',
    apply: (before, event) => ({ escalatedAt: first(before.escalatedAt, event.at) }),
  },
  'request-city': { moves: ['accepted'], deadline: 'keeps', apply: accepted },
  // The second signature sends the case to the city, with the city's deadline.
  'sign-off': {
    moves: ['accepted', 'signedOff', 'due'],
    deadline: 'sets',
    apply: (before, event) => ({
      ...accepted(before, event),
      ...(event.details.complete === true ? { signedOffAt: first(before.signedOffAt, event.at) } : {}),
    }),
  },
  'send-back': { moves: ['due'], deadline: 'sets', apply: none },
  verify: { moves: ['accepted'], deadline: 'keeps', apply: accepted },
  'fail-verification': { moves: ['reworked', 'due'], deadline: 'sets', apply: () => ({ reworked: true }) },
  confirm: {
    moves: ['finished', 'closed', 'closedOnTime', 'rated', 'satisfied'],
    deadline: 'clears',
    apply: (_before, event) => ({
      closedAt: event.at,
      ratedAt: event.at,
      satisfied: true,
      rating: typeof event.details.rating === 'number' ? event.details.rating : null,
    }),
  },
  'auto-confirm': {
    moves: ['finished', 'closed', 'closedOnTime'],
    deadline: 'clears',
    apply: (_before, event) => ({ closedAt: event.at }),
  },
  dispute: {
    moves: ['reworked', 'rated', 'satisfied', 'due'],
    deadline: 'sets',
    apply: (_before, event) => ({ reworked: true, ratedAt: event.at, satisfied: false, rating: null }),
  },
  // Not to be closed any more: out of the due cohort (and so out of closed, on time, rework and overdue).
  reject: { moves: ['due'], deadline: 'clears', apply: () => ({ dueAt: null, late: false }) },
  merge: { moves: ['due'], deadline: 'clears', apply: () => ({ dueAt: null, late: false }) },
  absorb: { moves: [], deadline: 'keeps', apply: none },
  supervise: { moves: ['due'], deadline: 'sets', apply: none },
  // The flag comes off; the deadline it set stays.
  unsupervise: { moves: [], deadline: 'keeps', apply: none },
  'attach-handlers': { moves: [], deadline: 'keeps', apply: none },
  'record-part': { moves: [], deadline: 'keeps', apply: none },
  // The case belongs to the corrected grid: every figure it counts for moves there.
  'correct-grid': {
    moves: figureKeys,
    deadline: 'sets',
    apply: (before, event) => ({
      gridId: typeof event.details.toGridId === 'string' ? event.details.toGridId : before.gridId,
    }),
  },
  'yellow-card': {
    moves: ['yellowCard'],
    deadline: 'keeps',
    apply: (before, event) => ({ yellowAt: first(before.yellowAt, event.at) }),
  },
  // Red: the deadline passed without a fix.
  'red-card': {
    moves: ['redCard', 'overdue'],
    deadline: 'keeps',
    apply: (before, event) => ({ redAt: first(before.redAt, event.at), late: true }),
  },
  'unclaimed-alert': { moves: [], deadline: 'keeps', apply: none },
  join: { moves: [], deadline: 'keeps', apply: none },
  'approve-content': { moves: [], deadline: 'keeps', apply: none },
  'approve-evidence': { moves: [], deadline: 'keeps', apply: none },
  'link-site': { moves: [], deadline: 'keeps', apply: none },
  // A content verdict that rejects the case takes it out of the due cohort, as a staff rejection does.
  screen: {
    moves: ['due'],
    deadline: 'keeps',
    apply: (_before, event) => (event.details.state === 'rejected' ? { dueAt: null, late: false } : {}),
  },
}

/** A report's source, from its channel and who reported it. */
export function sourceOf(channel: unknown, role: Role | 'system'): CaseSource {
  if (channel === 'hotline' || channel === 'sensor' || channel === 'open311') return channel
  if (role !== 'system' && isStaff(role)) return 'patrol'
  return role === 'volunteer' ? 'volunteer' : 'resident'
}

const deadlineIn = (event: FigureEvent): string | null =>
  typeof event.details.deadlineAt === 'string' ? event.details.deadlineAt : null

/** A case's figures as its report opens them. */
export function openFigures(event: FigureEvent): CaseFigures {
  const deadline = deadlineIn(event)
  return {
    gridId: event.gridId,
    source: sourceOf(event.details.channel, event.actorRole),
    receivedAt: event.at,
    acceptedAt: null,
    claimedAt: null,
    fixedAt: null,
    closedAt: null,
    deadline,
    dueAt: deadline,
    late: false,
    reworked: false,
    escalatedAt: null,
    signedOffAt: null,
    yellowAt: null,
    redAt: null,
    ratedAt: null,
    satisfied: false,
    rating: null,
  }
}

/**
 * The figures after one more event. A fresh deadline makes the case due then, and no longer late (the
 * new deadline has not been missed yet); an event kind the table does not know moves nothing.
 */
export function stepFigures(before: CaseFigures | undefined, event: FigureEvent): CaseFigures | undefined {
  if (event.type === 'submit') return openFigures(event)
  const rule = figureRules[event.type as CaseCommand] as FigureRule | undefined
  if (!before || !rule) return before
  const after: CaseFigures = { ...before, ...rule.apply(before, event) }
  if (rule.deadline === 'clears') return { ...after, deadline: null }
  const deadline = deadlineIn(event)
  if (rule.deadline === 'keeps' || deadline === null || deadline === before.deadline) return after
  return { ...after, deadline, dueAt: deadline, late: false }
}

/** The figures of a whole trail (in seq order); undefined before its report. */
export function foldFigures(trail: readonly FigureEvent[]): CaseFigures | undefined {
  return trail.reduce<CaseFigures | undefined>((figures, event) => stepFigures(figures, event), undefined)
}

/** Each event's figures before and after it, by seq, along a whole trail (in seq order). */
export function foldSteps(
  trail: readonly (FigureEvent & { seq: number })[],
): Map<number, { before: CaseFigures | undefined; after: CaseFigures | undefined }> {
  const steps = new Map<number, { before: CaseFigures | undefined; after: CaseFigures | undefined }>()
  let figures: CaseFigures | undefined
  for (const event of trail) {
    const before = figures
    figures = stepFigures(figures, event)
    steps.set(event.seq, { before, after: figures })
  }
  return steps
}
