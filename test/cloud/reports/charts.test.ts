import { storesFor } from '../../../cloudfunctions/shared/runtime/context'
import { demoGridIds } from '../../../emulator/demo/grids'
import { statsLevels } from '../../../src/domain/reports/rollup'
import type { TestWorld } from '../../factories/runtime'
import { people, refusal } from '../cases/lifecycle/walk'
import { buildDeskWorld, gaoxinOffice, project } from './desk-world'

const nodes = [
  demoGridIds.yingyueRoadGrid1,
  demoGridIds.yingyueRoad,
  demoGridIds.hanghaiEastRoad,
  demoGridIds.guancheng,
  demoGridIds.gaoxin,
]
const viewerOf = (nodeId: string) => (nodeId === demoGridIds.gaoxin ? gaoxinOffice : people.airOffice)

describe("the desk's charts, against the overview of each period", () => {
  let world: TestWorld

  beforeAll(async () => {
    world = await buildDeskWorld()
    await project(world)
    // Monday 30 November, 18:00 in Beijing: the second week of the world is running, November is not over.
    world.clock.now = new Date('2026-11-30T10:00:00.000Z')
  }, 60_000)
  afterAll(() => world.close())

  it('answers each week, the month and every child as stats.overview does', async () => {
    const { tree } = await storesFor(world.runtime).grids.index()
    let counted = 0
    for (const gridId of nodes) {
      const viewer = viewerOf(gridId)
      const charts = await world.ok(viewer, 'stats.charts', { gridId })
      expect(charts.gridId).toBe(gridId)
      expect(charts.weeks.map((week) => week.period)).toHaveLength(12)
      expect(charts.weeks.slice(-2).map((week) => [week.period, week.ended])).toEqual([
        ['2026-W48', true],
        ['2026-W49', false],
      ])
      for (const week of charts.weeks) {
        const overview = await world.ok(viewer, 'stats.overview', { gridId, period: week.period })
        expect([week.received, week.closed]).toEqual([overview.received, overview.closed])
        counted += week.received
      }

      const month = await world.ok(viewer, 'stats.overview', { gridId, period: '2026-11' })
      expect(charts.month).toEqual({ period: '2026-11', label: '2026年11月', ended: false })
      expect(Object.fromEntries(charts.categories.map((bar) => [bar.categoryId, bar.count]))).toEqual(
        month.byCategory,
      )
      const counts = charts.categories.map((bar) => bar.count)
      expect(counts).toEqual([...counts].sort((a, b) => b - a))
      expect(charts.categories.every((bar) => bar.name !== bar.categoryId)).toBe(true)
      expect(charts.closeTime.count).toBe(month.timeToClose.count)
      expect(charts.closeTime.p90Hours).toBe(month.timeToClose.p90Hours)

      const children = tree.children(gridId).filter((child) => statsLevels.includes(child.level))
      expect(charts.ranking.map((bar) => bar.grid.id).sort()).toEqual(children.map((c) => c._id).sort())
      for (const bar of charts.ranking) {
        const child = await world.ok(viewer, 'stats.overview', { gridId: bar.grid.id, period: '2026-11' })
        expect(bar).toMatchObject({
          received: child.received,
          due: child.due,
          closedOnTime: child.closedOnTime,
          onTimeClosure: child.rates.onTimeClosure,
        })
      }
      const rates = charts.ranking.map((bar) => bar.onTimeClosure ?? -1)
      expect(rates).toEqual([...rates].sort((a, b) => b - a))
    }
    // The world's cases are in its weeks: the comparison above was not of zeros only.
    expect(counted).toBeGreaterThan(10)
  })

  it('shows half a year at most, with the weeks never counted as zeros', async () => {
    const charts = await world.ok(people.airOffice, 'stats.charts', { weeks: 26 })
    expect(charts.gridId).toBe(demoGridIds.guancheng)
    expect(charts.weeks).toHaveLength(26)
    expect(charts.weeks[0]).toMatchObject({ period: '2026-W24', received: 0, closed: 0, ended: true })
    expect(refusal(await world.call(people.airOffice, 'stats.charts', { weeks: 27 }))).toMatchObject({
      code: 'invalid-input',
      fields: { weeks: '最多显示26周' },
    })
  })

  it('is scoped like the overview', async () => {
    expect(refusal(await world.call(people.resident, 'stats.charts', {}))).toEqual({
      code: 'forbidden',
      message: '统计数据仅供网格工作人员和区级部门查看',
    })
    expect((await world.ok(people.member, 'stats.charts', {})).gridId).toBe(demoGridIds.yingyueRoadGrid1)
    expect((await world.ok(people.member, 'stats.charts', {})).ranking).toEqual([])
    for (const gridId of [demoGridIds.yingyueRoad, demoGridIds.guancheng])
      expect(refusal(await world.call(people.member, 'stats.charts', { gridId })).code).toBe('forbidden')
    expect(
      refusal(await world.call(people.airOffice, 'stats.charts', { gridId: demoGridIds.gaoxin })),
    ).toEqual({ code: 'forbidden', message: '该网格不在您的负责范围内' })
  })

  it('costs the caller and one read, for a street and for a district with its streets', async () => {
    for (const [openid, gridId] of [
      [people.streetLeader, demoGridIds.hanghaiEastRoad],
      [people.airOffice, demoGridIds.guancheng],
    ] as const) {
      const measured = await world.metered(openid, 'stats.charts', { gridId, weeks: 26 })
      expect(measured.answer.ok).toBe(true)
      expect(measured.database.requests).toBe(2)
    }
  })
})
