import { collections } from '../../../../cloudfunctions/shared/app'
import { documentsWhere } from '../../../factories/inspect'
import { runRelay } from '../../../../cloudfunctions/shared/cases/relay'
import { storesFor } from '../../../../cloudfunctions/shared/runtime/context'
import type { OutboxEntry } from '../../../../cloudfunctions/shared/notify/outbox'
import type { CaseEvent } from '../../../../src/domain/case/record'
import type { ActionInput, CaseView } from '../../../../src/domain/contract'
import type { Envelope } from '../../../../src/domain/shared/errors'
import { demoPoints } from '../../../../emulator/demo/grids'
import { reportAt, type TestWorld } from '../../../factories/runtime'
import { ownPhoto } from '../../../factories/photos'

/** The demo accounts around 映月路社区第1网格, one per seat of the escalation chain. */
export const people = {
  resident: 'demo-resident',
  resident2: 'demo-resident-2',
  volunteer: 'demo-volunteer',
  member: 'demo-grid-member',
  blockLeader: 'demo-grid-leader-3',
  communityLeader: 'demo-grid-leader-2',
  streetLeader: 'demo-grid-leader-1',
  sunkStaff: 'demo-sunk-staff',
  airOffice: 'demo-air-office',
  longTermOffice: 'demo-long-term-office',
  supervisor: 'demo-supervisor',
} as const

/** The after-photo an act sends: a registered upload of whoever sends it (see test/factories/photos.ts). */
export const afterPhoto = ownPhoto

/** A report by `openid` (the demo resident unless told) in 映月路社区第1网格 unless another point is given. */
export async function report(
  world: TestWorld,
  options: { by?: string; at?: { lng: number; lat: number } } & Partial<ActionInput<'case.submit'>> = {},
): Promise<CaseView> {
  const { by = people.resident, at = demoPoints.yingyueRoadGrid1, ...overrides } = options
  return (await world.ok(by, 'case.submit', reportAt(at, overrides))).case
}

export async function claimAndRectify(
  world: TestWorld,
  caseId: string,
  claimer: string = people.member,
): Promise<void> {
  await world.ok(claimer, 'case.claim', { caseId })
  await world.ok(claimer, 'case.rectify', {
    caseId,
    measure: 'dissuade',
    note: '已劝阻并熄灭',
    photos: [afterPhoto],
  })
}

/** Claimed and rectified by the block's member, verified by the community leader. */
export async function walkToVerified(world: TestWorld, caseId: string): Promise<void> {
  await claimAndRectify(world, caseId)
  await world.ok(people.communityLeader, 'case.verify', { caseId, passed: true, note: '现场核查已整改' })
}

/** Block → community → street → district (管城回族区), each by the level the case sits at. */
export async function escalateToDistrict(world: TestWorld, caseId: string): Promise<void> {
  await world.ok(people.member, 'case.escalate', {
    caseId,
    reason: 'cannot-handle',
    note: '三级网格处置不了',
  })
  await world.ok(people.communityLeader, 'case.escalate', {
    caseId,
    reason: 'needs-joint-enforcement',
    note: '需联合执法',
  })
  await world.ok(people.streetLeader, 'case.escalate', {
    caseId,
    reason: 'out-of-remit',
    note: '超出街道职责',
  })
}

/** What reached the outbox for a case once the relay has copied it out, as every jobs run does. */
export async function outboxOf(world: TestWorld, caseId: string): Promise<OutboxEntry[]> {
  await runRelay(world.runtime)
  return documentsWhere<OutboxEntry>(world.db, collections.outbox, { caseId })
}

/**
 * A person's in-app messages once the relay has run (every minute in the cloud): an act leaves its
 * notifications on the case, and the relay queues them.
 */
export async function inboxOf(
  world: TestWorld,
  openid: string,
  input: { page?: number; pageSize?: number } = {},
) {
  await runRelay(world.runtime)
  return world.ok(openid, 'notification.list', input)
}

/** A case's trail as the case document holds it, in order. */
export async function eventsOf(world: TestWorld, caseId: string): Promise<CaseEvent[]> {
  return storesFor(world.runtime).cases.trail(caseId)
}

/** Rewrites a case's stored trail behind the product's back, as someone with database access could. */
export async function tamperWithTrail(
  world: TestWorld,
  caseId: string,
  edit: (trail: CaseEvent[]) => CaseEvent[],
): Promise<void> {
  const trail = edit(await eventsOf(world, caseId))
  await world.db
    .collection(collections.case)
    .doc(caseId)
    .update({ trail: world.db.command.set(trail) })
}

/** The refusal of an answer, failing the test when the answer was accepted. */
export function refusal<T>(answer: Envelope<T>) {
  if (answer.ok) throw new Error(`expected a refusal, got ${JSON.stringify(answer.data).slice(0, 200)}`)
  return answer.error
}
