import { can, type CaseCommand } from '@/domain/case/status'
import type { ActionName, CaseView, ActionOutput } from '@/domain/contract'
import { escalationReasons, handlingMeasures, rejectReasons } from '@/domain/case/policy'
import type { DistrictUnit, Role } from '@/domain/people/roles'
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

export interface Viewer {
  role: Role
  nickname: string
  districtUnit?: DistrictUnit
}

export type CaseActionName = Extract<
  ActionName,
  | 'case.claim'
  | 'case.release'
  | 'case.rectify'
  | 'case.escalate'
  | 'case.requestCity'
  | 'case.signOff'
  | 'case.sendBack'
  | 'case.verify'
  | 'case.reject'
  | 'case.merge'
  | 'case.cityResolve'
  | 'case.supervise'
  | 'case.attachHandlers'
  | 'case.recordPart'
>

export interface ActSpec {
  key: string
  /** The status table's command, for the preview with can(). */
  command: CaseCommand
  action: CaseActionName
  /** The button on the page. */
  label: string
  /** The modal's title and confirm button. */
  title: string
  confirmText: string
  /** Who may do this, in plain words (the server checks grid scope and the rest). */
  hint: string
  fields: FieldKind[]
  notePlaceholder?: string
  /** A note is required by the contract. */
  noteRequired?: boolean
  tone?: 'primary' | 'danger' | 'default'
  /** Extra preview beyond the status table (e.g. only the two district units sign off). */
  offered?: (item: CaseView, viewer: Viewer) => boolean
  payload: (caseId: string, form: ActForm) => Record<string, unknown>
  /** The toast after the server accepted, from its answer. */
  done: (result: ActionOutput<'case.claim'>['case']) => string
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

const isClaimer = (item: CaseView, viewer: Viewer) => item.claimedBy?.nickname === viewer.nickname
const statusAfter = (result: CaseView) => `当前状态：${result.statusLabel}`

export const measureOptions = Object.entries(handlingMeasures).map(([value, label]) => ({ value, label }))
export const escalationOptions = Object.entries(escalationReasons).map(([value, label]) => ({ value, label }))
export const rejectOptions = Object.entries(rejectReasons).map(([value, label]) => ({ value, label }))

/** Every act grid staff and offices take on a case, in the order they are offered. */
export const actSpecs: ActSpec[] = [
  {
    key: 'claim',
    command: 'claim',
    action: 'case.claim',
    label: '认领',
    title: '认领此问题',
    confirmText: '认领',
    hint: '认领后由您负责处理，并按期限办结',
    fields: [],
    tone: 'primary',
    payload: (caseId) => ({ caseId }),
    done: () => '认领成功',
  },
  {
    key: 'rectify',
    command: 'rectify',
    action: 'case.rectify',
    label: '提交整改结果',
    title: '提交整改结果',
    confirmText: '提交',
    hint: '认领人填写处置措施并上传整改后的照片，之后由上一级核查',
    fields: ['measure', 'note', 'photos'],
    notePlaceholder: '处置情况（选填），例如：已督促工地冲洗车辆、覆盖裸土',
    tone: 'primary',
    offered: isClaimer,
    payload: (caseId, form) => ({ caseId, measure: form.measure, note: form.note, photos: form.photos }),
    done: (result) => `已提交整改，${statusAfter(result)}`,
  },
  {
    key: 'verify',
    command: 'verify',
    action: 'case.verify',
    label: '核查整改结果',
    title: '核查整改结果',
    confirmText: '提交核查',
    hint: '由上一级网格长、区级办公室或督查室核查，不能核查自己整改的问题',
    fields: ['verdict', 'note'],
    notePlaceholder: '核查意见；未通过时请写明原因',
    tone: 'primary',
    payload: (caseId, form) => ({ caseId, passed: form.passed, note: form.note }),
    done: (result) =>
      result.status === 'verified'
        ? '核查通过，已请举报人确认'
        : `核查未通过，已退回整改，${statusAfter(result)}`,
  },
  {
    key: 'recordPart',
    command: 'record-part',
    action: 'case.recordPart',
    label: '记录部门处置',
    title: '联合执法：记录本部门处置情况',
    confirmText: '提交',
    hint: '认领人和增派参与联合执法的人员记录各自的处置情况',
    fields: ['note', 'photos'],
    noteRequired: true,
    notePlaceholder: '本部门的处置情况',
    payload: (caseId, form) => ({ caseId, note: form.note, photos: form.photos }),
    done: () => '已记录处置情况',
  },
  {
    key: 'escalate',
    command: 'escalate',
    action: 'case.escalate',
    label: '上报上级网格',
    title: '上报上级网格',
    confirmText: '上报',
    hint: '本级处置不了的问题上报给上一级网格研判处置',
    fields: ['escalation', 'note'],
    notePlaceholder: '补充说明（选填）',
    payload: (caseId, form) => ({ caseId, reason: form.reason, note: form.note }),
    done: (result) => `已上报至${result.grid.name}`,
  },
  {
    key: 'attachHandlers',
    command: 'attach-handlers',
    action: 'case.attachHandlers',
    label: '增派联合执法',
    title: '增派人员联合执法',
    confirmText: '增派',
    hint: '网格长和区级办公室可增派下沉人员或部门参与联合执法',
    fields: ['openids'],
    payload: (caseId, form) => ({ caseId, openids: chosenHandlers(form) }),
    done: (result) => (result.jointHandlers.length ? `已增派：${result.jointHandlers.join('、')}` : '已增派'),
  },
  {
    key: 'release',
    command: 'release',
    action: 'case.release',
    label: '放弃认领',
    title: '放弃认领',
    confirmText: '放弃认领',
    hint: '认领人或本网格网格长可放弃认领，问题回到待认领',
    fields: ['note'],
    noteRequired: true,
    notePlaceholder: '请写明放弃认领的原因',
    tone: 'danger',
    payload: (caseId, form) => ({ caseId, reason: form.note }),
    done: () => '已放弃认领，问题回到待认领',
  },
  {
    key: 'sendBack',
    command: 'send-back',
    action: 'case.sendBack',
    label: '退回下级',
    title: '退回下级网格',
    confirmText: '退回',
    hint: '上级网格长或区级办公室退回下一级网格，并写明处置要求',
    fields: ['note'],
    noteRequired: true,
    notePlaceholder: '请写明退回后的处置要求',
    payload: (caseId, form) => ({ caseId, note: form.note }),
    done: (result) => `已退回${result.grid.name}`,
  },
  {
    key: 'merge',
    command: 'merge',
    action: 'case.merge',
    label: '并案',
    title: '与同一问题并案',
    confirmText: '并案',
    hint: '重复举报的问题并入另一个未办结的问题，举报人一并跟进',
    fields: ['merge'],
    payload: (caseId, form) => ({ caseId, intoCaseId: form.intoCaseId }),
    done: () => '已并案',
  },
  {
    key: 'reject',
    command: 'reject',
    action: 'case.reject',
    label: '不予受理',
    title: '不予受理',
    confirmText: '不予受理',
    hint: '网格长、区级办公室或督查室可不予受理，并通知举报人',
    fields: ['reject', 'note'],
    notePlaceholder: '补充说明（选填），会告知举报人',
    tone: 'danger',
    payload: (caseId, form) => ({ caseId, reason: form.reason, note: form.note }),
    done: () => '已不予受理，已通知举报人',
  },
  {
    key: 'supervise',
    command: 'supervise',
    action: 'case.supervise',
    label: '挂牌督办',
    title: '挂牌督办',
    confirmText: '督办',
    hint: '督查室或区级办公室挂牌督办，期限不能晚于原办理期限',
    fields: ['deadline', 'note'],
    noteRequired: true,
    notePlaceholder: '请写明督办要求',
    payload: (caseId, form) => ({ caseId, deadlineAt: deadlineFromDate(form.deadlineDate), note: form.note }),
    done: () => '已挂牌督办',
  },
  {
    key: 'requestCity',
    command: 'request-city',
    action: 'case.requestCity',
    label: '申请报送市级',
    title: '申请报送市级',
    confirmText: '提交申请',
    hint: '涉及法规政策或跨区的问题，经区大气办和区长效办会签后报送市级',
    fields: ['note'],
    noteRequired: true,
    notePlaceholder: '请写明报送市级的理由',
    payload: (caseId, form) => ({ caseId, note: form.note }),
    done: (result) => `已提交，${statusAfter(result)}`,
  },
  {
    key: 'signOff',
    command: 'sign-off',
    action: 'case.signOff',
    label: '会签',
    title: '会签报送市级',
    confirmText: '会签',
    hint: '区大气办和区长效办各会签一次，两家都签后报送市级',
    fields: ['note'],
    notePlaceholder: '会签意见（选填）',
    tone: 'primary',
    offered: (_item, viewer) =>
      viewer.districtUnit === 'air_office' || viewer.districtUnit === 'long_term_office',
    payload: (caseId, form) => ({ caseId, note: form.note }),
    done: (result) => (result.status === 'at-city' ? '会签完成，已报送市级' : '已会签，等待另一单位会签'),
  },
  {
    key: 'cityResolve',
    command: 'city-resolve',
    action: 'case.cityResolve',
    label: '登记市级办结',
    title: '登记市级办理结果',
    confirmText: '提交',
    hint: '市级办结后由区级办公室登记，之后进入核查',
    fields: ['note'],
    noteRequired: true,
    notePlaceholder: '请写明市级办理结果',
    payload: (caseId, form) => ({ caseId, note: form.note }),
    done: (result) => `已登记，${statusAfter(result)}`,
  },
]

/** The acts to offer now: the status table allows them for this role, and what else the client knows agrees. */
export function offeredActs(item: CaseView, viewer: Viewer): ActSpec[] {
  return actSpecs.filter(
    (spec) => can(item.status, spec.command, viewer.role) && (spec.offered?.(item, viewer) ?? true),
  )
}

/** Problems the form has before anything is sent, in Chinese, keyed by field. */
export function formIssues(spec: ActSpec, form: ActForm): Record<string, string> {
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
