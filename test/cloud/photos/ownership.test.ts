import { collections } from '../../../cloudfunctions/shared/app'
import { recentPhotoCount } from '../../../cloudfunctions/shared/photos/ownership'
import { demoPoints } from '../../../emulator/demo/grids'
import { documentsWhere } from '../../factories/inspect'
import { storedCopyPattern, testImage } from '../../factories/photos'
import { createTestWorld, reportAt, type TestWorld } from '../../factories/runtime'
import { people } from '../cases/lifecycle/walk'

const refused = { ok: false, error: { code: 'file-rejected', message: '照片无效，请重新上传' } }

describe('an act names only photos its caller uploaded and registered', () => {
  let world: TestWorld
  beforeEach(async () => {
    world = await createTestWorld()
  })
  afterEach(() => world.close())

  const caseDoc = async (caseId: string) =>
    (await world.db.collection(collections.case).doc(caseId).get()).data[0] as {
      photos: string[]
      eventCount: number
    }
  const userDoc = async (openid: string) =>
    (await world.db.collection(collections.user).doc(openid).get()).data[0] as Record<string, unknown>

  /** Not the caller's: a made-up id, another person's registered photo, and the caller's upload never registered. */
  const foreignPhotos = async (caller: string) => [
    'cloud://x.y/z',
    await world.photo(people.resident2),
    world.upload(caller),
  ]

  it('refuses a report naming any other file, before it takes a place in the quota or a case number', async () => {
    const before = await userDoc(people.resident)
    for (const photo of await foreignPhotos(people.resident)) {
      const answer = await world.call(
        people.resident,
        'case.submit',
        reportAt(demoPoints.yingyueRoadGrid1, { photos: [photo] }),
      )
      expect(answer).toMatchObject(refused)
    }
    expect(await documentsWhere(world.db, collections.case, {})).toEqual([])
    expect(await documentsWhere(world.db, 'counter', {})).toEqual([])
    expect((await userDoc(people.resident)).submitQuota).toEqual(before.submitQuota)
  })

  it('records the stored copies of the reporter’s own photos, without metadata, in the case', async () => {
    const photos = [
      await world.photo(people.resident, testImage(1)),
      await world.photo(people.resident, testImage(2)),
    ]
    const { case: submitted } = await world.ok(
      people.resident,
      'case.submit',
      reportAt(demoPoints.yingyueRoadGrid1, { photos }),
    )
    const stored = (await caseDoc(submitted.id)).photos
    expect(stored).toEqual([
      expect.stringMatching(storedCopyPattern),
      expect.stringMatching(storedCopyPattern),
    ])
    expect(stored.map((fileID) => world.storage.read(fileID).content)).toEqual([testImage(1), testImage(2)])
  })

  it('refuses a rectification or a joint handler’s part naming another file, leaving the case as it was', async () => {
    const { case: submitted } = await world.ok(
      people.resident,
      'case.submit',
      reportAt(demoPoints.yingyueRoadGrid1),
    )
    const caseId = submitted.id
    await world.ok(people.member, 'case.claim', { caseId })
    await world.ok(people.blockLeader, 'case.attachHandlers', { caseId, openids: [people.sunkStaff] })
    const before = await caseDoc(caseId)
    for (const photo of await foreignPhotos(people.member)) {
      const rectify = { caseId, measure: 'dissuade', note: '已劝阻', photos: [photo] }
      expect(await world.call(people.member, 'case.rectify', rectify)).toMatchObject(refused)
    }
    for (const photo of await foreignPhotos(people.sunkStaff)) {
      const part = { caseId, note: '已下达限期整改通知书', photos: [photo] }
      expect(await world.call(people.sunkStaff, 'case.recordPart', part)).toMatchObject(refused)
    }
    expect(await caseDoc(caseId)).toEqual(before)
  })

  it('refuses a patrol check-in without a photo of the caller’s own, and pays nothing for it', async () => {
    let request = 0
    for (const photo of await foreignPhotos(people.volunteer)) {
      const answer = await world.call(people.volunteer, 'patrol.checkIn', {
        requestId: `patrol-photo-${String((request += 1)).padStart(4, '0')}`,
        location: demoPoints.yingyueRoadGrid1,
        photos: [photo],
      })
      expect(answer).toMatchObject(refused)
    }
    expect(await documentsWhere(world.db, collections.patrol, {})).toEqual([])
    expect(await documentsWhere(world.db, collections.pointsEntry, {})).toEqual([])
    expect((await userDoc(people.volunteer)).points).toBe(0)
  })

  it('checks photos older than the recent ones in one read, however many the act names', async () => {
    const older = [
      await world.photo(people.resident, testImage(1)),
      await world.photo(people.resident, testImage(2)),
    ]
    for (let n = 0; n < recentPhotoCount; n += 1) await world.photo(people.resident, testImage(n + 3))
    const recent = await world.photo(people.resident, testImage(99))
    // A warm instance, with today's case numbers started: submit's usual four requests.
    await world.ok(
      people.resident,
      'case.submit',
      reportAt(demoPoints.yingyueRoadGrid1, { photos: [recent] }),
    )
    const submit = (photos: string[]) =>
      world.metered(people.resident, 'case.submit', reportAt(demoPoints.yingyueRoadGrid1, { photos }))
    const withRecent = await submit([recent])
    const withOlder = await submit(older)
    expect(withRecent.answer.ok && withOlder.answer.ok).toBe(true)
    expect(withRecent.database.requests).toBe(4)
    expect(withOlder.database.requests).toBe(withRecent.database.requests + 1)
  })
})
