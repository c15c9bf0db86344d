import { notice } from '../notifications'
import { coversCase, inScope, isClaimer, notOwnReport } from './guards'
import { guard, nicknameOf, type ActFamily } from './kit'

/** The claimer gives a case up, or the grid leader of its grid takes it back. */
const claimerOrGridLeader = guard(
  'claimerOrGridLeader',
  (scope) => isClaimer(scope) || (scope.actor.role === 'grid_leader' && coversCase(scope)),
  'forbidden',
  '只有认领人或网格长可以放弃认领',
)

/** Claiming a case off the board, and giving it back. */
export const claiming: ActFamily<'claim' | 'release'> = {
  claim: {
    guards: [inScope, notOwnReport('不能认领自己举报的问题，请由本网格其他工作人员认领')],
    decide: (scope) =>
      scope.accept(
        'claimed',
        { claim: { userId: scope.actor.openid, nickname: nicknameOf(scope.actor), at: scope.at } },
        { notify: [notice('case-claimed', scope)] },
      ),
  },
  release: {
    guards: [claimerOrGridLeader],
    decide: (scope) =>
      scope.accept(
        'pending',
        { claim: null, waitingSince: scope.at, unclaimedAlertAt: null },
        { note: scope.act.reason, notify: [notice('case-released', scope)] },
      ),
  },
}
