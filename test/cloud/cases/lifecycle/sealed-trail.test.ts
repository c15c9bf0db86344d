import { createHash } from 'node:crypto'
import { collections } from '../../../../cloudfunctions/shared/app'
import { runTrailCheckpoints } from '../../../../cloudfunctions/shared/cases/checkpoints'
import { runRelay } from '../../../../cloudfunctions/shared/cases/relay'
import { canonicalJson, hashEvent } from '../../../../cloudfunctions/shared/cases/trail'
import type { CaseEvent } from '../../../../src/domain/case/record'
import { failingWritesTo } from '../../../factories/faults'
import { createTestWorld, type TestWorld } from '../../../factories/runtime'
import { eventsOf, people, report } from './walk'

/** Re-seals a trail from its first event on with a hash of the attacker's choosing, as a rewrite would. */
function reseal(trail: CaseEvent[], hash: (event: Omit<CaseEvent, 'hash'>) => string): CaseEvent[] {
  let previous = ''
  return trail.map((event) => {
    const { hash: _old, ...rest } = { ...event, prevHash: previous }
    const sealed = { ...rest, hash: hash(rest) }
    previous = sealed.hash
    return sealed
  })
}

const unkeyed = (event: Omit<CaseEvent, 'hash'>) => {
  const { prevHash, ...fields } = event
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(fields)).digest('hex')
}

describe('the sealed trail: a keyed chain over events, status and content, with daily checkpoints', () => {
  let world: TestWorld
  let caseId: string
  const verify = () => world.ok(people.member, 'case.verifyTrail', { caseId })
  const caseDoc = () => world.db.collection(collections.case).doc(caseId)
  /** The day after the acts, past the time the relay is given: the day is due its checkpoint. */
  const nextMorning = () => (world.clock.now = new Date('2026-11-24T01:00:00.000Z'))

  beforeEach(async () => {
    world = await createTestWorld({ start: '2026-11-23T02:00:00.000Z' })
    caseId = (await report(world)).id
    await world.ok(people.member, 'case.claim', { caseId })
    await world.ok(people.member, 'case.release', { caseId, reason: '交他人' })
  })
  afterEach(() => world.close())

  it('refuses a rewrite re-sealed without the key, even when the chain and head were made consistent', async () => {
    for (const guess of [
      unkeyed,
      (event: Omit<CaseEvent, 'hash'>) => hashEvent(event, 'a-guessed-key-000000000000000000000'),
    ]) {
      const rewritten = reseal(
        (await eventsOf(world, caseId)).map((event) =>
          event.seq === 1 ? { ...event, actorId: people.blockLeader } : event,
        ),
        guess,
      )
      await caseDoc().update({ trail: world.db.command.set(rewritten), lastHash: rewritten.at(-1)!.hash })
      expect(await verify()).toMatchObject({ intact: false, brokenAt: 0, reason: 'altered-event' })
    }
  })

  it('notices a case whose content was changed without an event: place, description, reporter, anonymity', async () => {
    expect((await verify()).intact).toBe(true)
    const edits: Record<string, unknown>[] = [
      { description: '改过的描述' },
      { location: { lng: 113.7, lat: 34.7 } },
      { reporterId: people.resident2 },
      { anonymous: true },
    ]
    for (const edit of edits) {
      const [before] = (await caseDoc().get()).data as Record<string, unknown>[]
      await caseDoc().update(edit)
      expect(await verify()).toMatchObject({ intact: false, reason: 'content-mismatch' })
      const restore = Object.fromEntries(Object.keys(edit).map((field) => [field, before![field]]))
      await caseDoc().update(restore)
    }
    expect((await verify()).intact).toBe(true)
  })

  it('notices a status changed without an event', async () => {
    await caseDoc().update({ status: 'closed' })
    expect(await verify()).toMatchObject({ intact: false, brokenAt: 2, reason: 'status-mismatch' })
  })

  it('signs the head of every chain changed in a day, once the day is over, and only once', async () => {
    await runRelay(world.runtime)
    expect((await runTrailCheckpoints(world.runtime)).acted).toBe(0)
    nextMorning()
    expect((await runTrailCheckpoints(world.runtime)).acted).toBe(1)
    expect((await runTrailCheckpoints(world.runtime)).acted).toBe(0)
    const [statement] = (await world.db.collection(collections.trailCheckpoint).where({ caseId }).get())
      .data as Array<{ seq: number; hash: string; day: string }>
    const events = await eventsOf(world, caseId)
    expect(statement).toMatchObject({ seq: 2, hash: events[2]!.hash, day: '2026-11-23' })
  })

  it('finds a tail cut off and the head moved back, which the chain alone cannot show', async () => {
    await runRelay(world.runtime)
    nextMorning()
    await runTrailCheckpoints(world.runtime)
    const events = await eventsOf(world, caseId)
    // The release dropped everywhere it was: the case back as claimed, its copy removed.
    await caseDoc().update({
      trail: world.db.command.set(events.slice(0, 2)),
      eventCount: 2,
      relayedCount: 2,
      lastHash: events[1]!.hash,
      status: 'claimed',
    })
    await world.db.collection(collections.caseEvent).doc(`${caseId}#2`).remove()
    expect(await verify()).toMatchObject({ intact: false, brokenAt: 2, reason: 'truncated' })
  })

  it('refuses a checkpoint it did not sign', async () => {
    await world.db.collection(collections.trailCheckpoint).add({
      _id: `2026-11-23:${caseId}:2`,
      caseId,
      seq: 2,
      hash: 'f'.repeat(64),
      day: '2026-11-23',
      signature: '0'.repeat(64),
      signedAt: '2026-11-24T01:00:00.000Z',
    })
    expect(await verify()).toMatchObject({ intact: false, reason: 'forged-checkpoint' })
  })

  it('killed at any write, signs each head once when run again', async () => {
    const others = [(await report(world, { by: people.resident2 })).id, (await report(world)).id]
    await runRelay(world.runtime)
    nextMorning()
    for (const collection of [collections.trailCheckpoint, collections.jobCursor]) {
      const broken = { ...world.runtime, db: failingWritesTo(world.db, collection) }
      await expect(runTrailCheckpoints(broken)).rejects.toThrow('connection reset')
    }
    await runTrailCheckpoints(world.runtime)
    const statements = (
      await world.db.collection(collections.trailCheckpoint).where({ day: '2026-11-23' }).get()
    ).data as Array<{ caseId: string }>
    expect(statements.map((statement) => statement.caseId).sort()).toEqual([caseId, ...others].sort())
  })
})

