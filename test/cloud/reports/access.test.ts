import { demoGridIds } from '../../../emulator/demo/grids'
import { createTestWorld, type TestWorld } from '../../factories/runtime'
import { people, refusal } from '../cases/lifecycle/walk'

const period = '2026-11'

describe('who may see the desk’s figures', () => {
  let world: TestWorld
  beforeAll(async () => {
    world = await createTestWorld()
    // The grid tree is cached by a warm instance, as in the cost table.
    await world.ok(people.member, 'stats.overview', { period })
  })
  afterAll(() => world.close())

  const overview = (openid: string, gridId?: string) =>
    world.call(openid, 'stats.overview', { period, ...(gridId ? { gridId } : {}) })
  const cases = (openid: string, gridId?: string) =>
    world.call(openid, 'stats.cases', { period, indicator: 'received', ...(gridId ? { gridId } : {}) })

  it('refuses residents and volunteers, in plain Chinese', async () => {
    for (const openid of [people.resident, people.resident2, people.volunteer]) {
      const refused = { code: 'forbidden', message: '统计数据仅供网格工作人员和区级部门查看' }
      expect(refusal(await overview(openid))).toEqual(refused)
      expect(refusal(await cases(openid, demoGridIds.yingyueRoadGrid1))).toEqual(refused)
    }
  })

  it('shows a grid member their own grid, and nothing above or beside it', async () => {
    expect((await world.ok(people.member, 'stats.overview', { period })).gridId).toBe(
      demoGridIds.yingyueRoadGrid1,
    )
    for (const gridId of [demoGridIds.yingyueRoad, demoGridIds.yingyueRoadGrid2, demoGridIds.guancheng]) {
      expect(refusal(await overview(people.member, gridId))).toMatchObject({
        code: 'forbidden',
        message: '该网格不在您的负责范围内',
      })
      expect(refusal(await cases(people.member, gridId)).code).toBe('forbidden')
    }
  })

  it('shows a leader their subtree, and not the level above', async () => {
    for (const gridId of [
      demoGridIds.yingyueRoad,
      demoGridIds.yingyueRoadGrid1,
      demoGridIds.yingyueRoadGrid2,
    ])
      expect((await overview(people.communityLeader, gridId)).ok).toBe(true)
    expect(refusal(await overview(people.communityLeader, demoGridIds.hanghaiEastRoad)).code).toBe(
      'forbidden',
    )
    expect((await overview(people.streetLeader, demoGridIds.yingyueRoadGrid2)).ok).toBe(true)
    expect(refusal(await overview(people.streetLeader, demoGridIds.guancheng)).code).toBe('forbidden')
  })

  it('shows a district office and the supervisor their district, not another one', async () => {
    for (const openid of [people.airOffice, people.supervisor]) {
      expect((await world.ok(openid, 'stats.overview', { period })).gridId).toBe(demoGridIds.guancheng)
      expect((await cases(openid, demoGridIds.yingyueRoadGrid1)).ok).toBe(true)
      for (const gridId of [demoGridIds.gaoxin, demoGridIds.wutong])
        expect(refusal(await overview(openid, gridId)).code).toBe('forbidden')
    }
  })

  it('says what is wrong with a grid or a period', async () => {
    expect(refusal(await overview(people.airOffice, 'grid-none'))).toMatchObject({
      code: 'not-found',
      message: '没有找到这个网格',
    })
    expect(refusal(await overview(people.supervisor, demoGridIds.city))).toMatchObject({
      code: 'invalid-input',
      message: '只能查看区、街道、社区或网格的统计数据',
    })
    const badPeriod = refusal(await world.call(people.airOffice, 'stats.overview', { period: '2026-13' }))
    expect(badPeriod).toMatchObject({
      code: 'invalid-input',
      fields: { period: expect.stringContaining('周期格式不正确') },
    })
    const noSource = refusal(
      await world.call(people.airOffice, 'stats.cases', { period, indicator: 'bySource', value: 'rumour' }),
    )
    expect(noSource).toMatchObject({ code: 'invalid-input', fields: { value: '请选择来源' } })
  })

  it('costs the caller and two reads for an overview (stats, patrols), the caller and one read for a list', async () => {
    const measured = await world.metered(people.streetLeader, 'stats.overview', { period })
    expect(measured.answer.ok).toBe(true)
    expect(measured.database.requests).toBe(3)
    const listed = await world.metered(people.supervisor, 'stats.cases', {
      period: '2026',
      indicator: 'missedByPatrol',
    })
    expect(listed.answer.ok).toBe(true)
    expect(listed.database.requests).toBe(2)
  })
})
