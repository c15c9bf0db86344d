import type { reportsActions } from '../../../src/domain/reports/contract'
import type { HandlerMap } from '../api/handler'
import type { Job } from '../jobs/job'
import { reportsSchema } from './collections'
import { statsCases, statsOverview } from './handlers'
import { runStatsJob, statsJob } from './stats-job'

const handlers: HandlerMap<keyof typeof reportsActions> = {
  'stats.overview': statsOverview,
  'stats.cases': statsCases,
}

/** The desk's indicators as a projection of case events, on the ten-minute sweep like the points job. */
const jobs: Job[] = [
  {
    name: statsJob,
    reads: ['relay'],
    run: async (runtime, control) => [await runStatsJob(runtime, control)],
  },
]

/** The district's desk: indicators per grid node and period, and the cases behind each figure. */
export const reportsContext = { name: 'reports', handlers, jobs, ...reportsSchema }
