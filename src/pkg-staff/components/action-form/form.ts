import { escalationReasons, handlingMeasures, rejectReasons } from '@/domain/case/policy'
import { beijingInstant } from '@/domain/shared/time'

/** What the handling form collects; each act reads the fields it needs. */
export interface ActForm {
  measure: string
  reason: string
  /** 核查结果: null until chosen. */
  passed: boolean | null
  note: string
  photos: string[]
  intoCaseId: string
  /** Supervision deadline as a Beijing date, `YYYY-MM-DD`. */
  deadlineDate: string
  /** Joint enforcement: people ticked in the candidate list, plus any account ids typed in. */
  handlers: string[]
  openidsText: string
}

export const emptyForm = (): ActForm => ({
  measure: '',
  reason: '',
  passed: null,
  note: '',
  photos: [],
  intoCaseId: '',
  deadlineDate: '',
  handlers: [],
  openidsText: '',
})

export type FieldKind =
  'measure' | 'escalation' | 'reject' | 'verdict' | 'note' | 'photos' | 'merge' | 'deadline' | 'openids'

/** What the form needs to know of an act: which fields it asks for, and how. */
export interface ActFormSpec {
  key: string
  /** Who may do this, in plain words (the server checks grid scope and the rest). */
  hint: string
  fields: FieldKind[]
  notePlaceholder?: string
  /** A note is required by the contract. */
  noteRequired?: boolean
}

/** Beijing 18:00 of a `YYYY-MM-DD` day, as ISO UTC: the end of that working day. */
export function deadlineFromDate(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return ''
  const instant = beijingInstant(date, 18)
  return Number.isNaN(instant.getTime()) ? '' : instant.toISOString()
}

/** Everyone the joint-enforcement form names, ticked or typed, each once. */
export function chosenHandlers(form: Pick<ActForm, 'handlers' | 'openidsText'>): string[] {
  return [...new Set([...form.handlers, ...splitOpenids(form.openidsText)])]
}

export function splitOpenids(text: string): string[] {
  return text
    .split(/[\s,，、;；]+/)
    .map((part) => part.trim())
    .filter(Boolean)
}

export const measureOptions = Object.entries(handlingMeasures).map(([value, label]) => ({ value, label }))
export const escalationOptions = Object.entries(escalationReasons).map(([value, label]) => ({ value, label }))
export const rejectOptions = Object.entries(rejectReasons).map(([value, label]) => ({ value, label }))

/** Problems the form has before anything is sent, in Chinese, keyed by field. */
export function formIssues(spec: ActFormSpec, form: ActForm): Record<string, string> {
  const issues: Record<string, string> = {}
  for (const field of spec.fields) {
    if (field === 'measure' && !form.measure) issues.measure = '请选择处置措施'
    if ((field === 'escalation' || field === 'reject') && !form.reason)
      issues.reason = field === 'reject' ? '请选择不予受理的原因' : '请选择上报原因'
    if (field === 'verdict' && form.passed === null) issues.passed = '请选择核查结果'
    if (field === 'verdict' && form.passed === false && !form.note.trim())
      issues.note = '请写明核查未通过的原因'
    if (field === 'photos' && spec.key === 'rectify' && form.photos.length === 0)
      issues.photos = '请上传至少一张整改后的照片'
    if (field === 'merge' && !form.intoCaseId.trim()) issues.intoCaseId = '请选择或填写要并入的问题'
    if (field === 'deadline' && !deadlineFromDate(form.deadlineDate)) issues.deadlineAt = '请选择督办期限'
    if (field === 'openids' && chosenHandlers(form).length === 0) issues.openids = '请选择参与联合执法的人员'
  }
  if (spec.noteRequired && !form.note.trim()) issues.note = spec.notePlaceholder ?? '请填写说明'
  return issues
}

/** A choice the form has checked was made, as one of its codes (formIssues runs before anything is sent). */
export function chosen<T extends string>(codes: readonly T[], value: string): T {
  const code = codes.find((candidate) => candidate === value)
  if (code === undefined) throw new Error(`not one of the choices: ${value}`)
  return code
}
