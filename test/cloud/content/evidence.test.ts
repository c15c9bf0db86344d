import { collections } from '../../../cloudfunctions/shared/app'
import { handleMediaCheckPush } from '../../../cloudfunctions/shared/content/media-check'
import type { EventView } from '../../../src/domain/contract'
import type { PhotoRecord } from '../../../cloudfunctions/shared/photos/store'
import { documentsWhere } from '../../factories/inspect'
import { createTestWorld, type TestWorld } from '../../factories/runtime'
import { afterPhoto, eventsOf, people, report } from '../cases/lifecycle/walk'

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
})
