import { runSweeps } from '../../../cloudfunctions/shared/cases/jobs'
import { alertCacheMillis } from '../../../cloudfunctions/shared/alerts/store'
import { demoGridIds, demoPoints } from '../../../emulator/demo/grids'
import { createTestWorld, type TestWorld } from '../../factories/runtime'
import { people, refusal, report } from '../cases/lifecycle/walk'

const office = people.airOffice
const hoursFrom = (date: Date, hours: number) => new Date(date.getTime() + hours * 3_600_000).toISOString()
const construction = { categoryId: 'construction-site', checkId: 'construction-no-fence' } as const

describe('heavy-pollution alerts (重污染天气预警)', () => {
  let world: TestWorld
  beforeEach(async () => {
    // Monday 23 November, 10:00 in Beijing.
    world = await createTestWorld()
  })
  afterEach(() => world.close())

  const setAlert = (level: 'yellow' | 'orange' | 'red', fromHours: number, toHours: number) =>
    world.call(office, 'alert.set', {
      level,
      startsAt: hoursFrom(world.clock.now, fromHours),
      endsAt: hoursFrom(world.clock.now, toHours),
      note: '预计持续重污染',
    })

  describe('alert.set and alert.current', () => {
    it("sets an alert of the office's district that everyone there sees while it holds", async () => {
      const set = await world.ok(office, 'alert.set', {
        level: 'orange',
        startsAt: hoursFrom(world.clock.now, 1),
        endsAt: hoursFrom(world.clock.now, 49),
        note: '',
      })
      expect(set.alert).toMatchObject({
        id: `${demoGridIds.guancheng}:1`,
        level: 'orange',
        label: '橙色预警',
        state: 'upcoming',
        setByNickname: '大气办小江',
      })
      // Not yet in force: no banner.
      expect((await world.ok(people.resident, 'alert.current', {})).alert).toBeNull()
      world.clock.advanceMinutes(60)
      for (const viewer of [people.resident, people.member, office]) {
        expect((await world.ok(viewer, 'alert.current', {})).alert).toMatchObject({
          level: 'orange',
          state: 'in-force',
          endsAt: hoursFrom(world.clock.now, 48),
          measures: expect.stringContaining('室外焊接'),
        })
      }
      world.clock.advanceMinutes(48 * 60)
      expect((await world.ok(people.resident, 'alert.current', {})).alert).toBeNull()
    })

    it('refuses anyone but a district office, a window that ends before it starts or is over', async () => {
      expect(
        refusal(
          await world.call(people.streetLeader, 'alert.set', {
            level: 'yellow',
            startsAt: hoursFrom(world.clock.now, 0),
            endsAt: hoursFrom(world.clock.now, 24),
          }),
        ),
      ).toMatchObject({ code: 'forbidden', message: '只有区级办公室可以发布和解除重污染天气预警' })
      expect(refusal(await setAlert('yellow', 5, 2))).toMatchObject({
        code: 'invalid-input',
        fields: { endsAt: '结束时间应晚于开始时间' },
      })
      expect(refusal(await setAlert('yellow', -5, -2))).toMatchObject({
        code: 'invalid-input',
        fields: { endsAt: '结束时间应晚于当前时间' },
      })
      expect(refusal(await world.call(office, 'alert.set', { level: 'purple' }))).toMatchObject({
        code: 'invalid-input',
        fields: { level: '请选择预警级别' },
      })
      expect((await world.ok(office, 'alert.list', {})).items).toEqual([])
    })

    it('refuses an alert overlapping another of the district, naming it; one after it is fine', async () => {
      await world.ok(office, 'alert.set', {
        level: 'yellow',
        startsAt: hoursFrom(world.clock.now, 0),
        endsAt: hoursFrom(world.clock.now, 48),
      })
      const clash = refusal(await setAlert('red', 24, 72))
      expect(clash.code).toBe('conflict')
      expect(clash.message).toMatch(
        /^本区已有黄色预警（2026-11-23 10:00 至 2026-11-25 10:00），预警时间不能重叠/,
      )
      expect((await setAlert('red', 48, 72)).ok).toBe(true)
    })

    it('gives a resident without a home grid no alert when the deployment has several districts', async () => {
      await setAlert('red', 0, 24)
      expect((await world.ok(people.resident2, 'alert.current', {})).alert).toBeNull()
    })
  })

  describe('alert.lift and alert.list', () => {
    it('ends an alert early and keeps both the set and the lift in the history', async () => {
      const { alert } = await world.ok(office, 'alert.set', {
        level: 'red',
        startsAt: hoursFrom(world.clock.now, 0),
        endsAt: hoursFrom(world.clock.now, 72),
      })
      world.clock.advanceMinutes(120)
      const lifted = await world.ok(office, 'alert.lift', { alertId: alert.id, note: '空气质量好转' })
      expect(lifted.alert).toMatchObject({
        state: 'ended',
        endsAt: world.clock.now.toISOString(),
        plannedEndsAt: alert.endsAt,
        lift: { note: '空气质量好转', byNickname: '大气办小江' },
      })
      expect((await world.ok(people.resident, 'alert.current', {})).alert).toBeNull()
      expect(refusal(await world.call(office, 'alert.lift', { alertId: alert.id }))).toMatchObject({
        code: 'illegal-transition',
        message: '该预警已经解除',
      })
      // The window freed by the lift can take a new alert; the history lists both, newest first.
      await world.ok(office, 'alert.set', {
        level: 'yellow',
        startsAt: hoursFrom(world.clock.now, 1),
        endsAt: hoursFrom(world.clock.now, 24),
      })
      const history = await world.ok(people.member, 'alert.list', { page: 1, pageSize: 1 })
      expect(history).toMatchObject({ total: 2, hasMore: true, items: [{ level: 'yellow', lift: null }] })
      const second = await world.ok(people.member, 'alert.list', { page: 2, pageSize: 1 })
      expect(second.items).toMatchObject([{ id: alert.id, level: 'red', note: '' }])
    })

    it("refuses a lift by grid staff, of another district's or an unknown alert, and the history to residents", async () => {
      const { alert } = await world.ok(office, 'alert.set', {
        level: 'red',
        startsAt: hoursFrom(world.clock.now, 0),
        endsAt: hoursFrom(world.clock.now, 72),
      })
      expect(refusal(await world.call(people.member, 'alert.lift', { alertId: alert.id }))).toMatchObject({
        code: 'forbidden',
      })
      expect(
        refusal(await world.call(office, 'alert.lift', { alertId: `${demoGridIds.gaoxin}:1` })),
      ).toMatchObject({ code: 'not-found', message: '本区没有找到这个预警' })
      expect(refusal(await world.call(people.resident, 'alert.list', {}))).toMatchObject({
        code: 'forbidden',
      })
      expect((await world.ok(people.resident, 'alert.current', {})).alert?.id).toBe(alert.id)
    })
  })

  describe('reports during an alert', () => {
    it('gives a listed category the shorter deadline and makes it urgent; after the end, the normal one', async () => {
      const normal = await report(world, construction)
      expect(normal.major).toBe(false)
      expect(normal.deadlineAt).toBe('2026-11-24T02:00:00.000Z')

      await setAlert('yellow', 0, 24)
      const during = await report(world, construction)
      expect(during.major).toBe(true)
      expect(during.deadlineAt).toBe(hoursFrom(world.clock.now, 12))
      // A category the level does not list is untouched.
      const fumes = await report(world, { categoryId: 'restaurant-fumes', checkId: 'restaurant-no-purifier' })
      expect(fumes).toMatchObject({ major: false, deadlineAt: '2026-11-24T02:00:00.000Z' })

      world.clock.advanceMinutes(24 * 60)
      const after = await report(world, construction)
      expect(after.major).toBe(false)
      expect(after.deadlineAt).toBe('2026-11-25T02:00:00.000Z')
    })

    it('holds a complaint-line case to the same tighter rules as a report', async () => {
      await setAlert('yellow', 0, 24)
      const { case: called } = await world.ok(office, 'hotline.record', {
        requestId: 'hotline-under-alert-0001',
        ...construction,
        description: '来电反映工地裸土未覆盖，扬尘很大',
        location: demoPoints.yingyueRoadGrid1,
        address: '映月路工地',
        callerName: '李女士',
        callerPhone: '13900001111',
      })
      expect(called).toMatchObject({
        channel: 'hotline',
        major: true,
        deadlineAt: hoursFrom(world.clock.now, 12),
      })
    })

    it("applies only in the alert's district", async () => {
      await setAlert('red', 0, 24)
      const elsewhere = await report(world, { ...construction, at: demoPoints.wutongKexueAvenue })
      expect(elsewhere.major).toBe(false)
    })

    it('the sweeps hold a case reported under an alert to its tighter deadline', async () => {
      await setAlert('red', 0, 24)
      const during = await report(world, construction)
      world.clock.advanceMinutes(5 * 60)
      await runSweeps(world.runtime)
      // Four hours under a red alert instead of a working day: red-carded (and, unclaimed, moved up).
      const { events } = await world.ok(people.member, 'case.get', { caseId: during.id })
      expect(events.map((event) => event.type)).toContain('red-card')
    })

    it("sees another instance's alert within the cache minute", async () => {
      // A warm instance read the district's empty book before the office set the alert elsewhere.
      await world.ok(people.resident, 'alert.current', {})
      await world.db.collection('pollution_alert').add({
        _id: demoGridIds.guancheng,
        districtId: demoGridIds.guancheng,
        version: 1,
        entries: [
          {
            type: 'set',
            alertId: `${demoGridIds.guancheng}:1`,
            level: 'red',
            startsAt: world.clock.now.toISOString(),
            endsAt: hoursFrom(world.clock.now, 24),
            note: '',
            by: office,
            byNickname: '大气办小江',
            at: world.clock.now.toISOString(),
          },
        ],
      })
      expect((await report(world, construction)).major).toBe(false)
      world.clock.advanceMinutes(alertCacheMillis / 60_000)
      expect((await report(world, construction)).major).toBe(true)
    })
  })
})
