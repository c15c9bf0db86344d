import { collections } from '../../../../cloudfunctions/shared/app'
import { runSweeps } from '../../../../cloudfunctions/shared/cases/jobs'
import { actionNames } from '../../../../src/domain/contract'
import { createTestWorld, testTrailKey, type TestWorld } from '../../../factories/runtime'
import { afterPhoto, eventsOf, people, refusal, report, tamperWithTrail } from './walk'
import { runRelay } from '../../../../cloudfunctions/shared/cases/relay'

describe('the tamper-evident trail (痕迹化)', () => {
  let world: TestWorld
  let caseId: string
  beforeEach(async () => {
    world = await createTestWorld()
    caseId = (await report(world)).id
  })
  afterEach(() => world.close())

  /** A whole life of a case, one act at a time, with the event each act must append. */
  const acts: [string, () => Promise<unknown>, string][] = [
    ['join', () => world.ok(people.resident2, 'case.join', { caseId }), 'join'],
    ['claim', () => world.ok(people.member, 'case.claim', { caseId }), 'claim'],
    ['release', () => world.ok(people.member, 'case.release', { caseId, reason: '交下沉人员' }), 'release'],
    ['claim again', () => world.ok(people.sunkStaff, 'case.claim', { caseId }), 'claim'],
    [
      'attach',
      () => world.ok(people.blockLeader, 'case.attachHandlers', { caseId, openids: [people.member] }),
      'attach-handlers',
    ],
    [
      'record part',
      () => world.ok(people.member, 'case.recordPart', { caseId, note: '现场劝阻', photos: [] }),
      'record-part',
    ],
    [
      'supervise',
      () =>
        world.ok(people.supervisor, 'case.supervise', {
          caseId,
          deadlineAt: '2026-11-23T05:00:00.000Z',
          note: '限期',
        }),
      'supervise',
    ],
    [
      'rectify',
      () =>
        world.ok(people.sunkStaff, 'case.rectify', {
          caseId,
          measure: 'penalty',
          note: '立案处罚',
          photos: [afterPhoto],
        }),
      'rectify',
    ],
    [
      'fail verification',
      () => world.ok(people.communityLeader, 'case.verify', { caseId, passed: false, note: '复查仍有焚烧' }),
      'fail-verification',
    ],
    [
      'rectify again',
      () =>
        world.ok(people.sunkStaff, 'case.rectify', {
          caseId,
          measure: 'on-site-fix',
          note: '清理完毕',
          photos: [afterPhoto],
        }),
      'rectify',
    ],
    [
      'verify',
      () => world.ok(people.supervisor, 'case.verify', { caseId, passed: true, note: '' }),
      'verify',
    ],
    ['dispute', () => world.ok(people.resident, 'case.dispute', { caseId, reason: '又烧了' }), 'dispute'],
    [
      'escalate',
      () =>
        world.ok(people.blockLeader, 'case.escalate', {
          caseId,
          reason: 'needs-joint-enforcement',
          note: '',
        }),
      'escalate',
    ],
    [
      'send back',
      () => world.ok(people.communityLeader, 'case.sendBack', { caseId, note: '请网格处置' }),
      'send-back',
    ],
    [
      'reject',
      () => world.ok(people.blockLeader, 'case.reject', { caseId, reason: 'duplicate', note: '' }),
      'reject',
    ],
  ]

  it('appends exactly one event for every act, in order, and none for a refused act', async () => {
    let count = (await eventsOf(world, caseId)).length
    expect(count).toBe(1)
    for (const [name, act, type] of acts) {
      await act()
      const events = await eventsOf(world, caseId)
      expect({ name, count: events.length, type: events.at(-1)!.type, seq: events.at(-1)!.seq }).toEqual({
        name,
        count: count + 1,
        type,
        seq: count,
      })
      count = events.length
      refusal(await world.call(people.resident2, 'case.claim', { caseId }))
      expect(await eventsOf(world, caseId)).toHaveLength(count)
    }
    expect(await world.ok(people.resident, 'case.verifyTrail', { caseId })).toEqual({
      intact: true,
      events: count,
      brokenAt: null,
      reason: null,
    })
  })

  it('appends one event per system act of the sweeps', async () => {
    world.clock.advanceMinutes(121)
    await runSweeps(world.runtime)
    expect((await eventsOf(world, caseId)).map((event) => [event.type, event.actorId])).toEqual([
      ['submit', people.resident],
      ['unclaimed-alert', 'system'],
    ])
  })

  it('records who, in what role and grid, before and after, and chains each event to the previous', async () => {
    await world.ok(people.member, 'case.claim', { caseId })
    const [submitted, claimed] = await eventsOf(world, caseId)
    expect(claimed).toMatchObject({
      actorId: people.member,
      actorRole: 'grid_member',
      gridId: 'grid-410104010001001',
      from: 'pending',
      to: 'claimed',
      at: world.clock.now.toISOString(),
      prevHash: submitted!.hash,
    })
    expect(submitted!.prevHash).toBe('')
  })

  it('reports an untouched trail as intact', async () => {
    await world.ok(people.member, 'case.claim', { caseId })
    await world.ok(people.member, 'case.rectify', {
      caseId,
      measure: 'dissuade',
      note: '',
      photos: [afterPhoto],
    })
    expect(await world.ok(people.member, 'case.verifyTrail', { caseId })).toEqual({
      intact: true,
      events: 3,
      brokenAt: null,
      reason: null,
    })
  })

  it('reports an edited event as broken at its sequence number', async () => {
    await world.ok(people.member, 'case.claim', { caseId })
    await world.ok(people.member, 'case.rectify', {
      caseId,
      measure: 'dissuade',
      note: '已劝阻',
      photos: [afterPhoto],
    })
    await tamperWithTrail(world, caseId, (trail) =>
      trail.map((event) => (event.seq === 2 ? { ...event, note: '其实没去现场' } : event)),
    )
    expect(await world.ok(people.member, 'case.verifyTrail', { caseId })).toEqual({
      intact: false,
      events: 3,
      brokenAt: 2,
      reason: 'altered-event',
    })
  })

  it('reports an event whose hash was recomputed after an edit as a broken link', async () => {
    await world.ok(people.member, 'case.claim', { caseId })
    await world.ok(people.member, 'case.release', { caseId, reason: '交他人' })
    const { hashEvent } = await import('../../../../cloudfunctions/shared/cases/trail')
    const [, claim] = await eventsOf(world, caseId)
    const { hash: _old, ...rest } = claim!
    const forged = { ...rest, actorId: people.blockLeader }
    await tamperWithTrail(world, caseId, (trail) =>
      trail.map((event) => (event.seq === 1 ? { ...forged, hash: hashEvent(forged, testTrailKey) } : event)),
    )
    const verdict = await world.ok(people.member, 'case.verifyTrail', { caseId })
    expect(verdict).toMatchObject({ intact: false, brokenAt: 2, reason: 'broken-link' })
  })

  it('reports a removed event as missing at its sequence number', async () => {
    await world.ok(people.member, 'case.claim', { caseId })
    await world.ok(people.member, 'case.release', { caseId, reason: '交他人' })
    await tamperWithTrail(world, caseId, (trail) => trail.filter((event) => event.seq !== 1))
    expect(await world.ok(people.member, 'case.verifyTrail', { caseId })).toEqual({
      intact: false,
      events: 2,
      brokenAt: 1,
      reason: 'missing-event',
    })
  })

  it('reports a removed last event as missing', async () => {
    await world.ok(people.member, 'case.claim', { caseId })
    await tamperWithTrail(world, caseId, (trail) => trail.filter((event) => event.seq !== 1))
    expect(await world.ok(people.member, 'case.verifyTrail', { caseId })).toMatchObject({
      intact: false,
      brokenAt: 1,
      reason: 'missing-event',
    })
  })

  it('reports a copy the projections read that no longer matches the trail on the case', async () => {
    await world.ok(people.member, 'case.claim', { caseId })
    await runRelay(world.runtime)
    expect((await world.ok(people.member, 'case.verifyTrail', { caseId })).intact).toBe(true)
    await world.db
      .collection(collections.caseEvent)
      .doc(`${caseId}#1`)
      .update({ actorId: people.blockLeader })
    expect(await world.ok(people.member, 'case.verifyTrail', { caseId })).toMatchObject({
      intact: false,
      brokenAt: 1,
      reason: 'altered-copy',
    })
  })

  it('reports a copied-out event whose copy was removed', async () => {
    await world.ok(people.member, 'case.claim', { caseId })
    await runRelay(world.runtime)
    await world.db.collection(collections.caseEvent).doc(`${caseId}#0`).remove()
    expect(await world.ok(people.member, 'case.verifyTrail', { caseId })).toMatchObject({
      intact: false,
      brokenAt: 0,
      reason: 'missing-copy',
    })
  })

  it('refuses an event slipped in under a sequence number already taken, and names one found anyway', async () => {
    await world.ok(people.member, 'case.claim', { caseId })
    await world.ok(people.member, 'case.release', { caseId, reason: '交他人' })
    await runRelay(world.runtime)
    const events = await eventsOf(world, caseId)
    const forged = { ...events[1]!, _id: `${caseId}#forged`, note: '补记' }
    // The declared unique index on (caseId, seq) keeps it out of the database.
    await expect(world.db.collection(collections.caseEvent).add(forged)).rejects.toMatchObject({
      code: 'DATABASE_DUPLICATE_WRITE',
    })
    const { verifyTrail } = await import('../../../../cloudfunctions/shared/cases/trail')
    const record = (await world.db.collection(collections.case).doc(caseId).get()).data[0]
    expect(verifyTrail([...events, forged], record, testTrailKey)).toMatchObject({
      intact: false,
      events: 4,
      brokenAt: 1,
      reason: 'inserted-event',
    })
  })

  it('lets the reporter and staff check a trail but not other residents', async () => {
    await world.ok(people.resident, 'case.verifyTrail', { caseId })
    await world.ok(people.supervisor, 'case.verifyTrail', { caseId })
    expect(refusal(await world.call(people.resident2, 'case.verifyTrail', { caseId })).code).toBe('forbidden')
  })

  it('never changes or removes a recorded event, whatever happens to the case later', async () => {
    await world.ok(people.member, 'case.claim', { caseId })
    await world.ok(people.member, 'case.rectify', {
      caseId,
      measure: 'dissuade',
      note: '已劝阻',
      photos: [afterPhoto],
    })
    const before = await eventsOf(world, caseId)
    await world.ok(people.communityLeader, 'case.verify', { caseId, passed: false, note: '不合格' })
    await world.ok(people.member, 'case.escalate', { caseId, reason: 'cannot-handle', note: '' })
    await world.ok(people.communityLeader, 'case.sendBack', { caseId, note: '回网格处理' })
    world.clock.advanceMinutes(5 * 24 * 60)
    await runSweeps(world.runtime)
    const after = await eventsOf(world, caseId)
    expect(after.slice(0, before.length)).toEqual(before)
    expect(after.length).toBeGreaterThan(before.length)
    expect((await world.ok(people.member, 'case.verifyTrail', { caseId })).intact).toBe(true)
  })

  it('offers no action that edits or deletes events', () => {
    // Checking a trail and reading its checkpoints; nothing writes either.
    expect(actionNames.filter((name) => /event|trail/i.test(name))).toEqual([
      'case.verifyTrail',
      'trail.checkpoints',
    ])
    // The site register is master data a district keeps current: its edits stamp who and when, and no
    // case event is ever among what they write.
    expect(actionNames.filter((name) => /delete|remove|edit|update/i.test(name))).toEqual(['site.update'])
  })
})
