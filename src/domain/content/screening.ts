import { z } from '../shared/zod'

/**
 * WeChat content security (内容安全) as the domain sees it: what a check said, and what that means for a
 * case. Pure: the functions ask WeChat (msgSecCheck v2 at submit, mediaCheckAsync v2 when a photo is
 * registered) and bring the answers here.
 */

/** A text's verdict: WeChat's suggestion, or `unchecked` when it gave none (quota, timeout, error). */
export const textVerdicts = ['pass', 'review', 'risky', 'unchecked'] as const
export type TextVerdict = (typeof textVerdicts)[number]

/** A photo's verdict, `pending` until WeChat's push arrives. */
export const photoVerdicts = ['pending', 'pass', 'review', 'risky', 'unchecked'] as const
export const photoVerdictSchema = z.enum(photoVerdicts)
export type PhotoVerdict = (typeof photoVerdicts)[number]

/**
 * Where a case stands with content security: `checking` until every photo's verdict is in, `passed` once
 * the text and every photo passed (or a risky photo was hidden), `review` when anything needs a person
 * (WeChat said so, or could not say), `rejected` when every photo was risky.
 */
export const screeningStates = ['checking', 'passed', 'review', 'rejected'] as const
export type ScreeningState = (typeof screeningStates)[number]

export const screeningStateLabels: Record<ScreeningState, string> = {
  checking: '内容安全检测中',
  passed: '已通过内容安全检测',
  review: '待人工复核',
  rejected: '未通过内容安全检测',
}

/** Stored on the case (absent on cases from before the checks): the text's verdict and each photo's, by photo id. */
export const screeningSchema = z.object({
  state: z.enum(screeningStates),
  text: z.enum(['pass', 'review', 'unchecked']),
  photos: z.record(z.string(), photoVerdictSchema),
})
export type Screening = z.infer<typeof screeningSchema>

/** WeChat's labels (result.label), as a person is told why their text or photo was refused. */
export const riskLabels: Record<number, string> = {
  10001: '广告',
  20001: '时政',
  20002: '色情',
  20003: '辱骂',
  20006: '违法犯罪',
  20008: '欺诈',
  20012: '低俗',
  20013: '版权',
  21000: '其他违规',
}

export function riskLabelOf(label: number | undefined): string {
  return (label !== undefined && riskLabels[label]) || '违规'
}

/** What a call to WeChat came back with: its answer, or nothing (a throw, a timeout). */
export type CheckAnswer =
  { errCode: number; result?: { suggest?: string; label?: number } } | { failed: string }

/** The verdict an answer carries. Only errcode 0 with a known suggestion counts as checked. */
export function verdictOf(answer: CheckAnswer): { verdict: TextVerdict; label?: number } {
  if ('failed' in answer || answer.errCode !== 0) return { verdict: 'unchecked' }
  const suggest = answer.result?.suggest
  if (suggest === 'pass' || suggest === 'review' || suggest === 'risky') {
    return { verdict: suggest, ...(answer.result?.label !== undefined ? { label: answer.result.label } : {}) }
  }
  return { verdict: 'unchecked' }
}

/** The texts of one act, each with what it is called in a refusal, that others may read. */
export interface CheckedText {
  field: string
  name: string
  content: string
}

export type TextDecision =
  { ok: true; verdict: 'pass' | 'review' | 'unchecked' } | { ok: false; field: string; message: string }

/**
 * One verdict for an act's texts: any risky text refuses the act (nothing is saved), naming the field and
 * WeChat's reason; otherwise the weakest verdict stands (`unchecked` before `review` before `pass`), so that
 * what could not be checked is held like what must be reviewed.
 */
export function decideTexts(
  checked: readonly { text: CheckedText; verdict: TextVerdict; label?: number }[],
): TextDecision {
  const risky = checked.find((entry) => entry.verdict === 'risky')
  if (risky) {
    return {
      ok: false,
      field: risky.text.field,
      message: `${risky.text.name}含有${riskLabelOf(risky.label)}内容，未通过内容安全检测，请修改后再提交`,
    }
  }
  if (checked.some((entry) => entry.verdict === 'unchecked')) return { ok: true, verdict: 'unchecked' }
  if (checked.some((entry) => entry.verdict === 'review')) return { ok: true, verdict: 'review' }
  return { ok: true, verdict: 'pass' }
}

