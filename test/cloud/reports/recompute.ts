import { collections } from '../../../cloudfunctions/shared/app'
import type { CaseEvent, CaseRecord } from '../../../src/domain/case/record'
import type { GridTree } from '../../../src/domain/grid/tree'
import { isStaff, type Role } from '../../../src/domain/people/roles'
import { periodBounds } from '../../../src/domain/shared/time'
import { documentsWhere } from '../../factories/inspect'
import type { TestWorld } from '../../factories/runtime'

/*
 * The desk's figures recomputed straight from the cases' trails, as the README defines each one, without
 * the product's table or fold: what the projection and the case lists must agree with.
 */

/** One thing a case counts for, with the instant that places it in a period. */
export interface Counted {
  caseId: string
  key: string
  /** The grid the case belongs to: where it was routed, or where its reporter corrected it to. */
  gridId: string
  at: string
  value?: number
}

const fixes = ['rectify', 'city-resolve']
const accepting = ['claim', 'request-city', 'sign-off', 'rectify', 'verify']
const verdicts = ['confirm', 'dispute']
const closings = ['confirm', 'auto-confirm']
const cards = ['yellow-card', 'red-card']

const firstOf = (trail: CaseEvent[], types: string[]) => trail.find((event) => types.includes(event.type))
const lastOf = (trail: CaseEvent[], types: string[]) =>
  [...trail].reverse().find((event) => types.includes(event.type))
const seconds = (from: string, to: string) =>
  Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000))

function sourceOf(submit: CaseEvent): string {
  const channel = submit.details.channel
  if (channel === 'hotline' || channel === 'sensor' || channel === 'open311') return channel
  if (submit.actorRole !== 'system' && isStaff(submit.actorRole as Role)) return 'patrol'
  return submit.actorRole === 'volunteer' ? 'volunteer' : 'resident'
}

/** Everything one case counts for, from its trail. */
export function countedOf(record: CaseRecord, trail: CaseEvent[]): Counted[] {
  const submit = trail[0]!
  const corrected = lastOf(trail, ['correct-grid'])
  const gridId = corrected ? String(corrected.details.toGridId) : submit.gridId
  const found: Counted[] = []
  const add = (key: string, at: string | undefined, value?: number) => {
    if (at) found.push({ caseId: record._id, key, gridId, at, ...(value === undefined ? {} : { value }) })
  }
  const source = sourceOf(submit)
  add('received', submit.at)
  add(`source:${source}`, submit.at)
  add(`category:${record.categoryId}`, submit.at)
  if (source !== 'patrol') add('missedByPatrol', submit.at)
  add('accepted', firstOf(trail, accepting)?.at)
  const claim = firstOf(trail, ['claim'])
  if (claim) add('claimed', claim.at, seconds(submit.at, claim.at))
  const fix = lastOf(trail, fixes)
  if (fix) add('rectified', fix.at, seconds(submit.at, fix.at))
  const closing = lastOf(trail, closings)
  if (closing) add('finished', closing.at, seconds(submit.at, closing.at))

  // The deadline the case is held to: the last one set (cards only restate the one in force).
  const setting = trail.filter(
    (event) => typeof event.details.deadlineAt === 'string' && !cards.includes(event.type),
  )
  const last = setting[setting.length - 1]
  const ended = trail.some((event) => event.type === 'reject' || event.type === 'merge')
  if (last && !ended) {
    const dueAt = String(last.details.deadlineAt)
    const since = trail.slice(trail.indexOf(last) + 1)
    const lastFix = lastOf(since, fixes)
    const late =
      since.some((event) => event.type === 'red-card') || (lastFix !== undefined && lastFix.at > dueAt)
    add('due', dueAt)
    if (closing) add('closed', dueAt)
    if (closing && !late) add('closedOnTime', dueAt)
    if (trail.some((event) => event.type === 'fail-verification' || event.type === 'dispute'))
      add('reworked', dueAt)
    if (late) add('overdue', dueAt)
  }
  add('escalated', firstOf(trail, ['escalate'])?.at)
  add('signedOff', trail.find((event) => event.type === 'sign-off' && event.details.complete === true)?.at)
  add('yellowCard', firstOf(trail, ['yellow-card'])?.at)
  add('redCard', firstOf(trail, ['red-card'])?.at)
  const verdict = lastOf(trail, verdicts)
  if (verdict) add('rated', verdict.at)
  if (verdict?.type === 'confirm') add('satisfied', verdict.at, Number(verdict.details.rating))
  return found
}

