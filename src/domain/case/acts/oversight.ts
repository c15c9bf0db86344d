import { notice } from '../notifications'
import { inScope } from './guards'
import { guard, refuse, type ActFamily, type ActOf, type ActRule, type ActScope } from './kit'

const isOverdue = ({ record, ctx }: ActScope) => ctx.now.getTime() >= new Date(record.deadlineAt!).getTime()
const hasDeadline = guard(
  'hasDeadline',
  ({ record }) => record.deadlineAt !== null,
  'illegal-transition',
  '该问题没有办理期限',
)
const dueSoon = guard(
  'dueSoon',
  (scope) => scope.record.card === 'none' && !isOverdue(scope),
  'illegal-transition',
  '不需要黄牌预警',
)
const overdueNotRed = guard(
  'overdueNotRed',
  (scope) => scope.record.card !== 'red' && isOverdue(scope),
  'illegal-transition',
  '不需要红牌警告',
)
const supervised = guard(
  'supervised',
  ({ record }) => record.supervision !== null,
  'illegal-transition',
  '该问题未被挂牌督办',
)
const notAlertedYet = guard(
  'notAlertedYet',
  ({ record }) => !record.unclaimedAlertAt,
  'illegal-transition',
  '已经提醒过',
)

/** Yellow before the deadline, red after it: the grid's staff hear of either. */
function card(colour: 'yellow' | 'red'): ActRule<ActOf<'yellow-card' | 'red-card'>> {
  return {
    guards: [hasDeadline, colour === 'yellow' ? dueSoon : overdueNotRed],
    decide: ({ record, accept }) =>
      accept(
        record.status,
        { card: colour },
        {
          details: { card: colour, gridId: record.gridId, deadlineAt: record.deadlineAt },
          notify: [notice(`${colour}-card`, { record })],
        },
      ),
  }
}

/** Watching over open cases: supervision by people, cards and alerts by the timer. */
export const oversight: ActFamily<
  'supervise' | 'unsupervise' | 'yellow-card' | 'red-card' | 'unclaimed-alert'
> = {
  supervise: {
    guards: [inScope],
    decide: (scope) => {
      const { record, act, actor, at, ctx } = scope
      const deadline = new Date(act.deadlineAt).getTime()
      if (!(deadline > ctx.now.getTime())) return refuse('invalid-input', '督办期限必须晚于当前时间')
      if (record.deadlineAt && deadline > new Date(record.deadlineAt).getTime()) {
        return refuse('invalid-input', '挂牌督办的期限不能晚于原办理期限')
      }
      return scope.accept(
        record.status,
        { supervision: { by: actor.openid, at, note: act.note }, deadlineAt: act.deadlineAt, card: 'none' },
        {
          note: act.note,
          details: { deadlineAt: act.deadlineAt },
          notify: [notice('case-supervised', scope)],
        },
      )
    },
  },
  unsupervise: {
    guards: [inScope, supervised],
    decide: ({ record, act, accept }) =>
      accept(
        record.status,
        { supervision: null },
        { note: act.note, details: { supervisedAt: record.supervision!.at } },
      ),
  },
  'yellow-card': card('yellow'),
  'red-card': card('red'),
  'unclaimed-alert': {
    guards: [notAlertedYet],
    decide: ({ record, at, accept }) =>
      accept(record.status, { unclaimedAlertAt: at }, { notify: [notice('unclaimed-alert', { record })] }),
  },
}
