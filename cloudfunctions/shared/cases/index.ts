import type { PeopleReadWith } from '../api/router'
import type { caseActions } from '../../../src/domain/case/contract'
import type { HandlerMap } from '../api/handler'
import { caseSchema } from './collections'
import * as acts from './handlers/acts'
import { listBoard } from './handlers/board'
import { gridCards, nearbyCases, trailCheckpoints, verifyCaseTrail } from './handlers/queries'
import { getCase, myCases, submitCase } from './handlers/reports'
import { caseJobs } from './jobs'

// `case.linkSite` is the sites context's: it reads the site first and files the case in its history after.
const handlers: HandlerMap<Exclude<keyof typeof caseActions, 'case.linkSite'>> = {
  'case.submit': submitCase,
  'case.get': getCase,
  'case.mine': myCases,
  'case.nearby': nearbyCases,
  ...acts.plainActHandlers,
  'case.attachHandlers': acts.attachHandlers,
  'case.handlerCandidates': acts.handlerCandidates,
  'case.merge': acts.mergeCase,
  'case.approveEvidence': acts.approveEvidence,
  'case.verifyTrail': verifyCaseTrail,
  'trail.checkpoints': trailCheckpoints,
  'board.list': listBoard,
  'grid.cards': gridCards,
}

/** Reporting, every act on a case, the boards, and the timer's sweeps over open cases. */
/** People an act names, read with the caller: joint enforcement attaches staff by account. */
const peopleReadWith: PeopleReadWith = {
  'case.attachHandlers': (input) => input.openids,
}

export const casesContext = { name: 'cases', handlers, peopleReadWith, jobs: caseJobs, ...caseSchema }
