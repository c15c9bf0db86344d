import { collections } from '../../../cloudfunctions/shared/app'
import { handleMediaCheckPush } from '../../../cloudfunctions/shared/content/media-check'
import type { EventView } from '../../../src/domain/contract'
import type { PhotoRecord } from '../../../cloudfunctions/shared/photos/store'
import { documentsWhere } from '../../factories/inspect'
import { createTestWorld, type TestWorld } from '../../factories/runtime'
import { afterPhoto, eventsOf, people, refusal, report } from '../cases/lifecycle/walk'

/*
 * An act's evidence photo (an after-photo of 整改) under WeChat's image check: the verdict is applied when
 * the trail is read, from the photo's record, so the event naming it stays as it was sealed.
 */
describe('evidence photos under their checks', () => {
  let world: TestWorld
  let caseId: string
  beforeEach(async () => {
    world = await createTestWorld({ mediaChecks: 'manual' })
    caseId = (await report(world)).id
    // The report's own photo passes: the case is out in public, only the after-photo is in question.
    await world.wechat.deliverMediaChecks()
    await world.ok(people.member, 'case.claim', { caseId })
    await world.ok(people.member, 'case.rectify', {
      caseId,
      measure: 'dissuade',
      note: '已劝阻并熄灭',
      photos: [afterPhoto],
    })
  })
  afterEach(() => world.close())

  const rectifyAsSeenBy = async (openid: string): Promise<EventView> => {
    const { events } = await world.ok(openid, 'case.get', { caseId })
    return events.find((event) => event.type === 'rectify')!
  }
  const sealedTrail = async () => JSON.stringify(await eventsOf(world, caseId))

  it('shows a pending after-photo to staff and its uploader, 图片审核中 to the reporter, and the photo once it passed', async () => {
    const trail = await sealedTrail()
    const [check] = (await documentsWhere<PhotoRecord>(world.db, collections.photo, { owner: people.member }))
      .map((photo) => photo.check)
      .filter(Boolean)
    expect(check?.verdict).toBe('pending')

    const toReporter = await rectifyAsSeenBy(people.resident)
    expect(toReporter.evidence).toEqual([])
    expect(toReporter.heldEvidence).toEqual([{ state: 'checking', label: '图片审核中' }])
    for (const staff of [people.member, people.communityLeader]) {
      const seen = await rectifyAsSeenBy(staff)
      expect(seen.evidence).toEqual([expect.stringContaining('/storage/file')])
      expect(seen.heldEvidence).toEqual([])
    }

    expect(await world.wechat.deliverMediaChecks()).toBe(1)
    const passed = await rectifyAsSeenBy(people.resident)
    expect(passed.evidence).toEqual([expect.stringContaining('/storage/file')])
    expect(passed.heldEvidence).toEqual([])
    // The verdict changed what is shown, not what was sealed.
    expect(await sealedTrail()).toBe(trail)
    expect(await world.ok(people.resident, 'case.verifyTrail', { caseId })).toMatchObject({ intact: true })
  })

  it('hides a risky after-photo from all but staff, telling its uploader why', async () => {
    const trail = await sealedTrail()
    // WeChat's push for the after-photo, saying risky (色情).
    const [push] = world.wechat.takeMediaChecks()
    const risky = { ...push!, result: { suggest: 'risky', label: 20002 } }
    expect(await handleMediaCheckPush(world.runtime, risky)).toMatchObject({ ok: true, verdict: 'risky' })

    const toReporter = await rectifyAsSeenBy(people.resident)
    expect(toReporter.evidence).toEqual([])
    expect(toReporter.heldEvidence).toEqual([])
    const toUploader = await rectifyAsSeenBy(people.member)
    expect(toUploader.evidence).toHaveLength(1)
    expect(toUploader.heldEvidence).toEqual([
      { state: 'hidden', label: '图片含有色情内容，未通过内容安全检测，仅工作人员可见' },
    ])
    // Other staff see it, to judge it.
    const toLeader = await rectifyAsSeenBy(people.communityLeader)
    expect(toLeader.evidence).toHaveLength(1)
    expect(toLeader.heldEvidence).toEqual([])

    expect(await sealedTrail()).toBe(trail)
    expect(await world.ok(people.member, 'case.verifyTrail', { caseId })).toMatchObject({ intact: true })
  })

  it('costs one read more for a trail with act evidence: the photos’ checks, all in one', async () => {
    // Sent back and fixed again: three after-photos of two events, looked up in the one read.
    await world.ok(people.communityLeader, 'case.verify', { caseId, passed: false, note: '未整改到位' })
    await world.ok(people.member, 'case.rectify', {
      caseId,
      measure: 'dissuade',
      note: '已再次整改',
      photos: [afterPhoto, afterPhoto],
    })
    const seen = await world.ok(people.resident, 'case.get', { caseId })
    expect(seen.events.flatMap((event) => event.heldEvidence)).toHaveLength(3)
    const measured = await world.metered(people.resident, 'case.get', { caseId })
    expect(measured.answer.ok).toBe(true)
    expect(measured.database.requests).toBe(3)
  })

  describe('passed by staff when WeChat held it', () => {
    /** WeChat's push for the after-photo with the given suggestion. */
    const pushVerdict = async (suggest: 'review' | 'risky') => {
      const [push] = world.wechat.takeMediaChecks()
      const result = { ...push!, result: { suggest, label: suggest === 'risky' ? 20002 : 100 } }
      expect(await handleMediaCheckPush(world.runtime, result)).toMatchObject({ ok: true, verdict: suggest })
    }
    const awaiting = async (openid: string) => (await rectifyAsSeenBy(openid)).awaitingReview ?? []

    it('shows everyone the photo once staff passed it, and the trail says who did', async () => {
      await pushVerdict('review')
      expect((await rectifyAsSeenBy(people.resident)).heldEvidence).toEqual([
        { state: 'checking', label: '图片审核中' },
      ])
      // Staff are told which photo waits on them; the reporter is not.
      const [held] = await awaiting(people.communityLeader)
      expect(held).toEqual({ photoId: expect.any(String), photo: expect.stringContaining('/storage/file') })
      expect(await awaiting(people.resident)).toEqual([])

      const approve = { caseId, photoId: held!.photoId }
      expect(refusal(await world.call(people.resident, 'case.approveEvidence', approve)).code).toBe(
        'forbidden',
      )
      await world.ok(people.communityLeader, 'case.approveEvidence', approve)

      const toReporter = await rectifyAsSeenBy(people.resident)
      expect(toReporter.evidence).toEqual([expect.stringContaining(held!.photoId)])
      expect(toReporter.heldEvidence).toEqual([])
      expect(await awaiting(people.communityLeader)).toEqual([])
      const last = (await eventsOf(world, caseId)).at(-1)!
      expect(last).toMatchObject({
        type: 'approve-evidence',
        actorId: people.communityLeader,
        details: { photoId: held!.photoId, verdict: 'review', approved: true },
      })
      // Once is enough: the photo no longer waits on anyone.
      const again = refusal(await world.call(people.communityLeader, 'case.approveEvidence', approve))
      expect(again).toMatchObject({ code: 'illegal-transition', message: '这张照片没有待人工复核的内容' })
      expect(await world.ok(people.resident, 'case.verifyTrail', { caseId })).toMatchObject({ intact: true })
    })

    it('passes a photo WeChat never answered for, and a late verdict then changes nothing', async () => {
      const [held] = await awaiting(people.member)
      expect(held).toBeDefined()
      await world.ok(people.member, 'case.approveEvidence', { caseId, photoId: held!.photoId })
      await pushVerdict('review')
      expect((await rectifyAsSeenBy(people.resident)).evidence).toEqual([
        expect.stringContaining(held!.photoId),
      ])
    })

    it('passes a held after-photo of a case already closed', async () => {
      await pushVerdict('review')
      const [held] = await awaiting(people.member)
      await world.ok(people.communityLeader, 'case.verify', { caseId, passed: true, note: '现场核查已整改' })
      await world.ok(people.resident, 'case.confirm', { caseId, rating: 5, comment: '' })
      const closed = await world.ok(people.member, 'case.approveEvidence', { caseId, photoId: held!.photoId })
      expect(closed.case.status).toBe('closed')
      expect((await rectifyAsSeenBy(people.resident)).evidence).toEqual([
        expect.stringContaining(held!.photoId),
      ])
    })

    it('refuses a risky photo, a photo the trail does not name, and the report’s own photo', async () => {
      const [pending] = await awaiting(people.member)
      await pushVerdict('risky')
      const trailLength = (await eventsOf(world, caseId)).length
      expect(await awaiting(people.member)).toEqual([])
      const risky = refusal(
        await world.call(people.member, 'case.approveEvidence', { caseId, photoId: pending!.photoId }),
      )
      expect(risky.code).toBe('illegal-transition')

      const stranger = refusal(
        await world.call(people.member, 'case.approveEvidence', { caseId, photoId: 'photo-from-elsewhere' }),
      )
      expect(stranger).toMatchObject({ code: 'not-found', message: '该问题的处理记录中没有这张照片' })

      const { case: seen } = await world.ok(people.member, 'case.get', { caseId })
      const ownId = seen.photos[0]!.split('/').at(-1)!.replace(/\..*$/, '')
      const own = refusal(await world.call(people.member, 'case.approveEvidence', { caseId, photoId: ownId }))
      expect(own.code).toBe('not-found')
      // No refusal left a trace.
      expect(await eventsOf(world, caseId)).toHaveLength(trailLength)
    })
  })
})