/** Every case's counted figures, from the case documents as they stand. */
export async function countedInWorld(world: TestWorld): Promise<Counted[]> {
  const cases = await documentsWhere<CaseRecord & { trail: CaseEvent[] }>(world.db, collections.case, {})
  return cases.flatMap((doc) =>
    countedOf(
      doc,
      [...doc.trail].sort((a, b) => a.seq - b.seq),
    ),
  )
}

/** The counted figures of a node and period: the case counts for its grid and each level up to its district. */
export function countedIn(counted: Counted[], tree: GridTree, nodeId: string, period: string): Counted[] {
  const { start, end } = periodBounds(period)
  return counted.filter(
    (c) =>
      Date.parse(c.at) >= start.getTime() &&
      Date.parse(c.at) < end.getTime() &&
      tree.lineage(c.gridId).some((node) => node._id === nodeId && node.level !== 'city'),
  )
}

const hours = (value: number) => Math.round((value / 3600) * 100) / 100
const share = (part: number, whole: number) => (whole > 0 ? part / whole : null)

/** The overview's figures as the recomputation has them (the p90 is checked against its bound apart). */
export function expectedFigures(counted: Counted[], categoryIds: string[]) {
  const of = (key: string) => counted.filter((c) => c.key === key)
  const n = (key: string) => of(key).length
  const duration = (key: string) => {
    const values = of(key).map((c) => c.value!)
    const sum = values.reduce((a, b) => a + b, 0)
    return { count: values.length, avgHours: values.length > 0 ? hours(sum / values.length) : null }
  }
  const byCategory: Record<string, number> = Object.fromEntries(categoryIds.map((id) => [id, 0]))
  for (const c of counted)
    if (c.key.startsWith('category:')) byCategory[c.key.slice(9)] = (byCategory[c.key.slice(9)] ?? 0) + 1
  const satisfied = of('satisfied')
  return {
    received: n('received'),
    accepted: n('accepted'),
    due: n('due'),
    closed: n('closed'),
    closedOnTime: n('closedOnTime'),
    reworked: n('reworked'),
    overdue: n('overdue'),
    rates: {
      closure: share(n('closed'), n('due')),
      onTimeClosure: share(n('closedOnTime'), n('due')),
      rework: share(n('reworked'), n('due')),
      overdue: share(n('overdue'), n('due')),
    },
    bySource: Object.fromEntries(
      ['resident', 'volunteer', 'patrol', 'hotline', 'sensor', 'open311'].map((s) => [s, n(`source:${s}`)]),
    ),
    byCategory,
    missedByPatrol: n('missedByPatrol'),
    missedByPatrolRatio: share(n('missedByPatrol'), n('received')),
    timeToClaim: duration('claimed'),
    timeToRectify: duration('rectified'),
    timeToClose: duration('finished'),
    satisfaction: {
      rated: n('rated'),
      satisfied: satisfied.length,
      rate: share(satisfied.length, n('rated')),
      avgRating:
        satisfied.length > 0
          ? Math.round((satisfied.reduce((a, c) => a + c.value!, 0) / satisfied.length) * 100) / 100
          : null,
    },
    escalations: n('escalated'),
    signOffs: n('signedOff'),
    cards: { yellow: n('yellowCard'), red: n('redCard') },
  }
}

/** The exact nearest-rank 90th percentile of a duration, in hours; null for none. */
export function exactP90Hours(counted: Counted[], key: string): number | null {
  const values = counted
    .filter((c) => c.key === key)
    .map((c) => c.value!)
    .sort((a, b) => a - b)
  if (values.length === 0) return null
  return values[Math.ceil(0.9 * values.length) - 1]! / 3600
}
