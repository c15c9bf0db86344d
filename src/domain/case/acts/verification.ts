import type { CaseStatus } from '../status'
import { notice } from '../notifications'
import { isClaimer, isJointHandler, isReporter, notOwnReport } from './guards'
import { guard, refuse, type ActFamily, type ActOf, type ActRule, type ActScope } from './kit'

/** A fix is checked from above: a supervisor over the case's grid, a grid above it, or the district itself. */
export const mayVerify = guard(
  'mayVerify',
  ({ actor, record, level, covers, coversAbove }: ActScope) =>
    actor.role === 'supervisor'
      ? covers(record.gridId)
      : coversAbove(record.gridId) || (level === 'district' && covers(record.gridId)),
  'forbidden',
  '整改结果需由上一级网格或督查室核查',
)
const notOwnFix = guard('notOwnFix', (scope) => !isClaimer(scope), 'forbidden', '不能核查自己整改的问题')
const reporterConfirms = guard('isReporter', isReporter, 'forbidden', '只有举报人可以确认整改结果')
const reporterDisputes = guard('isReporter', isReporter, 'forbidden', '只有举报人可以对整改结果提出异议')
const silentLongEnough = guard(
  'silentLongEnough',
  ({ record, ctx }) =>
    ctx.now.getTime() >=
    new Date(record.verifiedAt ?? record.updatedAt).getTime() + ctx.policy.autoConfirmDays * 86_400_000,
  'illegal-transition',
  '尚未到自动确认的时间',
)

// Verification is independent of the work checked: not by whoever took part in it or registered it.
const notJointHandler = guard(
  'notJointHandler',
  (scope) => !isJointHandler(scope),
  'forbidden',
  '参与联合执法的人员不能核查该问题',
)
const notCityRegistrar = guard(
  'notCityRegistrar',
  ({ record, actor }) => !record.cityResolvedBy || record.cityResolvedBy !== actor.openid,
  'forbidden',
  '登记市级办结的单位不能核查该问题，请由另一区级单位或督查室核查',
)
const verificationGuards = [
  mayVerify,
  notOwnFix,
  notOwnReport('不能核查自己举报的问题'),
  notJointHandler,
  notCityRegistrar,
]

const failVerification: ActRule<ActOf<'fail-verification'>> = {
  guards: verificationGuards,
  decide: ({ record, act, at, ctx, level, accept }) => {
    if (!act.note.trim()) return refuse('invalid-input', '请写明核查未通过的原因')
    // Back to the claimer; a case resolved at the city has none, so it goes back on the board.
    const back: CaseStatus = record.claim ? 'claimed' : 'pending'
    return accept(
      back,
      { deadlineAt: ctx.deadlineFor(record, level), ...(back === 'pending' ? { waitingSince: at } : {}) },
      {
        note: act.note,
        ...(record.claim
          ? { notify: [notice('verification-failed', { record, act, claimerId: record.claim.userId })] }
          : {}),
      },
    )
  },
}

/** Checking a fix from above, and the reporter's word on it (or their silence). */
export const verification: ActFamily<
  'verify' | 'fail-verification' | 'confirm' | 'auto-confirm' | 'dispute'
> = {
  verify: {
    guards: verificationGuards,
    decide: (scope) =>
      scope.accept(
        'verified',
        { verifiedAt: scope.at },
        { note: scope.act.note, notify: [notice('confirm-requested', scope)] },
      ),
  },
  'fail-verification': failVerification,
  confirm: {
    guards: [reporterConfirms],
    decide: ({ record, act, ctx, accept }) =>
      accept(
        'closed',
        { rating: act.rating, deadlineAt: null },
        {
          note: act.comment,
          details: { rating: act.rating },
          notify: [notice('case-closed', { record, act, policy: ctx.policy })],
        },
      ),
  },
  'auto-confirm': {
    guards: [silentLongEnough],
    decide: ({ record, act, ctx, accept }) =>
      accept(
        'closed',
        { deadlineAt: null },
        {
          details: { silentDays: ctx.policy.autoConfirmDays },
          notify: [notice('case-closed', { record, act, policy: ctx.policy })],
        },
      ),
  },
  // A dispute reopens the case where it is; past the allowed reopenings it also goes to the supervisor.
  dispute: {
    guards: [reporterDisputes],
    decide: (scope) => {
      const { record, act, at, ctx } = scope
      if (!act.reason.trim()) return refuse('invalid-input', '请写明不满意的原因')
      const toSupervisor = record.disputeCount >= ctx.policy.maxReopenings
      return scope.accept(
        'pending',
        {
          ...scope.landOn(record.gridId),
          disputeCount: record.disputeCount + 1,
          ...(toSupervisor
            ? { supervision: { by: 'system', at, note: `市民第${record.disputeCount + 1}次提出异议` } }
            : {}),
        },
        {
          note: act.reason,
          details: { reopening: record.disputeCount + 1, toSupervisor },
          notify: [notice(toSupervisor ? 'dispute-supervised' : 'case-reopened', scope)],
        },
      )
    },
  },
}
