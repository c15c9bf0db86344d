import type { CaseRecord } from './record'
import { escalationReasons, handlingMeasures, rejectReasons, type Policy } from './policy'
import {
  nicknameOf,
  type ActOf,
  type Audience,
  type CaseActor,
  type CaseActType,
  type NotificationIntent,
} from './acts/kit'
import type { GridNode } from '../grid/tree'
import type { Role } from '../people/roles'

type OnCase = { record: CaseRecord }
type OnAct<C extends CaseActType> = OnCase & { act: ActOf<C> }

/** What each kind of notice needs to know to be addressed and worded. */
export interface NoticeFacts {
  'new-case': OnCase
  'case-routed': OnCase
  'major-event': OnCase & { district: Pick<GridNode, '_id'> }
  'case-claimed': OnCase & { actor: CaseActor }
  'case-released': OnAct<'release'>
  'case-rectified': OnAct<'rectify'>
  'case-escalated': OnAct<'escalate'> & { parent: Pick<GridNode, '_id' | 'level'> }
  'signoff-requested': OnAct<'request-city'>
  'case-sent-back': OnAct<'send-back'> & { target: string }
  'confirm-requested': OnCase
  'verification-failed': OnAct<'fail-verification'> & { claimerId: string }
  'case-closed': OnAct<'confirm' | 'auto-confirm'> & { policy: Policy }
  'dispute-supervised': OnAct<'dispute'>
  'case-reopened': OnAct<'dispute'>
  'case-rejected': OnAct<'reject'>
  'case-merged': OnAct<'merge'>
  'case-supervised': OnAct<'supervise'>
  'joint-enforcement': OnCase & { handler: { openid: string } }
  'yellow-card': OnCase
  'red-card': OnCase
  'unclaimed-alert': OnCase
}
export type NoticeKind = keyof NoticeFacts

interface NoticeCopy<F> {
  audience(facts: F): Audience
  title: string
  body(facts: F): string
}

const reporter = ({ record }: OnCase): Audience => ({ openid: record.reporterId })
const staffOf = (gridId: string, roles: Role[]): Audience => ({ gridId, roles })
/** The grid's handling staff, leader first: whom most news about a case's handling goes to. */
const handlersOfCase = ({ record }: OnCase) =>
  staffOf(record.gridId, ['grid_leader', 'grid_member', 'sunk_staff'])
const deadlineBody = ({ record }: OnCase) => `问题${record.caseNo}办理期限：${record.deadlineAt}`

/**
 * The one table of notices: kind → audience → title and body, as functions of the case and the act. Acts
 * name a kind and hand over the facts; the wording lives only here. The outbox keys each notice by its event
 * and position, so a kind's place in an act's list is part of its identity.
 */
const notices: { [K in NoticeKind]: NoticeCopy<NoticeFacts[K]> } = {
  'new-case': {
    audience: ({ record }) => staffOf(record.gridId, ['grid_member', 'grid_leader', 'sunk_staff']),
    title: '网格内有新问题待认领',
    body: ({ record }) => record.description || '请尽快认领处理',
  },
  'case-routed': {
    audience: reporter,
    title: '您的举报已受理',
    body: ({ record }) => `已转办至所属网格，编号${record.caseNo}`,
  },
  'major-event': {
    audience: ({ district }) => staffOf(district._id, ['district_office']),
    title: '重大或突发污染问题',
    body: ({ record }) => record.description || '请立即研判处置',
  },
  'case-claimed': {
    audience: reporter,
    title: '您的举报已被认领',
    body: ({ actor }) => `网格工作人员${nicknameOf(actor)}已认领，正在处理`,
  },
  'case-released': {
    audience: ({ record }) => staffOf(record.gridId, ['grid_member', 'grid_leader', 'sunk_staff']),
    title: '问题重新待认领',
    body: ({ act }) => act.reason,
  },
  'case-rectified': {
    audience: reporter,
    title: '您的举报已整改',
    body: ({ act }) => `处理措施：${handlingMeasures[act.measure]}，等待核查`,
  },
  'case-escalated': {
    audience: ({ parent }) =>
      staffOf(
        parent._id,
        parent.level === 'district' ? ['district_office'] : ['grid_leader', 'grid_member', 'sunk_staff'],
      ),
    title: '有问题上报到您的网格',
    body: ({ act }) => `${escalationReasons[act.reason]}：${act.note || '请研判处置'}`,
  },
  'signoff-requested': {
    audience: ({ record }) => staffOf(record.gridId, ['district_office']),
    title: '报送市级待会签',
    body: ({ act }) => act.note,
  },
  'case-sent-back': {
    audience: ({ target }) => staffOf(target, ['grid_leader', 'grid_member', 'sunk_staff']),
    title: '上级退回问题',
    body: ({ act }) => act.note,
  },
  'confirm-requested': {
    audience: reporter,
    title: '请确认整改结果',
    body: () => '您举报的问题已整改并通过核查，请确认是否满意',
  },
  'verification-failed': {
    audience: ({ claimerId }) => ({ openid: claimerId }),
    title: '整改核查未通过',
    body: ({ act }) => act.note,
  },
  'case-closed': {
    audience: reporter,
    title: '您的举报已结案',
    body: ({ act, policy }) =>
      act.type === 'confirm'
        ? `感谢您的评价（${act.rating}分）`
        : `核查通过后${policy.autoConfirmDays}天内未收到您的反馈，视为满意`,
  },
  'dispute-supervised': {
    // The supervisor of the level above the case's grid (its own, for a case at the top).
    audience: ({ record }) =>
      staffOf(record.gridPath[record.gridPath.length - 2] ?? record.gridId, ['supervisor']),
    title: '市民多次异议，转督查室',
    body: ({ act }) => act.reason,
  },
  'case-reopened': {
    audience: handlersOfCase,
    title: '市民对整改有异议，问题重新办理',
    body: ({ act }) => act.reason,
  },
  'case-rejected': {
    audience: reporter,
    title: '您的举报未予受理',
    body: ({ act }) => `${rejectReasons[act.reason]}${act.note ? `：${act.note}` : ''}`,
  },
  'case-merged': {
    audience: reporter,
    title: '您的举报已并案处理',
    body: ({ act }) => `与问题${act.into.caseNo}合并办理，可在该问题中查看进度`,
  },
  'case-supervised': { audience: handlersOfCase, title: '问题被挂牌督办', body: ({ act }) => act.note },
  'joint-enforcement': {
    audience: ({ handler }) => ({ openid: handler.openid }),
    title: '您被增派参与联合执法',
    body: ({ record }) => `问题${record.caseNo}`,
  },
  'yellow-card': { audience: handlersOfCase, title: '黄牌预警：问题即将超期', body: deadlineBody },
  'red-card': { audience: handlersOfCase, title: '红牌警告：问题已超期', body: deadlineBody },
  'unclaimed-alert': {
    audience: ({ record }) => staffOf(record.gridId, ['grid_leader']),
    title: '问题超时未认领',
    body: ({ record }) => `问题${record.caseNo}已超过时限无人认领，请尽快安排处理`,
  },
}

/** One notice of `kind`, addressed and worded from the table. */
export function notice<K extends NoticeKind>(kind: K, facts: NoticeFacts[K]): NotificationIntent {
  const copy: NoticeCopy<NoticeFacts[K]> = notices[kind]
  return { audience: copy.audience(facts), kind, title: copy.title, body: copy.body(facts) }
}
