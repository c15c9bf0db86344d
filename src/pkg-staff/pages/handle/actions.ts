import { caseActionOf, caseActs, type CaseActKey, type CaseActionOf } from '@/domain/case/act-table'
import { escalationReasonCodes, handlingMeasureCodes, rejectReasonCodes } from '@/domain/case/policy'
import { can, type CaseCommand } from '@/domain/case/status'
import type { ActionInput, ActionName, ActionOutput, CaseView } from '@/domain/contract'
import type { DistrictUnit, Role } from '@/domain/people/roles'
import {
  chosen,
  chosenHandlers,
  deadlineFromDate,
  type ActForm,
  type ActFormSpec,
} from '../../components/action-form/form'

export interface Viewer {
  role: Role
  districtUnit?: DistrictUnit
}

/** The acts staff take on the handling page (residents confirm, dispute, join and correct elsewhere). */
type StaffActKey = Exclude<CaseActKey, 'confirm' | 'dispute' | 'join' | 'correctGrid'>

type StaffAction = CaseActionOf<StaffActKey>

/** How the page sends an act: the hook's typed runner. */
export type RunAct = <A extends ActionName>(action: A, payload: ActionInput<A>) => Promise<ActionOutput<A>>

export interface ActSpec extends ActFormSpec {
  key: StaffActKey
  /** The status table's command, for the preview with can(). */
  command: CaseCommand
  /** The button on the page. */
  label: string
  /** The modal's title and confirm button. */
  title: string
  confirmText: string
  tone?: 'primary' | 'danger' | 'default'
  /** Extra preview beyond the status table (e.g. only the two district units sign off). */
  offered?: (item: CaseView, viewer: Viewer) => boolean
  /** Sends the act with what the form holds; resolves to the case as the server now shows it. */
  send(run: RunAct, caseId: string, form: ActForm): Promise<CaseView>
  /** The toast after the server accepted, from its answer. */
  done: (result: CaseView) => string
}

/** Each act's input as the contract types it. */
type StaffPayloads = { [K in StaffActKey]: ActionInput<CaseActionOf<K>> }

type SpecCopy<K extends StaffActKey> = Omit<ActSpec, 'key' | 'command' | 'label' | 'send'> & {
  /** The action's input, typed by the contract, from the form. */
  payload: (caseId: string, form: ActForm) => StaffPayloads[K]
}

/** An act as the page offers it: its names from the act table, its copy and form from here. */
function actSpec<K extends StaffActKey>(key: K, { payload, ...copy }: SpecCopy<K>): ActSpec {
  const action: StaffAction = caseActionOf(key)
  return {
    ...copy,
    key,
    command: caseActs[key].command,
    label: caseActs[key].label,
    send: async (run, caseId, form) => (await run<StaffAction>(action, payload(caseId, form))).case,
  }
}

const statusAfter = (result: CaseView) => `当前状态：${result.statusLabel}`

