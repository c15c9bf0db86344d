import { decideContext } from '../../cloudfunctions/shared/cases/act'
import { sealEvent } from '../../cloudfunctions/shared/cases/trail'
import { yellowCardDue } from '../../src/domain/case/deadlines'
import {
  decide,
  draftEvent,
  systemActor,
  type CaseAct,
  type CaseActor,
  type DecideContext,
} from '../../src/domain/case/decide'
import type { CaseEvent, CaseRecord } from '../../src/domain/case/record'
import { openStatuses } from '../../src/domain/case/status'
import type { GridTree } from '../../src/domain/grid/tree'
import type { Settings } from '../../src/domain/settings'

/** What every simulated case shares: the tree, the tables, and the present the load stops at. */
export interface SimWorld {
  tree: GridTree
  settings: Settings
  /** Epoch ms: nothing happens at or after it. */
  present: number
  trailKey: string
}

/** The jobs timer fires every ten minutes (cloudfunctions/jobs/config.json). */
export const sweepMillis = 10 * 60_000
const minute = 60_000

export const iso = (millis: number) => new Date(millis).toISOString()
const ms = (instant: string) => Date.parse(instant)
const nextSweepAt = (millis: number) => Math.ceil(millis / sweepMillis) * sweepMillis

/** A decided, sealed change not yet applied. */
interface Change {
  patch: Partial<CaseRecord>
  event: CaseEvent
}

/** The domain's context for a decision at `at`, exactly as the act runner builds it. */
export function decideContextAt(world: SimWorld, at: number): DecideContext {
  return decideContext(world.settings, world.tree, new Date(at))
}

/**
 * One case living through time: every change is decided by the domain's own `decide()` and sealed into the
 * case's hash chain exactly as the act runner stores it, and between people's acts the jobs timer's sweeps
 * (unclaimed alert, red and yellow cards, automatic escalation, automatic confirmation) run at their ten-minute
 * ticks, in the order the jobs function runs them.
 */
export class CaseSim {
  readonly events: CaseEvent[]
  /** Acts the domain refused: a generator bug if ever above zero. */
  refused = 0
  private scheduled: { at: number; run: () => void }[] = []

  constructor(
    readonly world: SimWorld,
    public record: CaseRecord,
    first: CaseEvent,
    public clock: number,
  ) {
    this.events = [first]
  }

  get isOpen(): boolean {
    return openStatuses.includes(this.record.status)
  }

  /** Runs `run` when the clock passes `at` (before any later act), if `at` is before the present. */
  schedule(at: number, run: () => void): void {
    if (at >= this.world.present) return
    this.scheduled.push({ at, run })
    this.scheduled.sort((a, b) => a.at - b.at)
  }

  /** Decides an act now (at the sim's clock) without applying it; null when the domain refuses. */
  decide(act: CaseAct, actor: CaseActor, at = this.clock): Change | null {
    const decision = decide(this.record, act, actor, decideContextAt(this.world, at))
    if (!decision.ok) {
      this.refused += 1
      return null
    }
    const event = sealEvent(
      draftEvent(this.record, decision, actor, iso(at)),
      { ...this.record, ...decision.patch },
      this.world.trailKey,
    )
    return { patch: decision.patch, event }
  }

  /** Applies a decided change as the store does: patch, next event count, new chain head. */
  commit(change: Change): void {
    this.record = {
      ...this.record,
      ...change.patch,
      eventCount: this.record.eventCount + 1,
      lastHash: change.event.hash,
    }
    this.events.push(change.event)
  }

  /** Decides and applies; false when refused. */
  apply(act: CaseAct, actor: CaseActor, at = this.clock): boolean {
    const change = this.decide(act, actor, at)
    if (change) this.commit(change)
    return change !== null
  }

