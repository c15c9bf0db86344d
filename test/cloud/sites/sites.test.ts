import { collections } from '../../../cloudfunctions/shared/app'
import { demoPoints } from '../../../emulator/demo/grids'
import { people } from '../cases/lifecycle/walk'
import { createTestWorld, reportAt, type TestWorld } from '../../factories/runtime'
import { siteInput, siteRow, siteSheet, siteSheetHeader } from '../../factories/sites'

const near = (metres: number) => ({
  lng: demoPoints.yingyueRoadGrid1.lng + metres / 91_000,
  lat: demoPoints.yingyueRoadGrid1.lat,
})

describe('the site register (一企一档)', () => {
  let world: TestWorld
  beforeEach(async () => {
    world = await createTestWorld()
  })
  afterEach(() => world.close())

  const count = async (collection: string) =>
    (await world.db.collection(collection).count()) as unknown as { total: number }

  describe('importing a spreadsheet', () => {
    it('imports the good rows, reports each bad one with its line and reason, and reads them back', async () => {
      const sheet = await siteSheet([
        siteRow('一号工地', { 统一社会信用代码: '91410100MA44ABCD1X' }),
        siteRow('二号工地', { 类型: '加油站' }),
        siteRow('三号工地', { 经度: '不知道' }),
        siteRow('四号工地', {
          经度: demoPoints.wutongKexueAvenue.lng,
          纬度: demoPoints.wutongKexueAvenue.lat,
        }),
        [],
        siteRow('五号搅拌站', { 类型: '搅拌站', 经度: near(120).lng }),
        siteRow('一号工地（重复）', { 统一社会信用代码: '91410100MA44ABCD1X' }),
      ])
      const report = await world.ok(people.airOffice, 'site.import', { content: sheet })
      expect(report).toEqual({
        imported: 2,
        updated: 0,
        unchanged: 0,
        dryRun: false,
        rejected: [
          { line: 3, name: '二号工地', reason: '类型“加油站”不在类型表中' },
          { line: 4, name: '三号工地', reason: '经纬度应为数字（GCJ-02 坐标）' },
          { line: 5, name: '四号工地', reason: '该位置不在本区范围内' },
          { line: 8, name: '一号工地（重复）', reason: '与第2行重复（同一统一社会信用代码，或同名同地址）' },
        ],
      })
      const list = await world.ok(people.airOffice, 'site.list', {})
      expect(
        list.items.map((site) => [site.name, site.typeLabel, site.status, site.grid.name]).sort(),
      ).toEqual([
        ['一号工地', '建筑工地', 'green', '映月路社区第1网格'],
        ['五号搅拌站', '搅拌站', 'green', '映月路社区第2网格'],
      ])
      expect(list.items.find((site) => site.name === '一号工地')).toMatchObject({
        creditCode: '91410100MA44ABCD1X',
        responsibleUnit: '郑州建工集团',
        contactName: '张经理',
        contactPhone: '13800000001',
      })
    })

    it('updates rather than duplicates when the same sheet comes again, and writes nothing in a dry run', async () => {
      const rows = [siteRow('一号工地'), siteRow('二号工地')]
      await world.ok(people.airOffice, 'site.import', { content: await siteSheet(rows) })
      const again = await world.ok(people.airOffice, 'site.import', { content: await siteSheet(rows) })
      expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 2, rejected: [] })
      const changed = [siteRow('一号工地', { 联系人: '李经理' }), rows[1]!, siteRow('三号工地')]
      const dry = await world.ok(people.airOffice, 'site.import', {
        content: await siteSheet(changed),
        dryRun: true,
      })
      expect(dry).toMatchObject({ imported: 1, updated: 1, unchanged: 1, dryRun: true })
      expect((await count(collections.site)).total).toBe(2)
      await world.ok(people.airOffice, 'site.import', { content: await siteSheet(changed) })
      const list = await world.ok(people.airOffice, 'site.list', {})
      expect(list.items.map((site) => [site.name, site.contactName]).sort()).toEqual([
        ['一号工地', '李经理'],
        ['三号工地', '张经理'],
        ['二号工地', '张经理'],
      ])
    })

    it('refuses a file that is not a workbook, a header without its columns, and anyone but the office', async () => {
      const garbage = Buffer.from('not a workbook').toString('base64')
      const notBook = await world.call(people.airOffice, 'site.import', { content: garbage })
      expect(notBook).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
      const headless = await world.call(people.airOffice, 'site.import', {
        content: await siteSheet(
          [siteRow('一号工地')],
          siteSheetHeader.filter((header) => header !== '纬度'),
        ),
      })
      expect(headless).toMatchObject({ ok: false, error: { message: '第1行表头缺少：纬度' } })
      const leader = await world.call(people.streetLeader, 'site.import', {
        content: await siteSheet([siteRow('一号工地')]),
      })
      expect(leader).toMatchObject({ ok: false, error: { code: 'forbidden' } })
      expect((await count(collections.site)).total).toBe(0)
    })
  })

  describe('registering and changing a site', () => {
    it('answers a retried create with the first site, and refuses the same site entered again', async () => {
      const input = siteInput()
      const first = await world.ok(people.member, 'site.create', input)
      const retried = await world.ok(people.member, 'site.create', input)
      expect(retried).toEqual({ site: first.site, replayed: true })
      const twice = await world.call(people.member, 'site.create', { ...input, requestId: 'another-request' })
      expect(twice).toMatchObject({
        ok: false,
        error: { code: 'conflict', details: { siteId: first.site.id } },
      })
      expect((await count(collections.site)).total).toBe(1)
    })

    it('keeps staff to their grids and residents out', async () => {
      const outside = await world.call(
        people.member,
        'site.create',
        siteInput({ location: demoPoints.streetOnly }),
      )
      expect(outside).toMatchObject({ ok: false, error: { code: 'forbidden' } })
      const resident = await world.call(people.resident, 'site.create', siteInput())
      expect(resident).toMatchObject({ ok: false, error: { code: 'forbidden' } })
      const { site } = await world.ok(
        people.streetLeader,
        'site.create',
        siteInput({ location: demoPoints.streetOnly }),
      )
      // The grid member's grid does not cover the street's own roads: the site is not theirs to see.
      expect(await world.call(people.member, 'site.get', { siteId: site.id })).toMatchObject({
        ok: false,
        error: { code: 'not-found' },
      })
      expect((await world.ok(people.member, 'site.list', {})).items).toEqual([])
      expect((await world.ok(people.supervisor, 'site.list', {})).items.map((item) => item.id)).toEqual([
        site.id,
      ])
      expect(await world.call(people.resident, 'site.list', {})).toMatchObject({ ok: false })
    })

    it('changes a site in place, its id and natural key kept', async () => {
      const { site } = await world.ok(people.member, 'site.create', siteInput())
      const { requestId: _r, ...fields } = siteInput({ name: '映月路安置房工地（二期）', type: 'demolition' })
      const { site: changed } = await world.ok(people.member, 'site.update', { siteId: site.id, ...fields })
      expect(changed).toMatchObject({ id: site.id, name: '映月路安置房工地（二期）', typeLabel: '拆迁工地' })
      const moved = await world.call(people.member, 'site.update', {
        siteId: site.id,
        ...fields,
        location: demoPoints.streetOnly,
      })
      expect(moved).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    })
  })

  describe('suggesting sites near a report, and linking the case', () => {
    it('suggests the sites within the radius, nearest first, with only name and type for a resident', async () => {
      const close = await world.ok(
        people.streetLeader,
        'site.create',
        siteInput({ name: '近处工地', location: near(50) }),
      )
      await world.ok(
        people.streetLeader,
        'site.create',
        siteInput({ name: '稍远餐馆', type: 'restaurant', location: near(200) }),
      )
      await world.ok(
        people.streetLeader,
        'site.create',
        siteInput({ name: '远处工厂', type: 'enterprise', location: near(800) }),
      )
      const forResident = await world.ok(people.resident, 'site.nearby', {
        location: demoPoints.yingyueRoadGrid1,
      })
      expect(forResident).toEqual({
        radiusMeters: 300,
        items: [
          { id: close.site.id, name: '近处工地', type: 'construction', typeLabel: '建筑工地' },
          { id: expect.any(String), name: '稍远餐馆', type: 'restaurant', typeLabel: '餐饮单位' },
        ],
      })
      const forStaff = await world.ok(people.streetLeader, 'site.nearby', {
        location: demoPoints.yingyueRoadGrid1,
      })
      expect(forStaff.items[0]).toMatchObject({ name: '近处工地', address: expect.any(String), meters: 50 })
      const nowhere = await world.ok(people.resident, 'site.nearby', { location: demoPoints.outside })
      expect(nowhere.items).toEqual([])
    })

    it('refuses a caller past the hourly and daily number of site searches, in Chinese, others still served', async () => {
      world.configure({
        policy: { ...world.runtime.settings.policy, siteNearby: { limitPerHour: 2, limitPerDay: 3 } },
      })
      const ask = (openid: string = people.resident) =>
        world.call(openid, 'site.nearby', { location: demoPoints.yingyueRoadGrid1 })
      for (let i = 0; i < 2; i += 1) expect((await ask()).ok).toBe(true)
      expect(await ask()).toMatchObject({
        ok: false,
        error: { code: 'rate-limited', message: '查询附近污染源过于频繁，请稍后再试' },
      })
      // The quota is the caller's own: another resident is served.
      expect((await ask(people.resident2)).ok).toBe(true)
      // A place outside the service area spends nothing.
      expect((await world.call(people.resident, 'site.nearby', { location: demoPoints.outside })).ok).toBe(
        true,
      )
      world.clock.advanceMinutes(60)
      expect((await ask()).ok).toBe(true)
      expect(await ask()).toMatchObject({
        ok: false,
        error: { code: 'rate-limited', message: '今天查询附近污染源的次数已用完，请明天再试' },
      })
    })

    it("files the case under the site: an event on the case, the case in the site's history, the colour", async () => {
      const { site } = await world.ok(people.streetLeader, 'site.create', siteInput({ location: near(50) }))
      const far = await world.ok(
        people.streetLeader,
        'site.create',
        siteInput({ name: '远处工厂', location: near(800) }),
      )
      const reports = []
      for (const index of [1, 2, 3]) {
        const { case: view } = await world.ok(
          people.resident,
          'case.submit',
          reportAt(demoPoints.yingyueRoadGrid1, { requestId: `site-case-${index}` }),
        )
        reports.push(view)
      }
      // A reporter may pick only a site near their report; staff who cover the case any in its district.
      const tooFar = await world.call(people.resident, 'case.linkSite', {
        caseId: reports[0]!.id,
        siteId: far.site.id,
      })
      expect(tooFar).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
      const stranger = await world.call(people.resident2, 'case.linkSite', {
        caseId: reports[0]!.id,
        siteId: site.id,
      })
      expect(stranger).toMatchObject({ ok: false, error: { code: 'forbidden' } })

      await world.ok(people.resident, 'case.linkSite', { caseId: reports[0]!.id, siteId: site.id })
      expect((await world.ok(people.streetLeader, 'site.get', { siteId: site.id })).site.status).toBe(
        'yellow',
      )
      const again = await world.call(people.resident, 'case.linkSite', {
        caseId: reports[0]!.id,
        siteId: site.id,
      })
      expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } })
      await world.ok(people.member, 'case.linkSite', { caseId: reports[1]!.id, siteId: site.id })
      world.clock.advanceMinutes(60)
      await world.ok(people.member, 'case.linkSite', { caseId: reports[2]!.id, siteId: site.id })

      const page = await world.ok(people.streetLeader, 'site.get', { siteId: site.id })
      expect(page.site).toMatchObject({ status: 'red', statusLabel: '红码', recentCases: 3 })
      expect(page.caseCount).toBe(3)
      expect(page.history.map((entry) => entry.caseId).sort()).toEqual(reports.map((view) => view.id).sort())
      expect(page.repeatOffences).toEqual([
        { categoryId: reports[0]!.categoryId, label: expect.any(String), count: 3 },
      ])
      const { events } = await world.ok(people.member, 'case.get', { caseId: reports[0]!.id })
      expect(events.map((event) => event.label)).toContain('关联污染源档案')
      // Filtered by colour: the red one, and the other (no case) green.
      const red = await world.ok(people.streetLeader, 'site.list', { status: 'red' })
      expect(red.items.map((item) => item.id)).toEqual([site.id])
      const green = await world.ok(people.streetLeader, 'site.list', { status: 'green' })
      expect(green.items.map((item) => item.id)).toEqual([far.site.id])
      // A month on, the cases are out of the window: the site is green again without a write.
      world.clock.advanceMinutes(31 * 24 * 60)
      expect((await world.ok(people.streetLeader, 'site.get', { siteId: site.id })).site.status).toBe('green')
      expect((await world.ok(people.streetLeader, 'site.list', { status: 'red' })).items).toEqual([])
    })

    it('finishes a link whose first request stopped after the act, counting the case once', async () => {
      const { site } = await world.ok(people.member, 'site.create', siteInput({ location: near(50) }))
      const { case: view } = await world.ok(
        people.resident,
        'case.submit',
        reportAt(demoPoints.yingyueRoadGrid1),
      )
      await world.ok(people.member, 'case.linkSite', { caseId: view.id, siteId: site.id })
      // As if the first request had stopped after the act: the site's side undone.
      await world.db.collection(collections.siteCase).where({ siteId: site.id }).remove()
      await world.db
        .collection(collections.site)
        .doc(site.id)
        .update({ recentCases: [], yellowMark: '', redMark: '' })
      const retried = await world.call(people.member, 'case.linkSite', { caseId: view.id, siteId: site.id })
      expect(retried).toMatchObject({ ok: false, error: { code: 'conflict' } })
      await world.call(people.member, 'case.linkSite', { caseId: view.id, siteId: site.id })
      const page = await world.ok(people.member, 'site.get', { siteId: site.id })
      expect(page.caseCount).toBe(1)
      expect(page.site.recentCases).toBe(1)
    })
  })
})
