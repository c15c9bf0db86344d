import { z } from '../shared/zod'
import type { Role } from '../people/roles'

/**
 * The statuses a case moves through (the handling chain 登记 → 转办 → 办理 → 督查 → 办结 → 反馈 → 结案).
 * Escalation keeps a case `pending` but moves it to an upper grid; going to the city needs two sign-offs.
 */
export const caseStatuses = [
  'pending',
  'claimed',
  'awaiting-signoff',
  'at-city',
  'rectified',
  'verified',
  'closed',
  'rejected',
  'merged',
] as const
export const caseStatusSchema = z.enum(caseStatuses)
export type CaseStatus = z.infer<typeof caseStatusSchema>

export const caseStatusLabels: Record<CaseStatus, string> = {
  pending: '待认领',
  claimed: '处理中',
  'awaiting-signoff': '待区级会签',
  'at-city': '已报市级',
  rectified: '已整改待核查',
  verified: '待市民确认',
  closed: '已结案',
  rejected: '不予受理',
  merged: '已并案',
}

export const openStatuses: readonly CaseStatus[] = [
  'pending',
  'claimed',
  'awaiting-signoff',
  'at-city',
  'rectified',
  'verified',
]

export const caseCommands = [
  'submit',
  'claim',
  'release',
  'rectify',
  'escalate',
  'request-city',
  'sign-off',
  'send-back',
  'verify',
  'fail-verification',
  'confirm',
  'auto-confirm',
  'dispute',
  'reject',
  'merge',
  'absorb',
  'city-resolve',
  'supervise',
  'unsupervise',
  'attach-handlers',
  'record-part',
  'correct-grid',
  'yellow-card',
  'red-card',
  'unclaimed-alert',
  'join',
  'screen',
  'approve-content',
  'approve-evidence',
  'link-site',
] as const
export type CaseCommand = (typeof caseCommands)[number]

interface Transition {
  from: readonly (CaseStatus | 'none')[]
  /** `same` marks acts that leave a trace without moving the case (cards, supervision, joint parts…). */
  to: CaseStatus | 'same'
  /** Other outcomes the domain may choose on the case's facts (e.g. the first of two sign-offs stays put). */
  alternatives?: readonly (CaseStatus | 'same')[]
  /** Who may issue the command at all; grid scope is checked separately. */
  roles: readonly (Role | 'system')[]
}

const gridStaff = ['grid_member', 'grid_leader', 'sunk_staff'] as const
const leaders = ['grid_leader', 'district_office'] as const
/** Who may end a case without a fix (reject it, or merge it into another): leaders and the supervisor. */
const closers = [...leaders, 'supervisor'] as const

/**
 * The one table that decides every status change. A command not listed for the current status is
 * refused, naming that status; nothing else in the code base changes a case's status.
 */
