import type { caseActions } from '../../../src/domain/case/contract'
import type { HandlerMap } from '../api/handler'
import { caseSchema } from './collections'
import * as acts from './handlers/acts'
import { listBoard } from './handlers/board'
import { gridCards, nearbyCases, verifyCaseTrail } from './handlers/queries'
import { getCase, myCases, submitCase } from './handlers/reports'
import { caseJobs } from './jobs'

const handlers: HandlerMap<keyof typeof caseActions> = {
  'case.submit': submitCase,
  'case.get': getCase,
  'case.mine': myCases,
  'case.claim': acts.claimCase,
  'case.release': acts.releaseCase,
  'case.rectify': acts.rectifyCase,
  'case.escalate': acts.escalateCase,
  'case.requestCity': acts.requestCity,
  'case.signOff': acts.signOff,
  'case.sendBack': acts.sendBack,
  'case.verify': acts.verifyCase,
  'case.confirm': acts.confirmCase,
  'case.dispute': acts.disputeCase,
  'case.reject': acts.rejectCase,
  'case.merge': acts.mergeCase,
  'case.cityResolve': acts.cityResolve,
  'case.supervise': acts.superviseCase,
  'case.attachHandlers': acts.attachHandlers,
  'case.handlerCandidates': acts.handlerCandidates,
  'case.recordPart': acts.recordPart,
  'case.correctGrid': acts.correctGrid,
  'case.nearby': nearbyCases,
  'case.join': acts.joinCase,
  'case.verifyTrail': verifyCaseTrail,
  'board.list': listBoard,
  'grid.cards': gridCards,
}

/** Reporting, every act on a case, the boards, and the timer's sweeps over open cases. */
export const casesContext = { name: 'cases', handlers, jobs: caseJobs, ...caseSchema }
