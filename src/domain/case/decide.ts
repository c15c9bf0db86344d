import type { CaseRecord } from './record'
import {
  caseStatusLabels,
  decideTransition,
  transitionAllowed,
  type CaseCommand,
  type CaseStatus,
} from './status'
import type { ErrorCode } from '../shared/errors'
import type { GridLevel, GridTree } from '../grid/tree'
import {
  escalationReasons,
  handlingMeasures,
  rejectReasons,
  type EscalationReason,
  type HandlingMeasure,
  type Policy,
  type RejectReason,
} from './policy'
import type { Actor, Role } from '../people/roles'

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
  | { type: 'merge'; into: { id: string; caseNo: string; status: CaseStatus } }
  /** The duplicate as it stands after its merge: the case it was merged into, and whom it carries over. */
  | { type: 'absorb'; duplicate: { id: string; caseNo: string; mergedInto: string | null; people: string[] } }
  | { type: 'city-resolve'; note: string }
  | { type: 'supervise'; deadlineAt: string; note: string }
  | { type: 'attach-handlers'; handlers: { openid: string; nickname: string }[] }
  | { type: 'record-part'; note: string; photos: string[] }
  | { type: 'correct-grid'; gridId: string }
  | { type: 'yellow-card' }
  | { type: 'red-card' }
  | { type: 'unclaimed-alert' }
  | { type: 'join' }

/** The timer and other automatic acts run as the system, never as a person. */
export interface SystemActor {
  openid: 'system'
  role: 'system'
  gridIds: []
}
export const systemActor: SystemActor = { openid: 'system', role: 'system', gridIds: [] }
export type CaseActor = (Actor & { nickname: string }) | SystemActor

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
  /** When handling is due for a case arriving at a grid of this level now (category and calendar aware). */
  deadlineFor(record: CaseRecord, level: GridLevel): string
  /** Metres from the case's point to a grid's polygon (0 inside), for near-boundary corrections. */
  distanceToGrid(record: CaseRecord, gridId: string): number
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
  | { ok: false; code: ErrorCode; message: string; details?: Record<string, unknown> }

const refuse = (code: ErrorCode, message: string, details?: Record<string, unknown>): Decision => ({
  ok: false,
  code,
  message,
  ...(details ? { details } : {}),
})