  /**
   * Lets time pass until `until` (capped at the present): scheduled acts and timer sweeps in time order.
   * With `stopOnLanding` it stops right after a sweep moved the case to another board (escalated), so a
   * person's delay can be drawn again from there; it then answers false.
   */
  advance(until: number, stopOnLanding = false): boolean {
    const end = Math.min(until, this.world.present - 1)
    const landed = this.record.waitingSince
    for (let steps = 0; steps < 1000; steps += 1) {
      const sweep = this.nextSweep()
      const item = this.scheduled[0]
      const next = Math.min(sweep ?? Infinity, item?.at ?? Infinity)
      if (next > end) break
      if (item && item.at <= (sweep ?? Infinity)) {
        this.scheduled.shift()
        this.clock = Math.max(this.clock, item.at)
        item.run()
      } else {
        this.sweepAt(sweep!)
      }
      if (stopOnLanding && this.record.waitingSince !== landed) return false
    }
    this.clock = Math.max(this.clock, end)
    return true
  }

  /** The next timer tick at which some sweep acts on this case, or null. */
  private nextSweep(): number | null {
    const record = this.record
    if (!this.isOpen) return null
    const { policy } = this.world.settings
    const due: number[] = []
    const waiting = ms(record.waitingSince)
    if (record.status === 'pending') {
      if (!record.unclaimedAlertAt) due.push(waiting + policy.unclaimedAlertMinutes * minute + 1)
      if (this.escalable()) due.push(waiting + policy.unclaimedEscalateMinutes * minute + 1)
    }
    if (record.deadlineAt) {
      const deadline = ms(record.deadlineAt)
      if (record.card !== 'red') due.push(deadline)
      if (record.card === 'none') {
        const lead = Math.min(
          this.world.settings.deadlines.yellowLeadHours * 3_600_000,
          (deadline - waiting) / 4,
        )
        if (nextSweepAt(deadline - lead) < deadline) due.push(deadline - lead)
      }
    }
    if (record.status === 'verified' && record.verifiedAt)
      due.push(ms(record.verifiedAt) + policy.autoConfirmDays * 86_400_000)
    if (due.length === 0) return null
    return nextSweepAt(Math.max(Math.min(...due), this.clock + 1))
  }

  private escalable(): boolean {
    const grid = this.world.tree.get(this.record.gridId)
    return Boolean(grid?.parentId) && grid?.level !== 'district' && grid?.level !== 'city'
  }

  /** One tick of the jobs function's case sweeps, in its order, each on the case as it then stands. */
  private sweepAt(tick: number): void {
    this.clock = tick
    const { policy } = this.world.settings
    const now = new Date(tick)
    const record = () => this.record
    const waiting = () => ms(record().waitingSince)
    if (
      record().status === 'pending' &&
      !record().unclaimedAlertAt &&
      waiting() < tick - policy.unclaimedAlertMinutes * minute
    )
      this.apply({ type: 'unclaimed-alert' }, systemActor, tick)
    if (this.isOpen && record().card !== 'red' && record().deadlineAt && ms(record().deadlineAt!) <= tick)
      this.apply({ type: 'red-card' }, systemActor, tick)
    if (
      this.isOpen &&
      record().card === 'none' &&
      record().deadlineAt &&
      ms(record().deadlineAt!) > tick &&
      yellowCardDue(record().deadlineAt!, record().waitingSince, now, this.world.settings.deadlines)
    )
      this.apply({ type: 'yellow-card' }, systemActor, tick)
    if (
      record().status === 'pending' &&
      this.escalable() &&
      waiting() < tick - policy.unclaimedEscalateMinutes * minute
    ) {
      const note = `超过${policy.unclaimedEscalateMinutes / 60}小时无人认领，自动上报`
      this.apply({ type: 'escalate', reason: 'cannot-handle', note }, systemActor, tick)
    }
    if (
      record().status === 'verified' &&
      record().verifiedAt &&
      ms(record().verifiedAt!) <= tick - policy.autoConfirmDays * 86_400_000
    )
      this.apply({ type: 'auto-confirm' }, systemActor, tick)
  }
}
