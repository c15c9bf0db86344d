import type { exportActions } from '../../../src/domain/exports/contract'
import type { HandlerMap } from '../api/handler'
import { relayTrigger, type Job } from '../jobs/job'
import { exportsSchema } from './collections'
import { getExport, listExports, startExport } from './handlers'
import { exportJob, runExports } from './job'

const handlers: HandlerMap<keyof typeof exportActions> = {
  'export.start': startExport,
  'export.get': getExport,
  'export.list': listExports,
}

// Every minute, as people wait for their file.
const jobs: Job[] = [
  {
    name: exportJob,
    trigger: relayTrigger,
    run: async (runtime, control) => [await runExports(runtime, control)],
  },
]

/** Case-list exports (CSV or Excel) in the caller's scope: started by staff, continued by the jobs function. */
export const exportsContext = { name: 'exports', handlers, jobs, ...exportsSchema }