/** Where the case stands, from its text's verdict and its photos' (see `screeningStates`). */
export function stateOf(text: Screening['text'], photos: Screening['photos']): ScreeningState {
  const verdicts = Object.values(photos)
  if (verdicts.length > 0 && verdicts.every((verdict) => verdict === 'risky')) return 'rejected'
  if (verdicts.includes('pending')) return 'checking'
  if (text !== 'pass' || verdicts.some((verdict) => verdict === 'review' || verdict === 'unchecked'))
    return 'review'
  return 'passed'
}

/** A new case's screening: its text's verdict, and each photo pending (unless its verdict is already known). */
export function openScreening(
  text: Screening['text'],
  photoIds: readonly string[],
  known: Readonly<Record<string, PhotoVerdict>> = {},
): Screening {
  const photos = Object.fromEntries(photoIds.map((id) => [id, known[id] ?? 'pending']))
  return { state: stateOf(text, photos), text, photos }
}

/**
 * A photo's verdict applied to a case's screening: the new screening, or null when it changes nothing (a
 * photo the case does not have, a verdict already taken, a case already decided by a person).
 */
export function applyPhotoVerdict(
  screening: Screening,
  photoId: string,
  verdict: Exclude<PhotoVerdict, 'pending'>,
): Screening | null {
  const current = screening.photos[photoId]
  if (current === undefined || current === verdict) return null
  // Only a pending photo takes WeChat's verdict; a late push cannot undo what was settled.
  if (current !== 'pending') return null
  const photos = { ...screening.photos, [photoId]: verdict }
  return { ...screening, photos, state: stateOf(screening.text, photos) }
}

/** Whether people unrelated to a case may see it at all: only once it passed (cases from before the checks did). */
export function publiclyVisible(screening: Screening | undefined): boolean {
  return screening === undefined || screening.state === 'passed'
}

/** Whether a photo may be shown to people unrelated to the case: only one that passed its check. */
export function photoPublic(screening: Screening | undefined, photoId: string | null): boolean {
  if (!screening) return false
  return photoId !== null && screening.photos[photoId] === 'pass'
}

/** Whether a photo is hidden from everyone but staff: WeChat found it risky. */
export function photoHidden(screening: Screening | undefined, photoId: string | null): boolean {
  return !!screening && photoId !== null && screening.photos[photoId] === 'risky'
}

/** A held case's screening once staff approved it: what was held passes; a risky photo stays hidden. */
export function approvedScreening(screening: Screening): Screening {
  const photos = Object.fromEntries(
    Object.entries(screening.photos).map(([id, verdict]) => [id, verdict === 'risky' ? verdict : 'pass']),
  ) as Screening['photos']
  return { ...screening, text: 'pass', photos, state: stateOf('pass', photos) }
}

/** What an evidence photo's check says, from its photo record: who uploaded it, and the verdict so far. */
export interface EvidenceCheck {
  owner: string
  /** Absent on photos registered before the checks: shown as they always were. */
  verdict?: PhotoVerdict
  label?: number
}

/** What stands in an event's trail instead of an evidence photo the viewer may not see (yet). */
export interface HeldEvidence {
  state: 'checking' | 'hidden'
  label: string
}

export const evidenceCheckingLabel = '图片审核中'

/** The verdicts that wait on a person: WeChat asked for review, could not check the photo, or never answered. */
export const verdictsAwaitingPerson: ReadonlySet<PhotoVerdict> = new Set(['pending', 'review', 'unchecked'])

/** Whether staff may pass an evidence photo with this check (`case.approveEvidence`). */
export function awaitsPerson(check: EvidenceCheck): boolean {
  return check.verdict !== undefined && verdictsAwaitingPerson.has(check.verdict)
}

/**
 * Whether a viewer who sees a case's evidence sees one photo of it, applied when the trail is read (the
 * event that names the photo is never changed): a photo that passed (or predates the checks), everyone;
 * one still pending, held for review or unchecked, staff and its uploader, while everyone else sees
 * 图片审核中 in its place; a risky one staff only (to judge it), its uploader being told why.
 */
export function evidenceShown(
  check: EvidenceCheck | undefined,
  viewer: { openid: string; staff: boolean },
): { shown: boolean; held: HeldEvidence | null } {
  if (!check || check.verdict === undefined || check.verdict === 'pass') return { shown: true, held: null }
  const mine = check.owner === viewer.openid
  if (check.verdict === 'risky') {
    const why: HeldEvidence = {
      state: 'hidden',
      label: `图片含有${riskLabelOf(check.label)}内容，未通过内容安全检测，仅工作人员可见`,
    }
    return { shown: viewer.staff, held: mine ? why : null }
  }
  if (viewer.staff || mine) return { shown: true, held: null }
  return { shown: false, held: { state: 'checking', label: evidenceCheckingLabel } }
}
