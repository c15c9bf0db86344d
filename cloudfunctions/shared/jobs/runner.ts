import type { Envelope } from '../../../src/domain/shared/errors'
import { storesFor } from '../runtime/context'
import type { Runtime } from '../runtime/runtime'
import { Deadline, monotonicMillis, sweepTrigger, type Job, type JobFailure, type SweepReport } from './job'
import type { JobRunRecord } from './store'

/** Failures a report keeps (with their count in the message of the last): enough to diagnose, small to store. */
const keptFailures = 10

export interface RunOptions {
  /** Milliseconds the whole run may take; by default the policy table's `jobsBudgetSeconds`. */
  budgetMs?: number
  /** A monotonic clock in milliseconds; `performance.now()` unless a test or a benchmark counts time itself. */
  clock?: () => number
}

/** What a run did: every job's report, and how the run went. */
export interface JobRun {
  reports: SweepReport[]
  budgetMs: number
  elapsedMs: number
  /** Jobs that stopped for time, or waited for one that did: the next tick carries on with them. */
  leftOver: string[]
  /** The reports (a job's, or its parts') with failures: a job that threw, or items it passed over. */
  failed: string[]
  /** Whether the run was saved in `job_run` (only runs with failures or work left are). */
  recorded: boolean
}

/**
 * Runs the jobs within the time budget, each in isolation: a job that throws is reported and the others
 * still run. Every job gets an equal part of the time still left when its turn comes (time one does not use
 * passes to the jobs after it), so none can starve another; jobs cut short get further rounds while a
 * twentieth of the budget is left. Each job saves its progress as it goes, so stopping between steps loses
 * nothing, and each is idempotent, so a repeated or overlapping run is harmless.
 */
export async function runJobs(
  runtime: Runtime,
  jobs: readonly Job[],
  options: RunOptions = {},
): Promise<JobRun> {
  const clock = options.clock ?? monotonicMillis
  const startedAt = runtime.now().toISOString()
  const started = clock()
  const budgetMs = options.budgetMs ?? runtime.settings.policy.jobsBudgetSeconds * 1000
  const deadline = started + budgetMs
  const reports = new Map<string, SweepReport>()
  // Report name → job: a job reports under its own name or its parts' (the case sweeps).
  const owners = new Map<string, string>()
  const add = (job: Job, report: SweepReport) => {
    owners.set(report.job, job.name)
    merge(reports, report)
  }
  const threw = new Set<string>()
  // Jobs whose predecessor failed: they wait for the next run.
  const blocked: Job[] = []
  let pending = [...jobs]
  const position = new Map(jobs.map((job, index) => [job.name, index]))
  const settled = new Set<string>()

  for (let round = 0; pending.length > 0; round += 1) {
    // Below a twentieth of the budget a further round would mostly re-read cursors.
    if (round > 0 && deadline - clock() < budgetMs / 20) break
    const cutShort: Job[] = []
    // Jobs that finished in an earlier round while one before them, cut short, has since made more work.
    const again = new Set<Job>()
    const unsettled = new Set(pending.map((job) => job.name))
    const runnable = (job: Job) => !job.after || (!unsettled.has(job.after) && !threw.has(job.after))
    let ran = 0
    for (const [index, job] of pending.entries()) {
      if (job.after && threw.has(job.after)) {
        blocked.push(job)
        continue
      }
      if (!runnable(job)) {
        cutShort.push(job)
        continue
      }
      ran += 1
      const waiting = pending.slice(index).filter(runnable).length
      const control = new Deadline(Math.min(deadline, clock() + (deadline - clock()) / waiting), clock)
      let acted = false
      try {
        for (const report of await job.run(runtime, control)) {
          add(job, report)
          acted ||= report.acted > 0
        }
      } catch (error) {
        threw.add(job.name)
        add(job, { job: job.name, acted: 0, failures: [{ message: messageOf(error) }] })
      }
      if (control.told && !threw.has(job.name)) cutShort.push(job)
      else {
        unsettled.delete(job.name)
        settled.add(job.name)
      }
      // A sweep finishing late leaves cases for the relay that already ran: the relay runs again.
      if (round > 0 && acted)
        for (const later of jobs.slice(position.get(job.name)! + 1))
          if (feedsOn(later, job) && settled.has(later.name) && !threw.has(later.name)) again.add(later)
    }
    for (const job of again) settled.delete(job.name)
    pending = [...new Set([...cutShort, ...again])].sort(
      (a, b) => position.get(a.name)! - position.get(b.name)!,
    )
    if (ran === 0) break
  }
  pending.push(...blocked)

  const leftOver = pending.map((job) => job.name)
  for (const job of pending) {
    if (![...owners.values()].includes(job.name)) add(job, { job: job.name, acted: 0 })
    const own = [...owners].filter(([, owner]) => owner === job.name).map(([name]) => reports.get(name)!)
    // A job that says which of its parts left work is taken at its word; otherwise all of it did.
    if (!own.some((report) => report.leftOver)) for (const report of own) report.leftOver = true
  }
  const all = [...reports.values()].map(trimmed)
  const failed = all.filter((report) => report.failures).map((report) => report.job)
  const run = { budgetMs, elapsedMs: Math.round(clock() - started), leftOver, failed }
  const recorded =
    failed.length > 0 || leftOver.length > 0
      ? await record(runtime, { startedAt, reports: all, ...run })
      : false
  return { reports: all, ...run, recorded }
}

