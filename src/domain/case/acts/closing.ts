import { openStatuses } from '../status'
import { rejectReasons } from '../policy'
import { notice } from '../notifications'
import { findCategory } from '../categories'
import { distanceMeters } from '../../shared/geo'
import { inScope } from './guards'
import { refuse, type ActFamily } from './kit'

/** Ending a case without a fix: rejected, or merged into another; and the surviving side of a merge. */
export const closing: ActFamily<'reject' | 'merge' | 'absorb'> = {
  reject: {
    guards: [inScope],
    decide: (scope) => {
      const { act } = scope
      return scope.accept(
        'rejected',
        { deadlineAt: null, resolution: { code: act.reason, note: act.note } },
        {
          note: act.note,
          details: { reason: act.reason, reasonLabel: rejectReasons[act.reason] },
          notify: [notice('case-rejected', scope)],
        },
      )
    },
  },
  merge: {
    guards: [inScope],
    decide: (scope) => {
      const { record, act, ctx } = scope
      const { into } = act
      if (into.id === record._id) return refuse('invalid-input', '不能与自身并案')
      if (!act.reason.trim()) return refuse('invalid-input', '请写明并案理由')
      if (!openStatuses.includes(into.status))
        return refuse('illegal-transition', `目标问题${into.caseNo}已办结，不能并案`)
      // A merge closes the duplicate for good: only into the same problem, nearby, and within the merger's reach.
      if (into.categoryId !== record.categoryId) {
        const category = findCategory(into.categoryId, ctx.categories)?.name ?? into.categoryId
        return refuse('invalid-input', `目标问题${into.caseNo}属于“${category}”，只能并入同一类别的问题`)
      }
      if (!scope.covers(into.gridId)) return refuse('forbidden', `目标问题${into.caseNo}不在您负责的网格内`)
      const meters = distanceMeters(record.location, into.location)
      if (meters > ctx.policy.mergeMaxMeters) {
        return refuse(
          'invalid-input',
          `两个问题相距约${Math.round(meters)}米，只能并入${ctx.policy.mergeMaxMeters}米以内的同一问题`,
        )
      }
      return scope.accept(
        'merged',
        {
          deadlineAt: null,
          resolution: { code: 'duplicate', note: `并入问题${into.caseNo}`, mergedInto: into.id },
        },
        {
          note: act.reason,
          details: { mergedInto: into.id, mergedIntoCaseNo: into.caseNo, reason: act.reason },
          notify: [notice('case-merged', scope)],
        },
      )
    },
  },
  absorb: {
    guards: [],
    decide: ({ record, act, accept }) => {
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
    },
  },
}
