import { collections } from '../../../cloudfunctions/shared/app'
import { photoUrlMaxAgeSeconds } from '../../../cloudfunctions/shared/photos/urls'
import { demoPoints } from '../../../emulator/demo/grids'
import { photoUrlPattern } from '../../factories/photos'
import { createTestWorld, reportAt, type TestWorld } from '../../factories/runtime'
import { afterPhoto, people } from '../cases/lifecycle/walk'

describe('answers show photos as temporary URLs, never as fileIDs', () => {
  let world: TestWorld
  let caseId: string
  beforeEach(async () => {
    world = await createTestWorld()
    caseId = (await world.ok(people.resident, 'case.submit', reportAt(demoPoints.yingyueRoadGrid1))).case.id
    await world.ok(people.member, 'case.claim', { caseId })
    await world.ok(people.member, 'case.rectify', {
      caseId,
      measure: 'dissuade',
      note: '已劝阻',
      photos: [afterPhoto],
    })
  })
  afterEach(() => world.close())

  /** Whether a URL the answer gave loads its file (as the emulator's /storage/file decides), at `at`. */
  const loads = (url: string, at: Date) => {
    const query = new URL(url, 'http://emulator.local').searchParams
    const fileID = query.get('fileID')!
    return (
      world.storage.isSigned(fileID, query.get('t'), query.get('sign'), at) && world.storage.exists(fileID)
    )
  }

  it('in a case, its trail’s evidence, a board and my reports', async () => {
    const { case: view, events } = await world.ok(people.member, 'case.get', { caseId })
    const evidence = events.find((event) => event.type === 'rectify')!.evidence
    const board = await world.ok(people.member, 'board.list', {})
    const mine = await world.ok(people.resident, 'case.mine', {})
    const shown = [
      ...view.photos,
      ...evidence,
      ...board.items.flatMap((item) => item.photos),
      ...mine.items.flatMap((item) => item.photos),
    ]
    expect(shown.length).toBeGreaterThanOrEqual(4)
    for (const url of shown) {
      expect(url).toMatch(photoUrlPattern)
      expect(loads(url, world.clock.now)).toBe(true)
    }
    const text = JSON.stringify([view, events, board, mine])
    expect(text).not.toContain('cloud://')
  })

  it('that stop loading when they expire', async () => {
    const [url] = (await world.ok(people.resident, 'case.get', { caseId })).case.photos as [string]
    const later = (seconds: number) => new Date(world.clock.now.getTime() + seconds * 1000)
    expect(loads(url, later(photoUrlMaxAgeSeconds - 1))).toBe(true)
    expect(loads(url, later(photoUrlMaxAgeSeconds))).toBe(false)
  })

  it('leaving out a photo whose file is gone', async () => {
    const record = (await world.db.collection(collections.case).doc(caseId).get()).data[0] as {
      photos: string[]
    }
    await world.db
      .collection(collections.case)
      .doc(caseId)
      .update({ photos: [...record.photos, `${record.photos[0]}-gone`] })
    expect((await world.ok(people.resident, 'case.get', { caseId })).case.photos).toHaveLength(1)
  })
})
