import type { Envelope } from '../../../src/domain/shared/errors'
import type { Runtime } from '../runtime/runtime'
import { sweepTrigger, type Job, type SweepReport } from './job'

/** Runs the given jobs in order. Each is idempotent, so a repeated or overlapping run is harmless. */
export async function runJobs(runtime: Runtime, jobs: readonly Job[]): Promise<SweepReport[]> {
  const reports: SweepReport[] = []
  for (const job of jobs) reports.push(...(await job.run(runtime)))
  return reports
}

/** The jobs function's answer to anyone but its timer trigger. */
export const timerOnly = {
  ok: false,
  error: { code: 'forbidden', message: '该任务只能由定时触发器运行' },
} as const satisfies Envelope<never>

/** The jobs function's entry: a timer event runs the jobs of its trigger; each reports what it did. */
export function createJobsHandler(jobs: readonly Job[]) {
  return async (runtime: Runtime, event: unknown): Promise<{ ok: true; reports: SweepReport[] }> => {
    const named = (event as { TriggerName?: unknown } | null)?.TriggerName
    // A local caller that names no trigger gets the full sweep.
    const trigger = typeof named === 'string' ? named : sweepTrigger
    const due = jobs.filter((job) => (job.trigger ?? sweepTrigger) === trigger)
    return { ok: true, reports: await runJobs(runtime, due) }
  }
}
