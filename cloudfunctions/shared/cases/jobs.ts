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
import { storesFor } from '../runtime/context'
import type { SweepCut, SweepName } from './store'
import type { Runtime } from '../runtime/runtime'
import { relayTrigger, type Job, type SweepReport } from '../jobs/job'

const batchSize = 200

/**
 * Time-driven work. Every sweep finds candidates with an indexed query and then runs the same domain acts
 * as people do, as the system: the decision re-checks each case, the guarded write makes a concurrent or
 * repeated run harmless, and the act's event and outbox keys make every alert happen once.
 */
export async function runSweeps(runtime: Runtime): Promise<SweepReport[]> {
  const now = runtime.now()
  const { policy } = runtime.settings
  const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString()
  const cut: SweepCut = {
    now: now.toISOString(),
    alertBefore: minutesAgo(policy.unclaimedAlertMinutes),
    escalateBefore: minutesAgo(policy.unclaimedEscalateMinutes),
    confirmBefore: minutesAgo(policy.autoConfirmDays * 24 * 60),
  }

  // Cards come before the automatic escalation: a deadline a grid let pass is counted against that grid
  // before the case moves up and gets the next level's deadline.
  const sweeps: { job: SweepName; act: (record: CaseRecord) => CaseAct | null }[] = [
    { job: 'unclaimed-alert', act: () => ({ type: 'unclaimed-alert' }) },
    { job: 'red-card', act: () => ({ type: 'red-card' }) },
    {
      job: 'yellow-card',
      act: (record) =>
        record.deadlineAt &&
        yellowCardDue(record.deadlineAt, record.waitingSince, now, runtime.settings.deadlines)
          ? { type: 'yellow-card' }
          : null,
    },
    {
      job: 'unclaimed-escalate',
      act: () => ({
        type: 'escalate',
        reason: 'cannot-handle',
        note: `超过${policy.unclaimedEscalateMinutes / 60}小时无人认领，自动上报`,
      }),
    },
    { job: 'auto-confirm', act: () => ({ type: 'auto-confirm' }) },
  ]

  const stores = storesFor(runtime)
  const reports: SweepReport[] = []
  for (const sweep of sweeps) {
    const candidates = await stores.cases.sweepCandidates(sweep.job, cut, batchSize)
    let acted = 0
    for (const record of candidates) {
      const act = sweep.act(record)
      if (!act) continue
      try {
        await actOnCase(runtime, stores, record._id, act, systemActor, now)
        acted += 1
      } catch (error) {
        // A case another run or a person changed first is simply no longer due; anything else is a fault.
        if (!(error instanceof AppError)) throw error
      }
    }
    reports.push({ job: sweep.job, acted })
  }
  return reports
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

/** The case context's jobs: the timer's sweeps over open cases, and the relay that copies acts out. */
export const caseJobs: Job[] = [
  { name: 'case-sweeps', run: runSweeps },
  { name: 'case-numbers', run: async (runtime) => [await prepareCaseNumbers(runtime)] },
  // After the sweeps, so that what they did reaches the outbox and the projections in the same run; and
  // every minute, so that people's notifications do not wait for the next sweep.
  { name: 'relay', run: async (runtime) => [await runRelay(runtime)] },
  { name: 'relay-every-minute', trigger: relayTrigger, run: async (runtime) => [await runRelay(runtime)] },
]
