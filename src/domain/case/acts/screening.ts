import { applyPhotoVerdict, riskLabelOf, screeningStateLabels } from '../../content/screening'
import { approvedScreening } from '../../content/screening'
import { inScope } from './guards'
import { guard, refuse, type ActFamily } from './kit'

const heldForReview = guard(
  'heldForReview',
  ({ record }) => record.screening?.state === 'review',
  'illegal-transition',
  '该问题没有待人工复核的内容',
)

/** Why a case is rejected when every one of its photos failed the check, as its reporter reads it. */
export const contentRejectionCode = 'content-risky'

/**
 * Content security's act: one photo's verdict. It moves the case only when every photo was risky (the
 * case is rejected, with the reason its reporter sees); otherwise it records the verdict, which decides
 * whether the public may see the case (see `publiclyVisible`). A verdict that changes nothing is refused.
 */
export const screening: ActFamily<'screen' | 'approve-content'> = {
  // A person's judgement of what WeChat held (or could not check): the case's content goes public as it is.
  'approve-content': {
    guards: [inScope, heldForReview],
    decide: (scope) =>
      scope.accept(
        scope.record.status,
        { screening: approvedScreening(scope.record.screening!) },
        { details: { approved: true } },
      ),
  },
  screen: {
    guards: [],
    decide: (scope) => {
      const { record, act } = scope
      const next = record.screening && applyPhotoVerdict(record.screening, act.photoId, act.verdict)
      if (!next) return refuse('illegal-transition', '该照片的检测结果已记录')
      const details = {
        photoId: act.photoId,
        verdict: act.verdict,
        state: next.state,
        ...(act.label !== undefined ? { label: act.label } : {}),
      }
      if (next.state === 'rejected') {
        const note = `照片含有${riskLabelOf(act.label)}内容，未通过内容安全检测，不予受理`
        return scope.accept(
          'rejected',
          { screening: next, deadlineAt: null, resolution: { code: contentRejectionCode, note } },
          { note, details },
        )
      }
      const note =
        act.verdict === 'risky'
          ? `一张照片含有${riskLabelOf(act.label)}内容，已隐藏`
          : screeningStateLabels[next.state]
      return scope.accept(record.status, { screening: next }, { note, details })
    },
  },
}
