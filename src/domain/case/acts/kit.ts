import type { CaseEvent, CaseRecord } from '../record'
import type { CaseCommand, CaseStatus } from '../status'
import type { ErrorCode } from '../../shared/errors'
import type { GridLevel, GridNode, GridTree } from '../../grid/tree'
import type { CategoryCatalog } from '../categories'
import type { EscalationReason, HandlingMeasure, Policy, RejectReason } from '../policy'
import type { Actor, Role } from '../../people/roles'
import type { Gcj02Point } from '../../shared/geo'

/** Every act on an existing case, with what it carries. Identity is never part of it. */
export type CaseAct =
  | { type: 'claim' }
  | { type: 'release'; reason: string }
  | { type: 'rectify'; measure: HandlingMeasure; note: string; photos: string[] }
  | { type: 'escalate'; reason: EscalationReason; note: string }
  | { type: 'request-city'; note: string }
  | { type: 'sign-off'; note: string }
  | { type: 'send-back'; note: string }
  | { type: 'verify'; note: string }
  | { type: 'fail-verification'; note: string }
  | { type: 'confirm'; rating: number; comment: string }
  | { type: 'auto-confirm' }
  | { type: 'dispute'; reason: string }
  | { type: 'reject'; reason: RejectReason; note: string }
  /** The case merged into, as the server read it with the duplicate, and the merger's reason. */
  | {
      type: 'merge'
      into: {
        id: string
        caseNo: string
        status: CaseStatus
        categoryId: string
        gridId: string
        location: Gcj02Point
      }
      reason: string
    }
  /** The duplicate as it stands after its merge: the case it was merged into, and whom it carries over. */
  | { type: 'absorb'; duplicate: { id: string; caseNo: string; mergedInto: string | null; people: string[] } }
  | { type: 'city-resolve'; note: string }
  | { type: 'supervise'; deadlineAt: string; note: string }
  | { type: 'unsupervise'; note: string }
  /** The people named, as the server found them: `role` null for an account it does not know. */
  | { type: 'attach-handlers'; handlers: { openid: string; nickname: string; role: Role | null }[] }
  | { type: 'record-part'; note: string; photos: string[] }
  | { type: 'correct-grid'; gridId: string }
  | { type: 'yellow-card' }
  | { type: 'red-card' }
  | { type: 'unclaimed-alert' }
  /** Where the joiner says they are, if they said: a join pays only near the case. */
  | { type: 'join'; location?: Gcj02Point }
  /** WeChat's verdict on one of the case's photos (by photo id), pushed after its registration. */
  | { type: 'screen'; photoId: string; verdict: 'pass' | 'review' | 'risky' | 'unchecked'; label?: number }
  | { type: 'approve-content' }
  /**
   * One evidence photo of the trail as the server read it: its photo id, its check's verdict so far (null
   * for a photo registered before the checks), and whether an event of this case names it as evidence.
   */
  | {
      type: 'approve-evidence'
      photo: {
        id: string
        verdict: 'pending' | 'pass' | 'review' | 'risky' | 'unchecked' | null
        named: boolean
      }
    }
  /**
   * The registered site the case is filed under, as the server read it, and how near a reporter's case must
   * be to it (the radius sites are suggested within).
   */
  | {
      type: 'link-site'
      site: { id: string; name: string; type: string; gridId: string; location: Gcj02Point }
      reachMeters: number
    }

export type CaseActType = CaseAct['type']
export type ActOf<C extends CaseActType> = Extract<CaseAct, { type: C }>

/** The timer and other automatic acts run as the system, never as a person. */
export interface SystemActor {
  openid: 'system'
  role: 'system'
  gridIds: []
}
export const systemActor: SystemActor = { openid: 'system', role: 'system', gridIds: [] }
export type CaseActor = (Actor & { nickname: string }) | SystemActor

export function nicknameOf(actor: CaseActor): string {
  return actor.role === 'system' ? '系统' : actor.nickname
}

export type Audience = { openid: string } | { gridId: string; roles: Role[] }

export interface NotificationIntent {
  audience: Audience
  kind: string
  title: string
  body: string
}