/**
 * Decides an act on a case: whether this actor may do it now, to this case, and what changes. Pure: the
 * tree, the clock, the policy and the deadline calendar come in through `ctx`. The caller persists the
 * patch with one conditional write and appends the event; nothing else changes a case.
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
      {
        status: record.status,
      },
    )
  }
  const at = ctx.now.toISOString()
  const grid = ctx.tree.get(record.gridId)
  const level: GridLevel = grid?.level ?? 'block'
  const isSystem = actor.role === 'system'
  const covers = (gridId: string) => actor.gridIds.some((mine) => ctx.tree.covers(mine, gridId))
  const coversAbove = (gridId: string) =>
    actor.gridIds.some((mine) => mine !== gridId && ctx.tree.covers(mine, gridId))
  const isClaimer = record.claim?.userId === actor.openid
  const isReporter = record.reporterId === actor.openid
  const outOfScope = () => refuse('forbidden', '该问题不在您负责的网格内')
  const gridStaffOfCase = (roles: Role[], gridId = record.gridId): Audience => ({ gridId, roles })
  const toReporter = (kind: string, title: string, body: string): NotificationIntent => ({
    audience: { openid: record.reporterId },
    kind,
    title,
    body,
  })
  const accept = (
    to: CaseStatus,
    patch: Partial<CaseRecord>,
    extra: {
      note?: string
      evidence?: string[]
      details?: Record<string, unknown>
      notify?: NotificationIntent[]
    } = {},
  ): Decision => {
    // The table is the one authority on status changes: an outcome it does not list is a bug, never a change.
    if (!transitionAllowed(act.type, record.status, to))
      throw new Error(`${act.type}: ${record.status} → ${to} is not in the transition table`)
    return {
      ok: true,
      command: act.type,
      from: record.status,
      to,
      patch: { ...patch, status: to, updatedAt: at },
      note: extra.note ?? '',
      evidence: extra.evidence ?? [],
      details: extra.details ?? {},
      notify: extra.notify ?? [],
    }
  }
  /** The patch that lands a case, unclaimed, on another grid's board. */
  const landOn = (gridId: string): Partial<CaseRecord> => {
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
  }

  switch (act.type) {
    case 'claim':
      if (!covers(record.gridId)) return outOfScope()
      return accept(
        'claimed',
        { claim: { userId: actor.openid, nickname: nicknameOf(actor), at } },
        {
          notify: [
            toReporter(
              'case-claimed',
              '您的举报已被认领',
              `网格工作人员${nicknameOf(actor)}已认领，正在处理`,
            ),
          ],
        },
      )

    case 'release':
      if (!isClaimer && !(actor.role === 'grid_leader' && covers(record.gridId))) {
        return refuse('forbidden', '只有认领人或网格长可以放弃认领')
      }
      return accept(
        'pending',
        { claim: null, waitingSince: at, unclaimedAlertAt: null },
        {
          note: act.reason,
          notify: [
            {
              audience: gridStaffOfCase(['grid_member', 'grid_leader', 'sunk_staff']),
              kind: 'case-released',
              title: '问题重新待认领',
              body: act.reason,
            },
          ],
        },
      )

    case 'rectify':
      if (!isClaimer) return refuse('forbidden', '只有认领人可以提交整改结果')
      return accept(
        'rectified',
        { deadlineAt: null },
        {
          note: act.note,
          evidence: act.photos,
          details: { measure: act.measure, measureLabel: handlingMeasures[act.measure] },
          notify: [
            toReporter(
              'case-rectified',
              '您的举报已整改',
              `处理措施：${handlingMeasures[act.measure]}，等待核查`,
            ),
          ],
        },
      )

    case 'escalate': {
      if (!isSystem && !isClaimer && !covers(record.gridId)) return outOfScope()
      if (level === 'district' || level === 'city') {
        return refuse('illegal-transition', '区级问题需经区大气办和区长效办会签后报送市级')
      }
      const parentId = grid?.parentId
      if (!parentId) return refuse('illegal-transition', '没有可以上报的上级网格')
      const parent = ctx.tree.get(parentId)!
      return accept('pending', landOn(parentId), {
        note: act.note,
        details: {
          reason: act.reason,
          reasonLabel: escalationReasons[act.reason],
          fromGridId: record.gridId,
          toGridId: parentId,
        },
        notify: [
          {
            audience: gridStaffOfCase(
              parent.level === 'district'
                ? ['district_office']
                : ['grid_leader', 'grid_member', 'sunk_staff'],
              parentId,
            ),
            kind: 'case-escalated',
            title: '有问题上报到您的网格',
            body: `${escalationReasons[act.reason]}：${act.note || '请研判处置'}`,
          },
        ],
      })
    }

    case 'request-city':
      if (!covers(record.gridId)) return outOfScope()
      if (level !== 'district') return refuse('illegal-transition', '问题需先上报到区级，才能申请报送市级')
      return accept(
        'awaiting-signoff',
        { claim: null, signOffs: [] },
        {
          note: act.note,
          notify: [
            {
              audience: gridStaffOfCase(['district_office']),
              kind: 'signoff-requested',
              title: '报送市级待会签',
              body: act.note,
            },
          ],
        },
      )

    case 'sign-off': {
      const unit = actor.role === 'district_office' ? actor.districtUnit : undefined
      if (unit !== 'air_office' && unit !== 'long_term_office')
        return refuse('forbidden', '报送市级需由区大气办和区长效办会签')
      if (!covers(record.gridId)) return outOfScope()
      if (record.signOffs.includes(unit))
        return refuse('illegal-transition', '本单位已会签，等待另一单位会签')
      const signOffs = [...record.signOffs, unit]
      const complete = signOffs.includes('air_office') && signOffs.includes('long_term_office')
      return accept(
        complete ? 'at-city' : 'awaiting-signoff',
        { signOffs, ...(complete ? { deadlineAt: ctx.deadlineFor(record, 'city') } : {}) },
        {
          note: act.note,
          details: { unit, complete },
        },
      )
    }

    case 'send-back': {
      if (!covers(record.gridId)) return outOfScope()
      const origin = ctx.tree.lineage(record.originGridId).map((node) => node._id)
      const here = origin.indexOf(record.gridId)
      if (here <= 0) return refuse('illegal-transition', '该问题已在最初的网格，无法再退回')
      const target = origin[here - 1]!
      if (!act.note.trim()) return refuse('invalid-input', '退回时请写明处置要求')
      return accept(
        'pending',
        { ...landOn(target), signOffs: [] },
        {
          note: act.note,
          details: { fromGridId: record.gridId, toGridId: target },
          notify: [
            {
              audience: gridStaffOfCase(['grid_leader', 'grid_member', 'sunk_staff'], target),
              kind: 'case-sent-back',
              title: '上级退回问题',
              body: act.note,
            },
          ],
        },
      )
    }

    case 'verify':
    case 'fail-verification': {
      const mayVerify =
        actor.role === 'supervisor'
          ? covers(record.gridId)
          : coversAbove(record.gridId) || (level === 'district' && covers(record.gridId))
      if (!mayVerify) return refuse('forbidden', '整改结果需由上一级网格或督查室核查')
      if (isClaimer) return refuse('forbidden', '不能核查自己整改的问题')
      if (act.type === 'verify') {
        return accept(
          'verified',
          { verifiedAt: at },
          {
            note: act.note,
            notify: [
              toReporter(
                'confirm-requested',
                '请确认整改结果',
                '您举报的问题已整改并通过核查，请确认是否满意',
              ),
            ],
          },
        )
      }
      if (!act.note.trim()) return refuse('invalid-input', '请写明核查未通过的原因')
      const back: CaseStatus = record.claim ? 'claimed' : 'pending'
      return accept(
        back,
        { deadlineAt: ctx.deadlineFor(record, level), ...(back === 'pending' ? { waitingSince: at } : {}) },
        {
          note: act.note,
          ...(record.claim
            ? {
                notify: [
                  {
                    audience: { openid: record.claim.userId },
                    kind: 'verification-failed',
                    title: '整改核查未通过',
                    body: act.note,
                  },
                ],
              }
            : {}),
        },
      )
    }

    case 'confirm':
      if (!isReporter) return refuse('forbidden', '只有举报人可以确认整改结果')
      return accept(
        'closed',
        { rating: act.rating, deadlineAt: null },
        {
          note: act.comment,
          details: { rating: act.rating },
          notify: [toReporter('case-closed', '您的举报已结案', `感谢您的评价（${act.rating}分）`)],
        },
      )

    case 'auto-confirm': {
      const due =
        new Date(record.verifiedAt ?? record.updatedAt).getTime() + ctx.policy.autoConfirmDays * 86_400_000
      if (ctx.now.getTime() < due) return refuse('illegal-transition', '尚未到自动确认的时间')
      return accept(
        'closed',
        { deadlineAt: null },
        {
          details: { silentDays: ctx.policy.autoConfirmDays },
          notify: [
            toReporter(
              'case-closed',
              '您的举报已结案',
              `核查通过后${ctx.policy.autoConfirmDays}天内未收到您的反馈，视为满意`,
            ),
          ],
        },
      )
    }

    case 'dispute': {
      if (!isReporter) return refuse('forbidden', '只有举报人可以对整改结果提出异议')
      if (!act.reason.trim()) return refuse('invalid-input', '请写明不满意的原因')
      const toSupervisor = record.disputeCount >= ctx.policy.maxReopenings
      return accept(
        'pending',
        {
          ...landOn(record.gridId),
          disputeCount: record.disputeCount + 1,
          ...(toSupervisor
            ? { supervision: { by: 'system', at, note: `市民第${record.disputeCount + 1}次提出异议` } }
            : {}),
        },
        {
          note: act.reason,
          details: { reopening: record.disputeCount + 1, toSupervisor },
          notify: [
            toSupervisor
              ? {
                  audience: gridStaffOfCase(
                    ['supervisor'],
                    record.gridPath[record.gridPath.length - 2] ?? record.gridId,
                  ),
                  kind: 'dispute-supervised',
                  title: '市民多次异议，转督查室',
                  body: act.reason,
                }
              : {
                  audience: gridStaffOfCase(['grid_leader', 'grid_member', 'sunk_staff']),
                  kind: 'case-reopened',
                  title: '市民对整改有异议，问题重新办理',
                  body: act.reason,
                },
          ],
        },
      )
    }

    case 'reject':
      if (!covers(record.gridId)) return outOfScope()
      return accept(
        'rejected',
        { deadlineAt: null, resolution: { code: act.reason, note: act.note } },
        {
          note: act.note,
          details: { reason: act.reason, reasonLabel: rejectReasons[act.reason] },
          notify: [
            toReporter(
              'case-rejected',
              '您的举报未予受理',
              `${rejectReasons[act.reason]}${act.note ? `：${act.note}` : ''}`,
            ),
          ],
        },
      )

    case 'merge':
      if (!covers(record.gridId)) return outOfScope()
      if (act.into.id === record._id) return refuse('invalid-input', '不能与自身并案')
      if (
        !['pending', 'claimed', 'rectified', 'verified', 'awaiting-signoff', 'at-city'].includes(
          act.into.status,
        )
      ) {
        return refuse('illegal-transition', `目标问题${act.into.caseNo}已办结，不能并案`)
      }
      return accept(
        'merged',
        {
          deadlineAt: null,
          resolution: { code: 'duplicate', note: `并入问题${act.into.caseNo}`, mergedInto: act.into.id },
        },
        {
          details: { mergedInto: act.into.id, mergedIntoCaseNo: act.into.caseNo },
          notify: [
            toReporter(
              'case-merged',
              '您的举报已并案处理',
              `与问题${act.into.caseNo}合并办理，可在该问题中查看进度`,
            ),
          ],
        },
      )

    case 'absorb': {
      // Only a case really merged into this one is taken in; the merge itself was decided on the duplicate.
      if (act.duplicate.mergedInto !== record._id)
        return refuse('invalid-input', `问题${act.duplicate.caseNo}并未并入本问题`)
      const known = new Set([record.reporterId, ...record.followers])
      const added = [...new Set(act.duplicate.people)].filter((openid) => !known.has(openid))
      return accept(
        record.status,
        { followers: [...record.followers, ...added] },
        {
          note: `问题${act.duplicate.caseNo}并入本问题`,
          details: {
            duplicateId: act.duplicate.id,
            duplicateCaseNo: act.duplicate.caseNo,
            followersAdded: added.length,
          },
        },
      )
    }

    case 'city-resolve':
      if (!covers(record.gridId)) return outOfScope()
      return accept('rectified', { deadlineAt: null }, { note: act.note })

    case 'supervise': {
      if (!covers(record.gridId)) return outOfScope()
      const deadline = new Date(act.deadlineAt).getTime()
      if (!(deadline > ctx.now.getTime())) return refuse('invalid-input', '督办期限必须晚于当前时间')
      if (record.deadlineAt && deadline > new Date(record.deadlineAt).getTime()) {
        return refuse('invalid-input', '挂牌督办的期限不能晚于原办理期限')
      }
      return accept(
        record.status,
        { supervision: { by: actor.openid, at, note: act.note }, deadlineAt: act.deadlineAt, card: 'none' },
        {
          note: act.note,
          details: { deadlineAt: act.deadlineAt },
          notify: [
            {
              audience: gridStaffOfCase(['grid_leader', 'grid_member', 'sunk_staff']),
              kind: 'case-supervised',
              title: '问题被挂牌督办',
              body: act.note,
            },
          ],
        },
      )
    }

    case 'attach-handlers': {
      if (!covers(record.gridId)) return outOfScope()
      const known = new Set(record.jointHandlers.map((handler) => handler.openid))
      const added = act.handlers.filter((handler) => !known.has(handler.openid))
      if (added.length === 0) return refuse('invalid-input', '所选人员已在联合执法名单中')
      return accept(
        record.status,
        { jointHandlers: [...record.jointHandlers, ...added] },
        {
          details: { added: added.map((handler) => handler.nickname) },
          notify: added.map((handler) => ({
            audience: { openid: handler.openid },
            kind: 'joint-enforcement',
            title: '您被增派参与联合执法',
            body: `问题${record.caseNo}`,
          })),
        },
      )
    }

    case 'record-part':
      if (!isClaimer && !record.jointHandlers.some((handler) => handler.openid === actor.openid)) {
        return refuse('forbidden', '只有认领人和联合执法人员可以记录处置情况')
      }
      return accept(record.status, {}, { note: act.note, evidence: act.photos })

    case 'correct-grid': {
      if (!isReporter) return refuse('forbidden', '只有举报人可以更正所属网格')
      if (record.claim) return refuse('illegal-transition', '问题已被认领，不能再更正网格')
      // A correction fixes where the case was routed; it neither undoes nor replaces an escalation.
      if (record.gridId !== record.originGridId)
        return refuse('illegal-transition', '问题已上报上级网格，不能再更正网格')
      const target = ctx.tree.get(act.gridId)
      if (!target || target._id === record.gridId) return refuse('invalid-input', '请选择另一个有效的网格')
      if (ctx.tree.covers(target._id, record.gridId))
        return refuse('invalid-input', '只能更正到相邻的网格，不能更正到上级网格')
      if (ctx.distanceToGrid(record, act.gridId) > ctx.policy.gridCorrectionMeters) {
        return refuse('invalid-input', `只能更正到问题位置${ctx.policy.gridCorrectionMeters}米以内的网格`)
      }
      return accept(
        record.status,
        { ...landOn(act.gridId), originGridId: act.gridId },
        {
          details: { fromGridId: record.gridId, toGridId: act.gridId },
        },
      )
    }

    case 'yellow-card':
    case 'red-card': {
      if (!record.deadlineAt) return refuse('illegal-transition', '该问题没有办理期限')
      const overdue = ctx.now.getTime() >= new Date(record.deadlineAt).getTime()
      if (act.type === 'yellow-card' && (record.card !== 'none' || overdue))
        return refuse('illegal-transition', '不需要黄牌预警')
      if (act.type === 'red-card' && (record.card === 'red' || !overdue))
        return refuse('illegal-transition', '不需要红牌警告')
      const colour = act.type === 'yellow-card' ? 'yellow' : 'red'
      return accept(
        record.status,
        { card: colour },
        {
          details: { card: colour, gridId: record.gridId, deadlineAt: record.deadlineAt },
          notify: [
            {
              audience: gridStaffOfCase(['grid_leader', 'grid_member', 'sunk_staff']),
              kind: `${colour}-card`,
              title: colour === 'yellow' ? '黄牌预警：问题即将超期' : '红牌警告：问题已超期',
              body: `问题${record.caseNo}办理期限：${record.deadlineAt}`,
            },
          ],
        },
      )
    }

    case 'unclaimed-alert':
      if (record.unclaimedAlertAt) return refuse('illegal-transition', '已经提醒过')
      return accept(
        record.status,
        { unclaimedAlertAt: at },
        {
          notify: [
            {
              audience: gridStaffOfCase(['grid_leader']),
              kind: 'unclaimed-alert',
              title: '问题超时未认领',
              body: `问题${record.caseNo}已超过时限无人认领，请尽快安排处理`,
            },
          ],
        },
      )

    case 'join':
      if (isReporter || record.followers.includes(actor.openid))
        return refuse('illegal-transition', '您已在关注这个问题')
      return accept(record.status, { followers: [...record.followers, actor.openid] })
  }
}

function nicknameOf(actor: CaseActor): string {
  return actor.role === 'system' ? '系统' : actor.nickname
}
