import { failureOf } from '../jobs/runner'
import type { JobControl, JobFailure, SweepReport } from '../jobs/job'
import { storesFor } from '../runtime/context'
import type { Runtime } from '../runtime/runtime'
import { stepExport } from './service'
import { exportStoreFor } from './store'

export const exportJob = 'exports'
/** Running exports taken up per run, oldest first; the rest wait for the next minute. */
const exportsPerRun = 20

/**
 * Continues the running exports, oldest first, a page at a time until each is done or the run's time is
 * up. Progress is saved with every page (the cursor, the part written), so a run cut short loses at most
 * the page in hand, which the next run reads again from the same cursor. An export whose step fails is
 * passed over and tried again the next run.
 */
export async function runExports(runtime: Runtime, control: JobControl): Promise<SweepReport> {
  const running = await exportStoreFor(runtime).running(exportsPerRun)
  if (running.length === 0) return { job: exportJob, acted: 0 }
  const { tree } = await storesFor(runtime).grids.index()
  const { pageCases } = runtime.settings.policy.exports
  const failures: JobFailure[] = []
  let acted = 0
  for (const first of running) {
    let record = first
    try {
      for (;;) {
        const step = await stepExport(runtime, tree, record, pageCases)
        // Another run moved it on: that run carries it.
        if (!step.moved) break
        acted += 1
        record = step.record
        if (step.finished || control.timeUp()) break
      }
    } catch (error) {
      failures.push(failureOf(record._id, error))
    }
    if (control.timeUp()) break
  }
  return { job: exportJob, acted, ...(failures.length > 0 ? { failures } : {}) }
}