export interface DecideContext {
  tree: GridTree
  now: Date
  policy: Policy
  /** The category catalog reports are checked against. */
  categories: CategoryCatalog
  /** When handling is due for a case arriving at a grid of this level now (category and calendar aware). */
  deadlineFor(record: CaseRecord, level: GridLevel): string
  /** Metres from the case's point to a grid's polygon (0 inside), for near-boundary corrections. */
  distanceToGrid(record: CaseRecord, gridId: string): number
}

/** What an accepted act records besides the patch: the event's note, evidence and facts, and whom to tell. */
export interface Outcome {
  note?: string
  evidence?: string[]
  details?: Record<string, unknown>
  notify?: NotificationIntent[]
}

export interface Refusal {
  ok: false
  code: ErrorCode
  message: string
  details?: Record<string, unknown>
  /** Field-level problems of the input, keyed by field, for forms to show where they belong. */
  fields?: Record<string, string>
}

export type Decision =
  | {
      ok: true
      command: CaseCommand
      from: CaseStatus
      to: CaseStatus
      patch: Partial<CaseRecord>
      note: string
      evidence: string[]
      details: Record<string, unknown>
      notify: NotificationIntent[]
    }
  | Refusal

export const refuse = (code: ErrorCode, message: string, details?: Record<string, unknown>): Refusal => ({
  ok: false,
  code,
  message,
  ...(details ? { details } : {}),
})

/** Everything one act's rule may read about the case, the actor and the world, with the shared ways to answer. */
export interface ActScope<A extends CaseAct = CaseAct> {
  record: CaseRecord
  act: A
  actor: CaseActor
  ctx: DecideContext
  /** Now, as the ISO string every patch and event carries. */
  at: string
  /** The case's grid and its level (a case on an unknown grid counts as a block's). */
  grid: GridNode | undefined
  level: GridLevel
  /** The actor works in a grid that is, or is above, `gridId`. */
  covers(gridId: string): boolean
  /** The actor works in a grid strictly above `gridId`. */
  coversAbove(gridId: string): boolean
  /** Accepts the act, landing the case in `to`; the transition table must list that outcome. */
  accept(to: CaseStatus, patch: Partial<CaseRecord>, outcome?: Outcome): Decision
  /** The patch that lands a case, unclaimed, on another grid's board. */
  landOn(gridId: string): Partial<CaseRecord>
}

/**
 * A named condition an act requires, with the refusal when it does not hold (as XState names its guards).
 * Guards run in the order an act lists them; the first that fails answers.
 */
export interface Guard {
  name: string
  holds(scope: ActScope): boolean
  code: ErrorCode
  message: string
}

export const guard = (
  name: string,
  holds: (scope: ActScope) => boolean,
  code: ErrorCode,
  message: string,
): Guard => ({ name, holds, code, message })

/** One act's rule: its guards, then what it does to a case that passed them (which may still refuse). */
export interface ActRule<A extends CaseAct> {
  guards: readonly Guard[]
  decide(scope: ActScope<A>): Decision
}

/** A family of acts: one rule per command it owns. */
export type ActFamily<C extends CaseActType> = { [K in C]: ActRule<ActOf<K>> }

/** An event as the domain drafts it: sealed (its content digest and keyed hash) where the key is. */
export type DraftedEvent = Omit<CaseEvent, 'hash' | 'content'>

/** The event an accepted decision appends to the case's trail, before it is sealed with its hash. */
export function draftEvent(
  record: Pick<CaseRecord, '_id' | 'gridId' | 'eventCount' | 'lastHash'>,
  decision: Pick<
    Extract<Decision, { ok: true }>,
    'command' | 'to' | 'patch' | 'note' | 'evidence' | 'details'
  > & {
    from: CaseStatus | 'none'
  },
  actor: CaseActor,
  at: string,
): DraftedEvent {
  return {
    _id: `${record._id}#${record.eventCount}`,
    caseId: record._id,
    seq: record.eventCount,
    type: decision.command,
    actorId: actor.openid,
    actorRole: actor.role,
    actorNickname: nicknameOf(actor),
    gridId: decision.patch.gridId ?? record.gridId,
    from: decision.from,
    to: decision.to,
    note: decision.note,
    evidence: decision.evidence,
    details: decision.details,
    at,
    prevHash: record.lastHash,
  }
}
