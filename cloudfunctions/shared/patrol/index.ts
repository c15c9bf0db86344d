import type { patrolActions } from '../../../src/domain/patrol/contract'
import type { HandlerMap } from '../api/handler'
import { patrolSchema } from './collections'
import { coverageJob, runCoverageJob } from './coverage-job'
import type { Job } from '../jobs/job'
import { patrolCheckIn } from './handlers'
import { endRound, readRound, reportFromRound, startRound } from './rounds'

const handlers: HandlerMap<keyof typeof patrolActions> = {
  'patrol.checkIn': patrolCheckIn,
  'patrol.startRound': startRound,
  'patrol.endRound': endRound,
  'patrol.round': readRound,
  'patrol.report': reportFromRound,
}

/** Volunteers' and grid workers' patrol rounds and check-ins (巡查), paid through the rewards ledger. */
/** Patrol coverage per grid per day, projected from the check-ins on the ten-minute sweep. */
const jobs: Job[] = [
  { name: coverageJob, run: async (runtime, control) => [await runCoverageJob(runtime, control)] },
]

export const patrolContext = { name: 'patrol', handlers, jobs, ...patrolSchema }
