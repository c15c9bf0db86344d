import type { Runtime } from '../runtime/runtime'

/** What one job did in a run, for the timer's log and for tests. */
export interface SweepReport {
  job: string
  acted: number
}

/** A piece of time-driven work a context contributes to the jobs function. */
export interface Job {
  name: string
  /** The timer trigger that runs it (see the jobs function's config.json); the ten-minute sweep by default. */
  trigger?: string
  run(runtime: Runtime): Promise<SweepReport[]>
}

/** The trigger most jobs run on. */
export const sweepTrigger = 'sweep-every-ten-minutes'
/** The frequent trigger, for work people wait for (their notifications). */
export const relayTrigger = 'relay-every-minute'
