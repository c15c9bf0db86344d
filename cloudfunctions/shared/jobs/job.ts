import type { Runtime } from '../runtime/runtime'

/** One thing a job could not do: the next run tries it again, and an operator can see why it failed. */
export interface JobFailure {
  /** What failed (a case id, an award key); absent when the job as a whole threw. */
  subject?: string
  message: string
}

/** What one job did in a run, for the timer's log and for tests. */
export interface SweepReport {
  job: string
  acted: number
  /** What failed and was passed over, so that the rest still ran; absent when nothing failed. */
  failures?: JobFailure[]
  /** Set by the runner when the job stopped for time with work left for the next tick. */
  leftOver?: true
}

/**
 * The runner's hold on a running job. The job asks between steps (a case, an event, a draft) whether its
 * share of the run is spent; once it is, the job stops after the step in hand, with its progress saved,
 * and leaves the rest to the next tick. A job takes one step at least before it asks, so that even a run
 * with little time left gets somewhere.
 */
export interface JobControl {
  timeUp(): boolean
}

/** A piece of time-driven work a context contributes to the jobs function. */
export interface Job {
  name: string
  /** The timer trigger that runs it (see the jobs function's config.json); the ten-minute sweep by default. */
  trigger?: string
  /**
   * Another job of the same run this one waits for: it runs only once that one finished without being cut
   * short or failing (award drafts read the tallies the points job writes).
   */
  after?: string
  /**
   * Jobs of the same run whose output this one reads without waiting for them (the relay copies out what
   * the sweeps changed). When one of them, cut short, does more work in a later round, this one runs again.
   */
  reads?: string[]
  run(runtime: Runtime, control: JobControl): Promise<SweepReport[]>
}

/** A control that never stops the job, for running it by itself (a test, a script, a first catch-up). */
export const noTimeLimit: JobControl = { timeUp: () => false }

/**
 * The clock of the jobs' deadlines: monotonic milliseconds. The function is killed on elapsed real time, so
 * that is what a deadline measures; `runtime.now()` is the business clock (tests pin and move it, and wall
 * time can step when the host's clock is corrected).
 */
export const monotonicMillis = (): number => performance.now()

/** A control whose time is up at `deadline` on `clock`; `told` says whether the job was ever told so. */
export class Deadline implements JobControl {
  told = false

  constructor(
    private readonly deadline: number,
    private readonly clock: () => number = monotonicMillis,
  ) {}

  timeUp(): boolean {
    if (this.clock() >= this.deadline) this.told = true
    return this.told
  }
}

/** The trigger most jobs run on. */
export const sweepTrigger = 'sweep-every-ten-minutes'
/** The frequent trigger, for work people wait for (their notifications). */
export const relayTrigger = 'relay-every-minute'
