import { collections } from '../../../cloudfunctions/shared/app'
import type { CaseRecord } from '../../../src/domain/case/record'
import { openStatuses } from '../../../src/domain/case/status'
import { mapIndicatorSpecs, mapIndicators, maxMapMarkers } from '../../../src/domain/desk/indicators'
import { demoGridIds } from '../../../emulator/demo/grids'
import { documentsWhere } from '../../factories/inspect'
import { createTestWorld, type TestWorld } from '../../factories/runtime'
import { people, refusal } from '../cases/lifecycle/walk'
import { buildDeskWorld, gaoxinOffice } from '../reports/desk-world'

const period = '2026-11'

describe('desk.map, the map on the wall', () => {
  let world: TestWorld
  let cases: CaseRecord[]
  beforeAll(async () => {
    world = await buildDeskWorld()
    cases = await documentsWhere<CaseRecord>(world.db, collections.case, {})
  }, 120_000)
  afterAll(() => world.close())

  const map = (openid: string, payload: Record<string, unknown>) =>
    world.call(openid, 'desk.map', { period, indicator: 'received', ...payload })

  it('refuses residents, and nodes outside the caller’s scope, in plain Chinese', async () => {
    expect(refusal(await map(people.resident, {}))).toEqual({
      code: 'forbidden',
      message: '统计数据仅供网格工作人员和区级部门查看',
    })
    for (const gridId of [demoGridIds.yingyueRoad, demoGridIds.yingyueRoadGrid2])
      expect(refusal(await map(people.member, { gridId }))).toMatchObject({
        code: 'forbidden',
        message: '该网格不在您的负责范围内',
      })
    expect(refusal(await map(people.streetLeader, { gridId: demoGridIds.guancheng })).code).toBe('forbidden')
    expect(refusal(await map(people.airOffice, { gridId: demoGridIds.gaoxin })).code).toBe('forbidden')
    expect(refusal(await map(people.airOffice, { indicator: 'rumours' }))).toMatchObject({
      code: 'invalid-input',
      fields: { indicator: '请选择要查看的指标' },
    })
  })

  it('opens on the caller’s own node: the district’s streets for an office, a member’s grid alone', async () => {
    const district = await world.ok(people.airOffice, 'desk.map', { period, indicator: 'received' })
    expect(district.grid.id).toBe(demoGridIds.guancheng)
    expect(district.parent).toBeNull()
    expect(district.areas.map((area) => area.grid.level)).toEqual(district.areas.map(() => 'street'))
    expect(district.areas.map((area) => area.grid.id)).toContain(demoGridIds.hanghaiEastRoad)
    expect(district.areas.every((area) => area.polygon !== null)).toBe(true)

    const leaf = await world.ok(people.member, 'desk.map', { period, indicator: 'received' })
    expect(leaf.grid.id).toBe(demoGridIds.yingyueRoadGrid1)
    expect(leaf.areas.map((area) => [area.grid.id, area.drillable])).toEqual([
      [demoGridIds.yingyueRoadGrid1, false],
    ])
    // A member may not climb above their grid; a community leader looking at a grid of theirs may.
    expect(leaf.parent).toBeNull()
    const below = await world.ok(people.communityLeader, 'desk.map', {
      gridId: demoGridIds.yingyueRoadGrid1,
      period,
      indicator: 'received',
    })
    expect(below.parent?.id).toBe(demoGridIds.yingyueRoad)
  })

  it('shows each grid the value stats.overview shows it, in the class the legend gives', async () => {
    for (const gridId of [demoGridIds.guancheng, demoGridIds.hanghaiEastRoad, demoGridIds.yingyueRoad])
      for (const indicator of mapIndicators) {
        const answer = await world.ok(people.airOffice, 'desk.map', { gridId, period, indicator })
        expect(answer.indicatorLabel).toBe(mapIndicatorSpecs[indicator].label)
        expect(answer.legend).toHaveLength(5)
        for (const area of answer.areas) {
          const overview = await world.ok(people.airOffice, 'stats.overview', {
            gridId: area.grid.id,
            period,
          })
          expect([area.grid.id, indicator, area.value]).toEqual([
            area.grid.id,
            indicator,
            mapIndicatorSpecs[indicator].value(overview),
          ])
          if (area.value === null) expect(area.bin).toBeNull()
          else {
            const entry = answer.legend[area.bin!]!
            expect(area.value).toBeGreaterThanOrEqual(entry.from)
            expect(area.value <= entry.to).toBe(true)
            expect(area.colour).toBe(entry.colour)
          }
        }
      }
    // 映月路社区 has cases, its neighbours none: counted and not, in different classes.
    const communities = await world.ok(people.airOffice, 'desk.map', {
      gridId: demoGridIds.hanghaiEastRoad,
      period,
      indicator: 'received',
    })
    const yingyue = communities.areas.find((area) => area.grid.id === demoGridIds.yingyueRoad)!
    const quiet = communities.areas.filter((area) => area.value === 0)
    expect(yingyue.value).toBeGreaterThan(0)
    expect(quiet.length).toBeGreaterThan(0)
    expect(quiet.every((area) => area.bin === 0 && area.bin !== yingyue.bin)).toBe(true)
    expect(communities.areas.filter((area) => area.drillable).length).toBeGreaterThan(0)
  })

  it('marks the node’s open cases, narrowed by status and category', async () => {
    const openHere = (gridId: string) =>
      cases.filter((c) => c.gridPath.includes(gridId) && openStatuses.includes(c.status))
    const all = await world.ok(people.airOffice, 'desk.map', {
      gridId: demoGridIds.hanghaiEastRoad,
      period,
      indicator: 'received',
    })
    expect(all.markers.map((m) => m.id).sort()).toEqual(
      openHere(demoGridIds.hanghaiEastRoad)
        .map((c) => c._id)
        .sort(),
    )
    expect(all.markers.length).toBeGreaterThan(2)
    expect(all.truncated).toBe(false)

    // Nobody claimed them, so the sweeps escalated them to the district: they are on the district's map.
    const unclaimed = await world.ok(people.airOffice, 'desk.map', {
      gridId: demoGridIds.guancheng,
      period,
      indicator: 'received',
      status: 'unclaimed',
    })
    expect(unclaimed.markers.map((m) => m.id).sort()).toEqual(
      openHere(demoGridIds.guancheng)
        .filter((c) => c.status === 'pending')
        .map((c) => c._id)
        .sort(),
    )
    expect(unclaimed.markers.length).toBeGreaterThan(0)

    const category = 'road-dust'
    const dust = await world.ok(people.airOffice, 'desk.map', {
      gridId: demoGridIds.hanghaiEastRoad,
      period,
      indicator: 'received',
      category,
    })
    const expected = openHere(demoGridIds.hanghaiEastRoad).filter((c) => c.categoryId === category)
    expect(expected.length).toBeGreaterThan(0)
    expect(expected.length).toBeLessThan(all.markers.length)
    expect(dust.markers.map((m) => m.id).sort()).toEqual(expected.map((c) => c._id).sort())
    expect(dust.markers.every((m) => m.categoryName !== m.categoryId)).toBe(true)

    const now = world.clock.now.toISOString()
    const overdue = await world.ok(people.airOffice, 'desk.map', {
      gridId: demoGridIds.guancheng,
      period,
      indicator: 'overdue',
      status: 'overdue',
    })
    const late = openHere(demoGridIds.guancheng).filter((c) => c.deadlineAt !== null && c.deadlineAt < now)
    expect(late.length).toBeGreaterThan(0)
    expect(overdue.markers.map((m) => m.id).sort()).toEqual(late.map((c) => c._id).sort())
    expect(overdue.markers.every((m) => m.overdue)).toBe(true)

    // The other district's case is on its own office's map, not on this one's.
    const gaoxin = await world.ok(gaoxinOffice, 'desk.map', { period, indicator: 'received' })
    expect(gaoxin.markers.length).toBeGreaterThan(0)
    const theirs = new Set(gaoxin.markers.map((m) => m.id))
    const ours = await world.ok(people.airOffice, 'desk.map', { period, indicator: 'received' })
    expect(ours.markers.some((m) => theirs.has(m.id))).toBe(false)
  })

  it('costs the caller, one read of the children’s sheets and one of the cases', async () => {
    for (const payload of [
      {},
      { gridId: demoGridIds.hanghaiEastRoad, category: 'coal-stove' },
      { gridId: demoGridIds.yingyueRoadGrid1, status: 'overdue' },
    ]) {
      const measured = await world.metered(people.airOffice, 'desk.map', {
        period,
        indicator: 'closure',
        ...payload,
      })
      expect(measured.answer.ok).toBe(true)
      expect(measured.database.requests).toBe(3)
    }
  })
})

