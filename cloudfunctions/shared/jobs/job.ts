import type { Runtime } from '../runtime/runtime'

/** What one job did in a run, for the timer's log and for tests. */
export interface SweepReport {
  job: string
  acted: number
}

/** A piece of time-driven work a context contributes to the jobs function. */
export interface Job {
  name: string
  run(runtime: Runtime): Promise<SweepReport[]>
}