describe('the receipt and the district’s copy of the checkpoints', () => {
  let world: TestWorld
  beforeEach(async () => {
    world = await createTestWorld({ start: '2026-11-23T02:00:00.000Z' })
  })
  afterEach(() => world.close())

  it('gives the reporter the head of the trail as a receipt, and nobody else', async () => {
    const { id: caseId, receipt } = await report(world)
    const [record] = (await world.db.collection(collections.case).doc(caseId).get()).data as Array<{
      lastHash: string
    }>
    expect(receipt).toBe(record!.lastHash.slice(0, 16))
    expect((await world.ok(people.member, 'case.get', { caseId })).case.receipt).toBeNull()
  })

  it('lets the district office take a day’s signed statements, and refuses everyone else', async () => {
    const { id: caseId } = await report(world)
    await runRelay(world.runtime)
    world.clock.now = new Date('2026-11-24T01:00:00.000Z')
    await runTrailCheckpoints(world.runtime)
    const copy = await world.ok(people.airOffice, 'trail.checkpoints', { day: '2026-11-23' })
    expect(copy).toMatchObject({ day: '2026-11-23', total: 1, hasMore: false })
    expect(copy.items).toEqual([
      expect.objectContaining({
        caseId,
        seq: 0,
        day: '2026-11-23',
        signature: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
    ])
    for (const other of [people.member, people.resident])
      expect(await world.call(other, 'trail.checkpoints', { day: '2026-11-23' })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      })
  })
})