describe('desk.map with more open cases than it shows', () => {
  let world: TestWorld
  beforeAll(async () => {
    world = await createTestWorld()
    // Stored straight into the collection: 205 open cases in one grid, what 205 reports would leave.
    const grid = [demoGridIds.yingyueRoadGrid1, demoGridIds.yingyueRoad, demoGridIds.hanghaiEastRoad]
    const docs = Array.from({ length: maxMapMarkers + 5 }, (_, i) => ({
      _id: `bulk-${String(i).padStart(3, '0')}`,
      caseNo: `20261120-${String(i).padStart(4, '0')}`,
      status: i % 2 === 0 ? 'pending' : 'claimed',
      categoryId: i < 10 ? 'coal-stove' : 'road-dust',
      location: { lng: 113.6925, lat: 34.7288 },
      gridPath: [...grid, demoGridIds.guancheng, demoGridIds.city],
      createdAt: new Date(Date.UTC(2026, 10, 20, 0, i)).toISOString(),
      deadlineAt: null,
    }))
    await world.db.collection(collections.case).add(docs)
  })
  afterAll(() => world.close())

  it('shows the newest 200 and says there are more; a narrower filter that fits is not truncated', async () => {
    const all = await world.ok(people.airOffice, 'desk.map', { period, indicator: 'received' })
    expect(all.markers).toHaveLength(maxMapMarkers)
    expect(all.truncated).toBe(true)
    expect(all.markers[0]!.caseNo).toBe(`20261120-${String(maxMapMarkers + 4).padStart(4, '0')}`)
    const coal = await world.ok(people.airOffice, 'desk.map', {
      period,
      indicator: 'received',
      category: 'coal-stove',
    })
    expect(coal.markers).toHaveLength(10)
    expect(coal.truncated).toBe(false)
    const claimed = await world.ok(people.airOffice, 'desk.map', {
      period,
      indicator: 'received',
      status: 'claimed',
    })
    expect(claimed.markers.map((m) => m.status)).toEqual(Array(102).fill('claimed'))
    expect(claimed.truncated).toBe(false)
  })
})
