import type { CaseRecord } from './record'
import { caseStatusLabels, decideTransition, transitionAllowed } from './status'
import type { GridLevel } from '../grid/tree'
import { deskPatch } from '../reports/case-desk'
import { claiming } from './acts/claiming'
import { closing } from './acts/closing'
import { escalation } from './acts/escalation'
import { handling } from './acts/handling'
import { linking } from './acts/linking'
import { oversight } from './acts/oversight'
import { reporting } from './acts/reporting'
import { screening } from './acts/screening'
import { verification } from './acts/verification'
import {
  refuse,
  type ActFamily,
  type ActOf,
  type ActScope,
  type CaseAct,
  type CaseActor,
  type CaseActType,
  type DecideContext,
  type Decision,
} from './acts/kit'

export {
  draftEvent,
  systemActor,
  type Audience,
  type CaseAct,
  type CaseActor,
  type DecideContext,
  type Decision,
  type NotificationIntent,
  type SystemActor,
} from './acts/kit'
export { decideSubmit, refuseSubmit, type SubmitDecision, type SubmitFacts } from './acts/reporting'

/** Every act's rule, by command: one family module per group of acts. */
const rules: ActFamily<CaseActType> = {
  ...claiming,
  ...handling,
  ...escalation,
  ...verification,
  ...closing,
  ...oversight,
  ...reporting,
  ...screening,
  ...linking,
}

/**
 * Decides an act on a case: whether this actor may do it now, to this case, and what changes. Pure: the
 * tree, the clock, the policy and the deadline calendar come in through `ctx`. The status table answers
 * first (who may issue the command, from which status); then the act's own guards and rule. The caller
 * persists the patch with one conditional write and appends the event; nothing else changes a case.
 */
export function decide(record: CaseRecord, act: CaseAct, actor: CaseActor, ctx: DecideContext): Decision {
  const table = decideTransition(record.status, act.type, actor.role)
  if (!table.ok) {
    if (table.reason === 'forbidden') return refuse('forbidden', '您没有权限进行此操作')
    if (act.type === 'claim' && record.status === 'claimed' && record.claim) {
      return refuse('not-claimable', `该问题已被${record.claim.nickname}认领`, {
        claimedBy: record.claim.nickname,
      })
    }
    return refuse(
      'illegal-transition',
      `该问题当前状态为“${caseStatusLabels[record.status]}”，不能进行此操作`,
      { status: record.status },
    )
  }
  return dispatch(act.type, scopeOf(record, act, actor, ctx))
}

/** Keeps `awayFromOrigin` true to the grid a change leaves the case on. */
function routeOf(record: CaseRecord, patch: Partial<CaseRecord>): Partial<CaseRecord> {
  if (patch.gridId === undefined && patch.originGridId === undefined) return {}
  return { awayFromOrigin: (patch.gridId ?? record.gridId) !== (patch.originGridId ?? record.originGridId) }
}

function dispatch<C extends CaseActType>(type: C, scope: ActScope<ActOf<C>>): Decision {
  const rule = rules[type]
  const failed = rule.guards.find((guard) => !guard.holds(scope))
  if (failed) return refuse(failed.code, failed.message)
  return rule.decide(scope)
}

/** What every rule reads, and the two ways of answering that all acts share: accept, and land on a board. */
function scopeOf<A extends CaseAct>(
  record: CaseRecord,
  act: A,
  actor: CaseActor,
  ctx: DecideContext,
): ActScope<A> {
  const at = ctx.now.toISOString()
  const grid = ctx.tree.get(record.gridId)
  const level: GridLevel = grid?.level ?? 'block'
  return {
    record,
    act,
    actor,
    ctx,
    at,
    grid,
    level,
    covers: (gridId) => actor.gridIds.some((mine) => ctx.tree.covers(mine, gridId)),
    coversAbove: (gridId) => actor.gridIds.some((mine) => mine !== gridId && ctx.tree.covers(mine, gridId)),
    accept: (to, patch, outcome = {}) => {
      // The table is the one authority on status changes: an outcome it does not list is a bug, never a change.
      if (!transitionAllowed(act.type, record.status, to))
        throw new Error(`${act.type}: ${record.status} → ${to} is not in the transition table`)
      // A deadline the act sets rides on its event, so the desk's figures can be folded from the trail.
      const details = {
        ...outcome.details,
        ...(typeof patch.deadlineAt === 'string' ? { deadlineAt: patch.deadlineAt } : {}),
      }
      const gridId = patch.gridId ?? record.gridId
      const desk = deskPatch(record, { type: act.type, at, actorRole: actor.role, gridId, details }, ctx.tree)
      return {
        ok: true,
        command: act.type,
        from: record.status,
        to,
        patch: { ...patch, ...routeOf(record, patch), ...desk, status: to, updatedAt: at },
        note: outcome.note ?? '',
        evidence: outcome.evidence ?? [],
        details,
        notify: outcome.notify ?? [],
      }
    },
    landOn: (gridId) => {
      const target = ctx.tree.get(gridId)
      return {
        gridId,
        gridPath: ctx.tree.lineage(gridId).map((node) => node._id),
        claim: null,
        waitingSince: at,
        unclaimedAlertAt: null,
        card: 'none',
        deadlineAt: ctx.deadlineFor(record, target?.level ?? 'block'),
      }
    },
  }
}
