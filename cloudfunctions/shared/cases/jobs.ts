import type { CaseRecord } from '../../../src/domain/case/record'
import { yellowCardDue } from '../../../src/domain/case/deadlines'
import type { CaseAct } from '../../../src/domain/case/decide'
import { systemActor } from '../../../src/domain/case/decide'
import { AppError } from '../../../src/domain/shared/errors'
import { actOnCase } from './act'
import { runRelay } from './relay'
import { businessDayKey } from '../../../src/domain/shared/time'
import { prepareCounters } from '../db/counters'
import { caseNumberCounter } from './handlers/reports'
import { storesFor, type Stores } from '../runtime/context'
import type { SweepCut, SweepName } from './store'
import type { Runtime } from '../runtime/runtime'
import {
  noTimeLimit,
  relayTrigger,
  type Job,
  type JobControl,
  type JobFailure,
  type SweepReport,
} from '../jobs/job'
import { failureOf } from '../jobs/runner'
import { runTrailCheckpoints } from './checkpoints'

/** Cases one query of a sweep reads: one request, whatever the size. */
const batchSize = 200
/** The most documents a function's `get` returns in CloudBase. */
const readCap = 1000
/**
 * Acts in flight at once within a batch: acts on different cases touch no common document, so they never
 * contend, and the time of each is mostly the network's.
 */
const actsInFlight = 4

interface Sweep {
  job: SweepName
  /** The act a candidate is due, or null when it is not due after all. */
  act: (record: CaseRecord) => CaseAct | null
  /** True when no case from this one on, in the sweep's order, can be due yet: the sweep may stop there. */
  beyond?: (record: CaseRecord) => boolean
  /** Sweeps that must have no due case left in this run before this one acts. */
  after?: SweepName[]
}

/**
 * Time-driven work. Every sweep finds candidates with an indexed query and then runs the same domain acts
 * as people do, as the system: the decision re-checks each case, the guarded write makes a concurrent or
 * repeated run harmless, and the act's event and outbox keys make every alert happen once.
 *
 * The progress is the cases themselves: a case acted on no longer matches its sweep's query, so a run
 * stopped anywhere (for time, or killed) leaves exactly the cases still due for the next run, and needs no
 * cursor. Within a run, cases passed over (not due after all, refused, failed) are remembered, so each
 * batch reads past them to new ones. The sweeps take a batch in turn, so a backlog in one does not hold up
 * the others; one failing case is recorded and the rest go on.
 */
export async function runSweeps(runtime: Runtime, control: JobControl = noTimeLimit): Promise<SweepReport[]> {
  const now = runtime.now()
  const { policy, deadlines } = runtime.settings
  const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString()
  const cut: SweepCut = {
    now: now.toISOString(),
    alertBefore: minutesAgo(policy.unclaimedAlertMinutes),
    escalateBefore: minutesAgo(policy.unclaimedEscalateMinutes),
    confirmBefore: minutesAgo(policy.autoConfirmDays * 24 * 60),
  }

  // Cards come before the automatic escalation: a deadline a grid let pass is counted against that grid
  // before the case moves up and gets the next level's deadline.
  const sweeps: Sweep[] = [
    { job: 'unclaimed-alert', act: () => ({ type: 'unclaimed-alert' }) },
    { job: 'red-card', act: () => ({ type: 'red-card' }) },
    {
      job: 'yellow-card',
      act: (record) =>
        record.deadlineAt && yellowCardDue(record.deadlineAt, record.waitingSince, now, deadlines)
          ? { type: 'yellow-card' }
          : null,
      // Candidates come by deadline, and no lead is longer than the table's: past that, none is due yet.
      beyond: (record) =>
        !!record.deadlineAt &&
        Date.parse(record.deadlineAt) - deadlines.yellowLeadHours * 3_600_000 > now.getTime(),
    },
    {
      job: 'unclaimed-escalate',
      act: () => ({
        type: 'escalate',
        reason: 'cannot-handle',
        note: `超过${policy.unclaimedEscalateMinutes / 60}小时无人认领，自动上报`,
      }),
      after: ['red-card', 'yellow-card'],
    },
    { job: 'auto-confirm', act: () => ({ type: 'auto-confirm' }) },
  ]

  const stores = storesFor(runtime)
  const states = new Map(sweeps.map((sweep) => [sweep.job, new SweepState(sweep)]))
  const settled = (name: SweepName) => states.get(name)!.done && !states.get(name)!.broken
  const ready = (state: SweepState) => !state.done && (state.sweep.after ?? []).every(settled)
  // A run tries to act on one case at least before it stops for time, so that every run gets somewhere.
  const progress = { tried: 0 }
  const outOfTime = () => progress.tried > 0 && control.timeUp()
  let stopped = false
  for (;;) {
    const turn = [...states.values()].filter(ready)
    if (turn.length === 0) break
    for (const state of turn) {
      stopped = outOfTime()
      if (stopped) break
      await state.runBatch(runtime, stores, cut, now, outOfTime, progress)
    }
    if (stopped) break
  }
  for (const state of states.values()) {
    const blocked = (state.sweep.after ?? []).filter((name) => states.get(name)!.broken)
    if (!state.done && blocked.length > 0)
      state.failures.push({ message: `waits for ${blocked.join(', ')}, which failed in this run` })
  }
  return [...states.values()].map((state) => state.report(stopped))
}