export const transitionTable: Record<CaseCommand, Transition> = {
  // The system opens cases from monitoring stations through the same intake (src/domain/case/intake.ts).
  submit: {
    from: ['none'],
    to: 'pending',
    roles: ['resident', 'volunteer', ...gridStaff, 'district_office', 'supervisor', 'system'],
  },
  claim: { from: ['pending'], to: 'claimed', roles: [...gridStaff, 'district_office'] },
  release: { from: ['claimed'], to: 'pending', roles: [...gridStaff, 'district_office'] },
  rectify: { from: ['claimed'], to: 'rectified', roles: [...gridStaff, 'district_office'] },
  escalate: {
    from: ['pending', 'claimed'],
    to: 'pending',
    roles: [...gridStaff, 'district_office', 'system'],
  },
  'request-city': { from: ['pending', 'claimed'], to: 'awaiting-signoff', roles: ['district_office'] },
  // One signature keeps the case waiting for the other unit; the second sends it to the city.
  'sign-off': {
    from: ['awaiting-signoff'],
    to: 'at-city',
    alternatives: ['same'],
    roles: ['district_office'],
  },
  'send-back': { from: ['pending', 'claimed', 'awaiting-signoff'], to: 'pending', roles: leaders },
  verify: { from: ['rectified'], to: 'verified', roles: [...leaders, 'supervisor'] },
  // Back to the claimer; a case resolved at the city has none, so it goes back on the board.
  'fail-verification': {
    from: ['rectified'],
    to: 'claimed',
    alternatives: ['pending'],
    roles: [...leaders, 'supervisor'],
  },
  confirm: {
    from: ['verified'],
    to: 'closed',
    roles: ['resident', 'volunteer', ...gridStaff, 'district_office', 'supervisor'],
  },
  'auto-confirm': { from: ['verified'], to: 'closed', roles: ['system'] },
  dispute: {
    from: ['verified'],
    to: 'pending',
    roles: ['resident', 'volunteer', ...gridStaff, 'district_office', 'supervisor'],
  },
  reject: { from: ['pending', 'claimed'], to: 'rejected', roles: closers },
  // A merge closes a case as surely as a rejection does (and the reporter cannot dispute it): the same people.
  merge: { from: ['pending', 'claimed'], to: 'merged', roles: closers },
  // The surviving side of a merge: it takes in the duplicate's reporter and followers, with an event of its own.
  absorb: { from: openStatuses, to: 'same', roles: [...gridStaff, 'district_office', 'supervisor'] },
  'city-resolve': { from: ['at-city'], to: 'rectified', roles: ['district_office'] },
  supervise: { from: openStatuses, to: 'same', roles: ['supervisor', 'district_office'] },
  // The flag comes off when the supervisor is satisfied; the deadline it set stays until the case moves on.
  unsupervise: { from: openStatuses, to: 'same', roles: ['supervisor', 'district_office'] },
  'attach-handlers': { from: ['claimed'], to: 'same', roles: leaders },
  'record-part': { from: ['claimed'], to: 'same', roles: [...gridStaff, 'district_office'] },
  // The reporter's act: whoever may submit may correct their own case's grid.
  'correct-grid': {
    from: ['pending'],
    to: 'same',
    roles: ['resident', 'volunteer', ...gridStaff, 'district_office', 'supervisor'],
  },
  'yellow-card': { from: openStatuses, to: 'same', roles: ['system'] },
  'red-card': { from: openStatuses, to: 'same', roles: ['system'] },
  'unclaimed-alert': { from: ['pending'], to: 'same', roles: ['system'] },
  join: {
    from: openStatuses,
    to: 'same',
    roles: ['resident', 'volunteer', ...gridStaff, 'district_office', 'supervisor'],
  },
  // A photo's content-security verdict: recorded on the case, which it rejects when every photo was risky.
  screen: { from: openStatuses, to: 'same', alternatives: ['rejected'], roles: ['system'] },
  // Staff who cover a case held for review let its content go public (or reject it with `reject`).
  'approve-content': {
    from: openStatuses,
    to: 'same',
    roles: [...gridStaff, 'district_office', 'supervisor'],
  },
  // Staff who cover a case let an act's evidence photo WeChat held (or never answered for) be shown to all;
  // a closed case's after-photos are what the public reads, so it is open to closed cases too.
  'approve-evidence': {
    from: [...openStatuses, 'closed'],
    to: 'same',
    roles: [...gridStaff, 'district_office', 'supervisor'],
  },
  // Filing an open case under a registered site (一企一档): its reporter while it waits, or staff who cover it.
  'link-site': {
    from: openStatuses,
    to: 'same',
    roles: ['resident', 'volunteer', ...gridStaff, 'district_office', 'supervisor'],
  },
}

export type TransitionDecision =
  | { ok: true; from: CaseStatus | 'none'; to: CaseStatus }
  | { ok: false; reason: 'illegal-transition' | 'forbidden'; current: CaseStatus | 'none' }

/** Decides whether `command` may move a case in `current` status, issued by someone in `role`. */
export function decideTransition(
  current: CaseStatus | 'none',
  command: CaseCommand,
  role: Role | 'system',
): TransitionDecision {
  const transition = transitionTable[command]
  if (!transition.roles.includes(role)) return { ok: false, reason: 'forbidden', current }
  if (!transition.from.includes(current)) return { ok: false, reason: 'illegal-transition', current }
  const to = transition.to === 'same' ? current : transition.to
  if (to === 'none') return { ok: false, reason: 'illegal-transition', current }
  return { ok: true, from: current, to }
}

/** Whether the table lets `command` take a case from `from` to `to`; every decision and every event must pass. */
export function transitionAllowed(command: CaseCommand, from: CaseStatus | 'none', to: CaseStatus): boolean {
  const transition = transitionTable[command]
  if (!transition.from.includes(from)) return false
  return [transition.to, ...(transition.alternatives ?? [])].some((target) =>
    target === 'same' ? from === to : target === to,
  )
}

/** The client previews buttons with the same table the server decides with. */
export function can(current: CaseStatus | 'none', command: CaseCommand, role: Role): boolean {
  return decideTransition(current, command, role).ok
}

/** How each command reads in a case's timeline. */
export const caseCommandLabels: Record<CaseCommand, string> = {
  submit: '登记',
  claim: '认领',
  release: '放弃认领',
  rectify: '已整改',
  escalate: '上报上级网格',
  'request-city': '申请报送市级',
  'sign-off': '区级会签',
  'send-back': '退回下级',
  verify: '核查通过',
  'fail-verification': '核查未通过',
  confirm: '市民确认结案',
  'auto-confirm': '逾期未反馈，自动结案',
  dispute: '市民有异议，重新办理',
  reject: '不予受理',
  merge: '并案',
  absorb: '合并重复问题',
  'city-resolve': '市级办结',
  supervise: '挂牌督办',
  unsupervise: '解除督办',
  'attach-handlers': '联合执法：增派部门',
  'record-part': '联合执法：部门处置',
  'correct-grid': '更正所属网格',
  'yellow-card': '黄牌预警',
  'red-card': '红牌警告',
  'unclaimed-alert': '超时未认领提醒',
  join: '市民附议',
  screen: '内容安全检测',
  'approve-content': '内容人工复核通过',
  'approve-evidence': '处理照片人工复核通过',
  'link-site': '关联污染源档案',
}
