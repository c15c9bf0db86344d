import type { Role } from '../../people/roles'
import { handlingMeasures } from '../policy'
import { notice } from '../notifications'
import { inScope, isClaimer, isJointHandler } from './guards'
import { guard, refuse, type ActFamily } from './kit'

const claimerRectifies = guard('isClaimer', isClaimer, 'forbidden', '只有认领人可以提交整改结果')
const claimerOrJointHandler = guard(
  'claimerOrJointHandler',
  (scope) => isClaimer(scope) || isJointHandler(scope),
  'forbidden',
  '只有认领人和联合执法人员可以记录处置情况',
)

/** Who can take part in joint enforcement: the people who record parts (supervisors oversee, they do not handle). */
export const jointEnforcementRoles: readonly Role[] = [
  'grid_member',
  'grid_leader',
  'sunk_staff',
  'district_office',
]

/** Handling a claimed case: the fix, the parts of a joint enforcement, and who takes part in it. */
export const handling: ActFamily<'rectify' | 'record-part' | 'attach-handlers'> = {
  rectify: {
    guards: [claimerRectifies],
    decide: (scope) => {
      const { act } = scope
      return scope.accept(
        'rectified',
        { deadlineAt: null },
        {
          note: act.note,
          evidence: act.photos,
          details: { measure: act.measure, measureLabel: handlingMeasures[act.measure] },
          notify: [notice('case-rectified', scope)],
        },
      )
    },
  },
  'record-part': {
    guards: [claimerOrJointHandler],
    decide: (scope) =>
      scope.accept(scope.record.status, {}, { note: scope.act.note, evidence: scope.act.photos }),
  },
  'attach-handlers': {
    // Who the people named are is looked at only once the actor may attach anyone to this case, so the answer
    // tells nobody else whether an account is staff.
    guards: [inScope],
    decide: ({ record, act, accept }) => {
      const unfit = act.handlers.find(
        (handler) => handler.role === null || !jointEnforcementRoles.includes(handler.role),
      )
      if (unfit) return refuse('invalid-input', '只能增派网格工作人员或下沉人员', { openid: unfit.openid })
      const known = new Set(record.jointHandlers.map((handler) => handler.openid))
      const added = act.handlers
        .filter((handler) => !known.has(handler.openid))
        .map(({ openid, nickname }) => ({ openid, nickname }))
      if (added.length === 0) return refuse('invalid-input', '所选人员已在联合执法名单中')
      return accept(
        record.status,
        { jointHandlers: [...record.jointHandlers, ...added] },
        {
          details: { added: added.map((handler) => handler.nickname) },
          notify: added.map((handler) => notice('joint-enforcement', { record, handler })),
        },
      )
    },
  },
}
