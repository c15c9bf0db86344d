import type { CaseAct } from '../case/acts/kit'
import type { CheckedText } from './screening'

/**
 * Which of a person's words others may read, per act, with the WeChat scene each is checked in (3 论坛 for
 * a report people follow, 2 评论 for notes and comments, 1 资料 for an address). Empty texts are skipped.
 */
export type SceneText = CheckedText & { scene: 1 | 2 | 3 }

const text = (field: string, name: string, content: string, scene: 1 | 2 | 3): SceneText[] =>
  content.trim() ? [{ field, name, content, scene }] : []

/** A report's own words: its description, and the address line its reporter typed or corrected. */
export function reportTexts(input: { description: string; address: string }): SceneText[] {
  return [
    ...text('description', '问题描述', input.description, 3),
    ...text('address', '地址', input.address, 1),
  ]
}

/** The free text an act carries (reason codes are chosen from lists, so they are not text). */
export function actTexts(act: CaseAct): SceneText[] {
  switch (act.type) {
    case 'release':
      return text('reason', '放弃原因', act.reason, 2)
    case 'dispute':
      return text('reason', '异议理由', act.reason, 2)
    case 'confirm':
      return text('comment', '评价', act.comment, 2)
    case 'rectify':
    case 'record-part':
    case 'escalate':
    case 'request-city':
    case 'sign-off':
    case 'send-back':
    case 'verify':
    case 'fail-verification':
    case 'reject':
    case 'city-resolve':
    case 'supervise':
      return text('note', '说明', act.note, 2)
    default:
      return []
  }
}
