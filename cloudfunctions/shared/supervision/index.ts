import type { supervisionActions } from '../../../src/domain/supervision/contract'
import type { HandlerMap } from '../api/handler'
import type { Job } from '../jobs/job'
import { bulletinJob, runBulletins } from './bulletin-job'
import { supervisionSchema } from './collections'
import { addSupervisionNote, listSupervision, readBulletins } from './handlers'

const handlers: HandlerMap<keyof typeof supervisionActions> = {
  'supervision.list': listSupervision,
  'supervision.note': addSupervisionNote,
  'supervision.bulletin': readBulletins,
}

// After the desk's projection, so a day's figures are counted before its bulletin is drafted.
const jobs: Job[] = [
  {
    name: bulletinJob,
    after: 'stats',
    run: async (runtime, control) => [await runBulletins(runtime, control)],
  },
]

/** The 督查室: what is overdue, red-carded or flagged, notes on grids' records, the daily bulletin. */
export const supervisionContext = { name: 'supervision', handlers, jobs, ...supervisionSchema }
