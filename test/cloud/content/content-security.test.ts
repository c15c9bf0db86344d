import { demoPoints } from '../../../emulator/demo/grids'
import { collections } from '../../../cloudfunctions/shared/app'
import { handleMediaCheckPush, runScreeningSweep } from '../../../cloudfunctions/shared/content/media-check'
import { PhotoStore, type PhotoRecord } from '../../../cloudfunctions/shared/photos/store'
import { documentsWhere } from '../../factories/inspect'
import { ownPhoto } from '../../factories/photos'
import { createTestWorld, reportAt, type TestWorld } from '../../factories/runtime'

const resident = 'demo-resident'
const neighbour = 'demo-resident-2'
const member = 'demo-grid-member'
const place = demoPoints.yingyueRoadGrid1

/** WeChat content security end to end on the stand-in: texts at submit, photos by their pushed verdicts. */
describe('content security', () => {
  let world: TestWorld
  afterEach(() => world?.close())

  const report = async (overrides: Parameters<typeof reportAt>[1] = {}) =>
    (await world.ok(resident, 'case.submit', reportAt(place, overrides))).case
  const seenBy = (openid: string, caseId: string) => world.call(openid, 'case.get', { caseId })
  const textChecks = () => world.wechat.callsTo('security.msgSecCheck')

  describe('texts, at submit (msgSecCheck v2)', () => {
    beforeEach(async () => {
      world = await createTestWorld()
    })

    it('checks the description as the reporter, in the forum scene, and publishes what passed', async () => {
      const opened = await report({ description: '工地夜间施工扬尘严重' })
      expect(textChecks()).toContainEqual(
        expect.objectContaining({
          payload: { version: 2, openid: resident, scene: 3, content: '工地夜间施工扬尘严重' },
        }),
      )
      expect(opened.screening).toEqual({ state: 'passed', label: '已通过内容安全检测' })
      expect(await seenBy(neighbour, opened.id)).toMatchObject({
        ok: true,
        data: { case: { view: 'summary' } },
      })
    })

    it('refuses a risky text with WeChat’s reason in plain Chinese, saving nothing', async () => {
      world.wechat.setVerdict('text', { suggest: 'risky', label: 20003 }, 1)
      const answer = await world.call(resident, 'case.submit', reportAt(place))
      expect(answer).toMatchObject({
        ok: false,
        error: {
          code: 'content-rejected',
          message: '问题描述含有辱骂内容，未通过内容安全检测，请修改后再提交',
          fields: { description: expect.stringContaining('辱骂') },
        },
      })
      expect(await documentsWhere(world.db, collections.case, {})).toEqual([])
      expect((await world.ok(resident, 'case.mine', {})).total).toBe(0)
    })

    it('lets a text to be reviewed through, marked for staff and kept from the public', async () => {
      world.wechat.setVerdict('text', { suggest: 'review', label: 21000 }, 1)
      const opened = await report()
      expect(opened.screening?.state).toBe('review')
      expect(await seenBy(neighbour, opened.id)).toMatchObject({ ok: false, error: { code: 'not-found' } })
      const staff = await world.ok(member, 'case.get', { caseId: opened.id })
      expect(staff.case).toMatchObject({ view: 'full', screening: { state: 'review', label: '待人工复核' } })
    })

    it('lets the grid’s staff approve what was held, and nobody else', async () => {
      world.wechat.setVerdict('text', { suggest: 'review' }, 1)
      const opened = await report()
      const refused = await world.call(neighbour, 'case.approveContent', { caseId: opened.id })
      expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } })
      const approved = await world.ok(member, 'case.approveContent', { caseId: opened.id })
      expect(approved.case.screening?.state).toBe('passed')
      expect(await seenBy(neighbour, opened.id)).toMatchObject({
        ok: true,
        data: { case: { view: 'summary' } },
      })
      const again = await world.call(member, 'case.approveContent', { caseId: opened.id })
      expect(again).toMatchObject({ ok: false, error: { code: 'illegal-transition' } })
    })

    it.each([
      ['a quota error', { errCode: 45009, errMsg: 'reach max api daily quota limit' }],
      ['a lost call', { throws: 'ETIMEDOUT' }],
    ])(
      'keeps the text on %s, but holds the case in review: nothing is published unchecked',
      async (_, answer) => {
        jest.spyOn(console, 'warn').mockImplementation(() => {})
        world.wechat.answerNext(answer, 2, 'security.msgSecCheck')
        const opened = await report({ description: '烟囱冒黑烟' })
        expect(opened).toMatchObject({ description: '烟囱冒黑烟', screening: { state: 'review' } })
        expect(await seenBy(neighbour, opened.id)).toMatchObject({ ok: false, error: { code: 'not-found' } })
        expect(await seenBy(resident, opened.id)).toMatchObject({ ok: true })
      },
    )

    it('checks the words of acts too: a risky reason refuses the act, a held note stays off the public trail', async () => {
      const opened = await report()
      await world.ok(member, 'case.claim', { caseId: opened.id })
      world.wechat.setVerdict('text', { suggest: 'review' }, 1)
      await world.ok(member, 'case.rectify', {
        caseId: opened.id,
        measure: 'dissuade',
        note: '已劝阻并清理现场',
        photos: [ownPhoto],
      })
      const publicTrail = (await world.ok(neighbour, 'case.get', { caseId: opened.id })).events
      expect(publicTrail.find((event) => event.type === 'rectify')).toMatchObject({ note: '' })
      const staffTrail = (await world.ok(member, 'case.get', { caseId: opened.id })).events
      expect(staffTrail.find((event) => event.type === 'rectify')).toMatchObject({ note: '已劝阻并清理现场' })

      await world.ok('demo-supervisor', 'case.verify', { caseId: opened.id, passed: true, note: '' })
      world.wechat.setVerdict('text', { suggest: 'risky', label: 20001 }, 1)
      const dispute = await world.call(resident, 'case.dispute', {
        caseId: opened.id,
        reason: '根本没有处理',
      })
      expect(dispute).toMatchObject({ ok: false, error: { code: 'content-rejected' } })
      expect((await world.ok(resident, 'case.get', { caseId: opened.id })).case.status).toBe('verified')
    })
  })

  describe('photos, by their pushed verdicts (mediaCheckAsync v2 → wxa_media_check)', () => {
    beforeEach(async () => {
      world = await createTestWorld({ mediaChecks: 'manual' })
    })
    const photo = () => world.photo(resident)
    const photoRecords = () => documentsWhere<PhotoRecord>(world.db, collections.photo, {})

    it('starts a check of the stored copy when a photo is registered, with a trace id kept on the photo', async () => {
      await photo()
      const [call] = world.wechat.callsTo('security.mediaCheckAsync')
      expect(call!.payload).toMatchObject({ version: 2, mediaType: 2, openid: resident })
      expect(call!.payload.mediaUrl).toMatch(/photos%2F[0-9a-f]{32}\.png/)
      const [record] = await photoRecords()
      expect(record!.check).toMatchObject({ traceId: expect.any(String), verdict: 'pending' })
      expect(world.wechat.pendingMediaChecks[0]!.trace_id).toBe(record!.check!.traceId)
    })

    it('hides a case from other residents until its photos pass, then shows it with the photo', async () => {
      const opened = await report({ photos: [await photo()] })
      expect(opened.screening?.state).toBe('checking')
      expect(await seenBy(neighbour, opened.id)).toMatchObject({ ok: false, error: { code: 'not-found' } })
      const nearby = await world.ok(neighbour, 'case.nearby', { categoryId: 'open-burning', location: place })
      expect(nearby.items).toEqual([])
      expect(await world.call(neighbour, 'case.join', { caseId: opened.id })).toMatchObject({ ok: false })
      // Its reporter and the grid's staff see it at once.
      expect(await seenBy(resident, opened.id)).toMatchObject({ ok: true, data: { case: { view: 'full' } } })
      expect(await seenBy(member, opened.id)).toMatchObject({ ok: true, data: { case: { view: 'full' } } })

      expect(await world.wechat.deliverMediaChecks()).toBe(1)
      const shown = await world.ok(neighbour, 'case.get', { caseId: opened.id })
      expect(shown.case).toMatchObject({
        view: 'summary',
        photos: [expect.stringContaining('/storage/file')],
      })
      expect(shown.events.map((event) => event.type)).toEqual(['submit', 'screen'])
      const found = await world.ok(neighbour, 'case.nearby', { categoryId: 'open-burning', location: place })
      expect(found.items.map((item) => item.id)).toEqual([opened.id])
    })

    it('rejects a case whose every photo is risky, with the reason its reporter sees', async () => {
      world.wechat.setVerdict('media', { suggest: 'risky', label: 20002 }, 1)
      const opened = await report({ photos: [await photo()] })
      await world.wechat.deliverMediaChecks()
      const mine = await world.ok(resident, 'case.get', { caseId: opened.id })
      expect(mine.case).toMatchObject({
        status: 'rejected',
        screening: { state: 'rejected' },
        resolution: {
          code: 'content-risky',
          label: '未通过内容安全检测',
          note: '照片含有色情内容，未通过内容安全检测，不予受理',
        },
        photos: [],
      })
      expect(mine.events.at(-1)).toMatchObject({ type: 'screen', from: 'pending', to: 'rejected' })
      expect(await seenBy(neighbour, opened.id)).toMatchObject({ ok: false, error: { code: 'not-found' } })
    })

    it('hides one risky photo of several from all but staff, and the rest of the case goes on', async () => {
      world.wechat.setVerdict('media', { suggest: 'risky', label: 10001 }, 1)
      const risky = await photo()
      const fine = await photo()
      const opened = await report({ photos: [risky, fine] })
      await world.wechat.deliverMediaChecks()
      const mine = await world.ok(resident, 'case.get', { caseId: opened.id })
      expect(mine.case).toMatchObject({ status: 'pending', screening: { state: 'passed' } })
      expect(mine.case.photos).toHaveLength(1)
      expect((await world.ok(member, 'case.get', { caseId: opened.id })).case.photos).toHaveLength(2)
      expect((await world.ok(neighbour, 'case.get', { caseId: opened.id })).case.photos).toHaveLength(1)
    })

    it('sends a photo to be reviewed to staff, keeping the case from the public', async () => {
      world.wechat.setVerdict('media', { suggest: 'review', label: 21000 }, 1)
      const opened = await report({ photos: [await photo()] })
      await world.wechat.deliverMediaChecks()
      expect((await world.ok(member, 'case.get', { caseId: opened.id })).case.screening?.state).toBe('review')
      expect(await seenBy(neighbour, opened.id)).toMatchObject({ ok: false, error: { code: 'not-found' } })
    })

    it('holds a photo whose check could not start (quota) for review instead of publishing it', async () => {
      jest.spyOn(console, 'warn').mockImplementation(() => {})
      world.wechat.answerNext({ errCode: 45009 }, 1, 'security.mediaCheckAsync')
      const opened = await report({ photos: [await photo()] })
      expect(opened.screening?.state).toBe('review')
      expect(world.wechat.pendingMediaChecks).toEqual([])
    })

    it('takes a verdict that arrived before the report from the reporter’s own document', async () => {
      const sent = await photo()
      await world.wechat.deliverMediaChecks()
      const opened = await report({ photos: [sent] })
      expect(opened.screening?.state).toBe('passed')
      expect(await seenBy(neighbour, opened.id)).toMatchObject({ ok: true })
    })

    it('ignores a push for a trace id no photo carries, and a repeated push', async () => {
      jest.spyOn(console, 'warn').mockImplementation(() => {})
      const forged = { Event: 'wxa_media_check', trace_id: 'made-up', result: { suggest: 'pass' } }
      expect(await handleMediaCheckPush(world.runtime, forged)).toEqual({
        ok: false,
        ignored: 'unknown-trace',
      })
      expect(await handleMediaCheckPush(world.runtime, { action: 'me.get' })).toMatchObject({ ok: false })

      const opened = await report({ photos: [await photo()] })
      const [push] = world.wechat.pendingMediaChecks
      await world.wechat.deliverMediaChecks()
      expect(await handleMediaCheckPush(world.runtime, push)).toMatchObject({ ok: true, cases: 0 })
      const trail = (await world.ok(resident, 'case.get', { caseId: opened.id })).events
      expect(trail.filter((event) => event.type === 'screen')).toHaveLength(1)
    })

    it('settles by the sweep: a verdict the case missed, and a photo never answered (to staff)', async () => {
      const missed = await report({ photos: [await photo()] })
      const [push] = world.wechat.takeMediaChecks()
      // The verdict reached the photo but not the case (the push landed while the report was being stored).
      const photos = new PhotoStore(world.db)
      const record = (await photoRecords())[0]!
      await photos.recordVerdict(record._id, {
        traceId: push!.trace_id,
        verdict: 'pass',
        at: world.clock.now.toISOString(),
      })
      const unanswered = await report({ photos: [await world.photo(resident)] })
      world.wechat.takeMediaChecks()

      const [first] = await runScreeningSweep(world.runtime)
      expect(first).toMatchObject({ job: 'content-screening', acted: 1 })
      expect((await world.ok(resident, 'case.get', { caseId: missed.id })).case.screening?.state).toBe(
        'passed',
      )
      expect((await world.ok(resident, 'case.get', { caseId: unanswered.id })).case.screening?.state).toBe(
        'checking',
      )

      world.clock.advanceMinutes(41)
      await runScreeningSweep(world.runtime)
      expect((await world.ok(member, 'case.get', { caseId: unanswered.id })).case.screening?.state).toBe(
        'review',
      )
    })
  })
})