/** One sweep's progress within a run. */
class SweepState {
  acted = 0
  done = false
  /** The sweep's query failed: the sweeps after it wait for the next run. */
  broken = false
  readonly failures: JobFailure[] = []
  /** Cases handled in this run, and those among them the query still returns. */
  private readonly seen = new Set<string>()
  private stuck = 0

  constructor(readonly sweep: Sweep) {}

  async runBatch(
    runtime: Runtime,
    stores: Stores,
    cut: SweepCut,
    now: Date,
    outOfTime: () => boolean,
    progress: { tried: number },
  ) {
    const limit = Math.min(readCap, batchSize + this.stuck)
    let candidates: CaseRecord[]
    try {
      candidates = await stores.cases.sweepCandidates(this.sweep.job, cut, limit)
    } catch (error) {
      this.failures.push(failureOf(this.sweep.job, error))
      this.done = this.broken = true
      return
    }
    let stuck = 0
    let fresh = 0
    const inFlight = new Set<Promise<void>>()
    const settle = () => Promise.all(inFlight)
    for (const record of candidates) {
      if (this.seen.has(record._id)) {
        stuck += 1
        continue
      }
      if (this.sweep.beyond?.(record)) {
        this.done = true
        break
      }
      const act = this.sweep.act(record)
      // Deciding that a case is not due costs nothing; only an act takes time.
      if (act && outOfTime()) {
        await settle()
        return
      }
      this.seen.add(record._id)
      fresh += 1
      if (!act) {
        stuck += 1
        continue
      }
      progress.tried += 1
      const acting: Promise<void> = this.actOn(runtime, stores, record._id, act, now).then((acted) => {
        if (acted) this.acted += 1
        else stuck += 1
        inFlight.delete(acting)
      })
      inFlight.add(acting)
      if (inFlight.size >= actsInFlight) await Promise.race(inFlight)
    }
    await settle()
    this.stuck = stuck
    // Done when the query had no more to give, or only cases already handled and no room to read past them.
    this.done ||= candidates.length < limit || (fresh === 0 && limit === readCap)
  }

  /** Acts on one case; false when it was passed over (refused, or failed). */
  private async actOn(runtime: Runtime, stores: Stores, caseId: string, act: CaseAct, now: Date) {
    try {
      await actOnCase(runtime, stores, caseId, act, systemActor, now)
      return true
    } catch (error) {
      // A case another run or a person changed first is simply no longer due; anything else is a fault.
      if (!(error instanceof AppError)) this.failures.push(failureOf(caseId, error))
      return false
    }
  }

  report(stopped: boolean): SweepReport {
    return {
      job: this.sweep.job,
      acted: this.acted,
      ...(this.failures.length > 0 ? { failures: this.failures } : {}),
      ...(stopped && !this.done ? { leftOver: true as const } : {}),
    }
  }
}

/**
 * Creates today's and tomorrow's case-number counters ahead of the first report, so a day's first
 * submission costs no more than any other.
 */
export async function prepareCaseNumbers(runtime: Runtime): Promise<SweepReport> {
  const now = runtime.now()
  const days = [now, new Date(now.getTime() + 24 * 60 * 60_000)].map(businessDayKey)
  const created = await prepareCounters(
    runtime.db,
    days.map((day) => caseNumberCounter(day)),
  )
  return { job: 'case-numbers', acted: created }
}

/**
 * The case context's jobs: the timer's sweeps over open cases, the relay that copies acts out, and the
 * daily checkpoint of the trails.
 */
export const caseJobs: Job[] = [
  { name: 'case-sweeps', run: runSweeps },
  { name: 'case-numbers', run: async (runtime) => [await prepareCaseNumbers(runtime)] },
  // After the sweeps, so that what they did reaches the outbox and the projections in the same run; and
  // every minute, so that people's notifications do not wait for the next sweep.
  {
    name: 'relay',
    reads: ['case-sweeps'],
    run: async (runtime, control) => [await runRelay(runtime, control)],
  },
  {
    name: 'relay-every-minute',
    trigger: relayTrigger,
    run: async (runtime, control) => [await runRelay(runtime, control)],
  },
  // After the relay, which copies out the events whose heads it signs.
  {
    name: 'trail-checkpoint',
    after: 'relay',
    run: async (runtime, control) => [await runTrailCheckpoints(runtime, control)],
  },
]