/** Every act grid staff and offices take on a case, in the order they are offered. */
export const actSpecs: ActSpec[] = [
  actSpec('claim', {
    title: '认领此问题',
    confirmText: '认领',
    hint: '认领后由您负责处理，并按期限办结',
    fields: [],
    tone: 'primary',
    payload: (caseId) => ({ caseId }),
    done: () => '认领成功',
  }),
  actSpec('approveContent', {
    title: '内容人工复核',
    confirmText: '复核通过',
    hint: '微信内容安全检测要求人工复核（或未能检测）的内容，核实无违规后通过，问题才对其他市民可见；违规的请不予受理',
    fields: [],
    tone: 'primary',
    offered: (item) => item.screening?.state === 'review',
    payload: (caseId) => ({ caseId }),
    done: () => '已复核通过，问题对其他市民可见',
  }),
  actSpec('rectify', {
    title: '提交整改结果',
    confirmText: '提交',
    hint: '认领人填写处置措施并上传整改后的照片，之后由上一级核查',
    fields: ['measure', 'note', 'photos'],
    notePlaceholder: '处置情况（选填），例如：已督促工地冲洗车辆、覆盖裸土',
    tone: 'primary',
    offered: (item) => item.viewer.isClaimer,
    payload: (caseId, form) => ({
      caseId,
      measure: chosen(handlingMeasureCodes, form.measure),
      note: form.note,
      photos: form.photos,
    }),
    done: (result) => `已提交整改，${statusAfter(result)}`,
  }),
  actSpec('verify', {
    title: '核查整改结果',
    confirmText: '提交核查',
    hint: '由上一级网格长、区级办公室或督查室核查，不能核查自己整改的问题',
    fields: ['verdict', 'note'],
    notePlaceholder: '核查意见；未通过时请写明原因',
    tone: 'primary',
    payload: (caseId, form) => ({ caseId, passed: form.passed === true, note: form.note }),
    done: (result) =>
      result.status === 'verified'
        ? '核查通过，已请举报人确认'
        : `核查未通过，已退回整改，${statusAfter(result)}`,
  }),
  actSpec('recordPart', {
    title: '联合执法：记录本部门处置情况',
    confirmText: '提交',
    hint: '认领人和增派参与联合执法的人员记录各自的处置情况',
    fields: ['note', 'photos'],
    noteRequired: true,
    notePlaceholder: '本部门的处置情况',
    payload: (caseId, form) => ({ caseId, note: form.note, photos: form.photos }),
    done: () => '已记录处置情况',
  }),
  actSpec('escalate', {
    title: '上报上级网格',
    confirmText: '上报',
    hint: '本级处置不了的问题上报给上一级网格研判处置',
    fields: ['escalation', 'note'],
    notePlaceholder: '补充说明（选填）',
    payload: (caseId, form) => ({
      caseId,
      reason: chosen(escalationReasonCodes, form.reason),
      note: form.note,
    }),
    done: (result) => `已上报至${result.grid.name}`,
  }),
  actSpec('attachHandlers', {
    title: '增派人员联合执法',
    confirmText: '增派',
    hint: '网格长和区级办公室可增派下沉人员或部门参与联合执法',
    fields: ['openids'],
    payload: (caseId, form) => ({ caseId, openids: chosenHandlers(form) }),
    done: (result) => (result.jointHandlers.length ? `已增派：${result.jointHandlers.join('、')}` : '已增派'),
  }),
  actSpec('release', {
    title: '放弃认领',
    confirmText: '放弃认领',
    hint: '认领人或本网格网格长可放弃认领，问题回到待认领',
    fields: ['note'],
    noteRequired: true,
    notePlaceholder: '请写明放弃认领的原因',
    tone: 'danger',
    payload: (caseId, form) => ({ caseId, reason: form.note }),
    done: () => '已放弃认领，问题回到待认领',
  }),
  actSpec('sendBack', {
    title: '退回下级网格',
    confirmText: '退回',
    hint: '上级网格长或区级办公室退回下一级网格，并写明处置要求',
    fields: ['note'],
    noteRequired: true,
    notePlaceholder: '请写明退回后的处置要求',
    payload: (caseId, form) => ({ caseId, note: form.note }),
    done: (result) => `已退回${result.grid.name}`,
  }),
  actSpec('merge', {
    title: '与同一问题并案',
    confirmText: '并案',
    hint: '网格长、区级办公室或督查室可将重复举报并入附近同类未办结的问题，举报人一并跟进',
    fields: ['merge', 'note'],
    noteRequired: true,
    notePlaceholder: '请写明并案理由',
    payload: (caseId, form) => ({ caseId, intoCaseId: form.intoCaseId, reason: form.note }),
    done: () => '已并案',
  }),
  actSpec('reject', {
    title: '不予受理',
    confirmText: '不予受理',
    hint: '网格长、区级办公室或督查室可不予受理，并通知举报人',
    fields: ['reject', 'note'],
    notePlaceholder: '补充说明（选填），会告知举报人',
    tone: 'danger',
    payload: (caseId, form) => ({ caseId, reason: chosen(rejectReasonCodes, form.reason), note: form.note }),
    done: () => '已不予受理，已通知举报人',
  }),
  actSpec('supervise', {
    title: '挂牌督办',
    confirmText: '督办',
    hint: '督查室或区级办公室挂牌督办，期限不能晚于原办理期限',
    fields: ['deadline', 'note'],
    noteRequired: true,
    notePlaceholder: '请写明督办要求',
    payload: (caseId, form) => ({ caseId, deadlineAt: deadlineFromDate(form.deadlineDate), note: form.note }),
    done: () => '已挂牌督办',
  }),
  actSpec('requestCity', {
    title: '申请报送市级',
    confirmText: '提交申请',
    hint: '涉及法规政策或跨区的问题，经区大气办和区长效办会签后报送市级',
    fields: ['note'],
    noteRequired: true,
    notePlaceholder: '请写明报送市级的理由',
    payload: (caseId, form) => ({ caseId, note: form.note }),
    done: (result) => `已提交，${statusAfter(result)}`,
  }),
  actSpec('signOff', {
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
  }),
  actSpec('cityResolve', {
    title: '登记市级办理结果',
    confirmText: '提交',
    hint: '市级办结后由区级办公室登记，之后进入核查',
    fields: ['note'],
    noteRequired: true,
    notePlaceholder: '请写明市级办理结果',
    payload: (caseId, form) => ({ caseId, note: form.note }),
    done: (result) => `已登记，${statusAfter(result)}`,
  }),
]

/** The acts to offer now: the status table allows them for this role, and what else the client knows agrees. */
export function offeredActs(item: CaseView, viewer: Viewer): ActSpec[] {
  return actSpecs.filter(
    (spec) => can(item.status, spec.command, viewer.role) && (spec.offered?.(item, viewer) ?? true),
  )
}
