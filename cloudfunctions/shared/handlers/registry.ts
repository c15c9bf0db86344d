import type { ActionName, ActionOutput, ActionParsedInput } from '../../../src/domain/contract'
import type { HandlerContext } from '../context'
import { listBoard } from './board'
import { getCase, myCases, submitCase } from './cases'
import * as lifecycle from './lifecycle'
import { getMe } from './me'
import { leaderboard, myPoints, patrolCheckIn, personLedger } from './points'
import { draftAwardAction, listAwards, publishAwardAction } from './awards'
import { gridCards, listNotifications, nearbyCases, verifyCaseTrail } from './queries'

type Handlers = {
  [A in ActionName]: (ctx: HandlerContext, input: ActionParsedInput<A>) => Promise<ActionOutput<A>>
}

/** Every action in the contract has exactly one handler; the type makes a missing one a compile error. */
export const actionHandlers: Handlers = {
  'me.get': (ctx) => getMe(ctx),
  'case.submit': submitCase,
  'case.get': getCase,
  'case.mine': myCases,
  'case.claim': lifecycle.claimCase,
  'case.release': lifecycle.releaseCase,
  'case.rectify': lifecycle.rectifyCase,
  'case.escalate': lifecycle.escalateCase,
  'case.requestCity': lifecycle.requestCity,
  'case.signOff': lifecycle.signOff,
  'case.sendBack': lifecycle.sendBack,
  'case.verify': lifecycle.verifyCase,
  'case.confirm': lifecycle.confirmCase,
  'case.dispute': lifecycle.disputeCase,
  'case.reject': lifecycle.rejectCase,
  'case.merge': lifecycle.mergeCase,
  'case.cityResolve': lifecycle.cityResolve,
  'case.supervise': lifecycle.superviseCase,
  'case.attachHandlers': lifecycle.attachHandlers,
  'case.handlerCandidates': lifecycle.handlerCandidates,
  'case.recordPart': lifecycle.recordPart,
  'case.correctGrid': lifecycle.correctGrid,
  'case.nearby': nearbyCases,
  'case.join': lifecycle.joinCase,
  'case.verifyTrail': verifyCaseTrail,
  'notification.list': listNotifications,
  'board.list': listBoard,
  'grid.cards': gridCards,
  'points.mine': myPoints,
  'points.ledger': personLedger,
  'points.leaderboard': leaderboard,
  'patrol.checkIn': patrolCheckIn,
  'award.draft': draftAwardAction,
  'award.publish': publishAwardAction,
  'award.list': listAwards,
}
