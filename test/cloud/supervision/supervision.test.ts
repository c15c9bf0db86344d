import { runSweeps } from '../../../cloudfunctions/shared/cases/jobs'
import { runBulletins } from '../../../cloudfunctions/shared/supervision/bulletin-job'
import { runRelay } from '../../../cloudfunctions/shared/cases/relay'
import { runStatsJob } from '../../../cloudfunctions/shared/reports/stats-job'
import { demoGridIds } from '../../../emulator/demo/grids'
import { createTestWorld, type TestWorld } from '../../factories/runtime'
import { people, refusal, report } from '../cases/lifecycle/walk'

const hoursFrom = (date: Date, hours: number) => new Date(date.getTime() + hours * 3_600_000).toISOString()

describe('the 督查室 (supervision)', () => {
  let world: TestWorld
  beforeEach(async () => {
    // Monday 23 November, 10:00 in Beijing.
    world = await createTestWorld()
  })
  afterEach(() => world.close())

  describe('supervision.list', () => {
    it('lists the flagged, the red-carded and the overdue open cases of the district, each in its own order', async () => {
      const flagged = (await report(world)).id
      const quiet = (await report(world)).id
      await world.ok(people.supervisor, 'case.supervise', {
        caseId: flagged,
        deadlineAt: hoursFrom(world.clock.now, 2),
        note: '限期两小时',
      })
      const list = (filter: 'flagged' | 'red' | 'overdue') =>
        world.ok(people.supervisor, 'supervision.list', { filter })
      expect((await list('flagged')).items.map((item) => item.id)).toEqual([flagged])
      expect((await list('overdue')).items).toEqual([])
      // Three hours on, the flagged case is past its deadline; the sweep shows it the red card.
      world.clock.advanceMinutes(180)
      await runSweeps(world.runtime)
      const overdue = await list('overdue')
      expect(overdue.items.map((item) => item.id)).toContain(flagged)
      expect(overdue.items.map((item) => item.id)).not.toContain(quiet)
      expect((await list('red')).items.map((item) => item.id)).toEqual([flagged])
      expect((await list('red')).grid.id).toBe(demoGridIds.guancheng)
    })

    it('narrows to a grid of the district, and refuses one outside it and grid staff', async () => {
      const answer = await world.ok(people.airOffice, 'supervision.list', {
        filter: 'flagged',
        gridId: demoGridIds.yingyueRoad,
      })
      expect(answer).toMatchObject({ items: [], grid: { id: demoGridIds.yingyueRoad }, hasMore: false })
      expect(
        refusal(await world.call(people.supervisor, 'supervision.list', { gridId: demoGridIds.wutong })),
      ).toMatchObject({ code: 'forbidden', message: '该网格不在您的督查范围内' })
      expect(refusal(await world.call(people.streetLeader, 'supervision.list', {}))).toMatchObject({
        code: 'forbidden',
      })
    })
  })

  describe('supervision.note', () => {
    it("records an accountability note on a grid's record once, however often the request is retried", async () => {
      const caseId = (await report(world)).id
      const input = {
        requestId: 'note-request-1',
        gridId: demoGridIds.yingyueRoadGrid1,
        kind: 'interview' as const,
        note: '连续两次超期，约谈网格长',
        caseId,
      }
      const first = await world.ok(people.supervisor, 'supervision.note', input)
      expect(first).toMatchObject({
        replayed: false,
        note: { kind: 'interview', kindLabel: '约谈', gridId: demoGridIds.yingyueRoadGrid1, caseId },
      })
      const again = await world.ok(people.supervisor, 'supervision.note', input)
      expect(again).toMatchObject({ replayed: true, note: { id: first.note.id } })
    })

    it('refuses grid staff, a case not under the grid, and a note without text', async () => {
      const caseId = (await report(world)).id
      const base = { requestId: 'note-request-2', gridId: demoGridIds.yingyueRoadGrid2, kind: 'notice' }
      expect(
        refusal(await world.call(people.streetLeader, 'supervision.note', { ...base, note: '通报' })),
      ).toMatchObject({ code: 'forbidden' })
      expect(
        refusal(await world.call(people.supervisor, 'supervision.note', { ...base, note: '通报', caseId })),
      ).toMatchObject({ code: 'not-found', message: '该网格下没有找到这个问题' })
      expect(
        refusal(await world.call(people.supervisor, 'supervision.note', { ...base, note: ' ' })),
      ).toMatchObject({ code: 'invalid-input' })
    })
  })

  describe('the daily bulletin (日督查)', () => {
    it("drafts each street's bulletin once the day is over: its figures, its flags and its notes", async () => {
      const flagged = (await report(world)).id
      await report(world)
      await world.ok(people.supervisor, 'case.supervise', {
        caseId: flagged,
        deadlineAt: hoursFrom(world.clock.now, 4),
        note: '群众反映强烈',
      })
      await world.ok(people.supervisor, 'supervision.note', {
        requestId: 'note-request-3',
        gridId: demoGridIds.yingyueRoadGrid1,
        kind: 'notice',
        note: '通报映月路社区第1网格',
      })
      await runRelay(world.runtime)
      // Tuesday 02:00 in Beijing: Monday is over and counted.
      world.clock.now = new Date('2026-11-23T18:00:00.000Z')
      await runStatsJob(world.runtime)
      expect((await runBulletins(world.runtime)).acted).toBeGreaterThan(0)
      // Already drafted: a later tick writes nothing.
      expect((await runBulletins(world.runtime)).acted).toBe(0)

      const { day, bulletins } = await world.ok(people.supervisor, 'supervision.bulletin', {})
      expect(day).toBe('2026-11-23')
      const street = bulletins.find((bulletin) => bulletin.streetId === demoGridIds.hanghaiEastRoad)!
      expect(street.figures).toMatchObject({ received: 2, closed: 0 })
      expect(street.flagged).toEqual([
        expect.objectContaining({
          caseId: flagged,
          note: '群众反映强烈',
          gridId: demoGridIds.yingyueRoadGrid1,
        }),
      ])
      expect(street.notes).toEqual([
        expect.objectContaining({ kind: 'notice', kindLabel: '通报', note: '通报映月路社区第1网格' }),
      ])
      // Another street of the district had a quiet day.
      const others = bulletins.filter((bulletin) => bulletin.streetId !== demoGridIds.hanghaiEastRoad)
      for (const other of others)
        expect(other).toMatchObject({ figures: { received: 0 }, flagged: [], notes: [] })

      // The street's leader reads their own street's only; a grid member none.
      const own = await world.ok(people.streetLeader, 'supervision.bulletin', {})
      expect(own.bulletins.map((bulletin) => bulletin.streetId)).toEqual([demoGridIds.hanghaiEastRoad])
      expect(refusal(await world.call(people.member, 'supervision.bulletin', {}))).toMatchObject({
        code: 'forbidden',
      })
    })
  })
})