/** Whether `reader` takes what `writer` leaves: it waits for it, or reads its output as it comes. */
const feedsOn = (reader: Job, writer: Job) =>
  reader.after === writer.name || (reader.reads ?? []).includes(writer.name)

/** Adds a report to the run's, summing what a job did over several rounds. */
function merge(reports: Map<string, SweepReport>, report: SweepReport): void {
  const before = reports.get(report.job)
  if (!before) {
    reports.set(report.job, { ...report, ...(report.failures ? { failures: [...report.failures] } : {}) })
    return
  }
  before.acted += report.acted
  if (report.failures) before.failures = [...(before.failures ?? []), ...report.failures]
  // Whether work is left is the latest round's word.
  if (report.leftOver) before.leftOver = true
  else delete before.leftOver
}

function trimmed(report: SweepReport): SweepReport {
  const failures = report.failures
  if (!failures || failures.length <= keptFailures) return report
  const last = failures[keptFailures - 1]!
  const kept = [
    ...failures.slice(0, keptFailures - 1),
    { ...last, message: `${last.message} (and ${failures.length - keptFailures} more)` },
  ]
  return { ...report, failures: kept }
}

/** Keeps the run in `job_run`; a run whose record cannot be written still answers with its reports. */
async function record(runtime: Runtime, run: JobRunRecord): Promise<boolean> {
  try {
    await storesFor(runtime).jobs.recordRun(run)
    return true
  } catch {
    return false
  }
}

/** A failure's message, short enough to keep. */
export function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.length > 300 ? `${text.slice(0, 300)}…` : text
}

/** One failure, named by what failed. */
export function failureOf(subject: string, error: unknown): JobFailure {
  return { subject, message: messageOf(error) }
}

/** The jobs function's answer to anyone but its timer trigger. */
export const timerOnly = {
  ok: false,
  error: { code: 'forbidden', message: '该任务只能由定时触发器运行' },
} as const satisfies Envelope<never>

/** The jobs function's entry: a timer event runs the jobs of its trigger; the answer says what each did. */
export function createJobsHandler(jobs: readonly Job[], options: RunOptions = {}) {
  return async (runtime: Runtime, event: unknown): Promise<{ ok: true } & JobRun> => {
    const named = (event as { TriggerName?: unknown } | null)?.TriggerName
    // A local caller that names no trigger gets the full sweep.
    const trigger = typeof named === 'string' ? named : sweepTrigger
    const due = jobs.filter((job) => (job.trigger ?? sweepTrigger) === trigger)
    return { ok: true, ...(await runJobs(runtime, due, options)) }
  }
}
