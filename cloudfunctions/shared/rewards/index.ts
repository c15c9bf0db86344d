import type { rewardsActions } from '../../../src/domain/rewards/contract'
import type { HandlerMap } from '../api/handler'
import { draftAwardAction, listAwards, publishAwardAction } from './award-handlers'
import { rewardsSchema } from './collections'
import { leaderboard, myPoints, personLedger } from './handlers'
import { rewardJobs } from './jobs'

const handlers: HandlerMap<keyof typeof rewardsActions> = {
  'points.mine': myPoints,
  'points.ledger': personLedger,
  'points.leaderboard': leaderboard,
  'award.draft': draftAwardAction,
  'award.publish': publishAwardAction,
  'award.list': listAwards,
}

/** Points as a projection of case events, rankings, and the monthly, quarterly and yearly awards. */
export const rewardsContext = { name: 'rewards', handlers, jobs: rewardJobs, ...rewardsSchema }
