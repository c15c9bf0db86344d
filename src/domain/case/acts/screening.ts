import { applyPhotoVerdict, riskLabelOf, screeningStateLabels } from '../../content/screening'
import { approvedScreening, verdictsAwaitingPerson } from '../../content/screening'
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
const namedAsEvidence = guard(
  'namedAsEvidence',
  ({ act }) => act.type === 'approve-evidence' && act.photo.named,
  'not-found',
  '该问题的处理记录中没有这张照片',
)

const evidenceHeld = guard(
  'evidenceHeld',
  ({ act }) =>
    act.type === 'approve-evidence' &&
    act.photo.verdict !== null &&
    verdictsAwaitingPerson.has(act.photo.verdict),
  'illegal-transition',
  '这张照片没有待人工复核的内容',
)

export const screening: ActFamily<'screen' | 'approve-content' | 'approve-evidence'> = {
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
  // A person's judgement of one evidence photo WeChat held: the photo's record says so from then on (the
  // event naming it is never changed), so everyone who sees the trail sees the photo. A risky one stays hidden.
  'approve-evidence': {
    guards: [inScope, namedAsEvidence, evidenceHeld],
    decide: (scope) =>
      scope.accept(
        scope.record.status,
        {},
        {
          details: { photoId: scope.act.photo.id, verdict: scope.act.photo.verdict, approved: true },
        },
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
