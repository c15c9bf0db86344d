import { demoGridIds, demoPoints } from '../../../emulator/demo/grids'
import { createTestWorld, reportAt, type TestWorld } from '../../factories/runtime'

describe('submitting a report (case.submit)', () => {
  let world: TestWorld
  beforeEach(async () => {
    world = await createTestWorld()
  })
  afterEach(() => world.close())

  it('routes a report to the 三级网格 whose polygon contains the point', async () => {
    const { case: submitted, replayed } = await world.ok(
      'demo-resident',
      'case.submit',
      reportAt(demoPoints.yingyueRoadGrid1),
    )
    expect(replayed).toBe(false)
    expect(submitted.status).toBe('pending')
    expect(submitted.grid).toMatchObject({ id: demoGridIds.yingyueRoadGrid1, level: 'block' })
    expect(submitted.grid.label).toBe('航海东路街道 / 映月路社区 / 映月路社区第1网格')
  })

  it('falls to the street when no community or block contains the point', async () => {
    const { case: submitted } = await world.ok(
      'demo-resident',
      'case.submit',
      reportAt(demoPoints.streetOnly),
    )
    expect(submitted.grid).toMatchObject({ id: demoGridIds.hanghaiEastRoad, level: 'street' })
  })

  it('refuses a point outside every grid with a Chinese reason', async () => {
    const answer = await world.call('demo-resident', 'case.submit', reportAt(demoPoints.outside))
    expect(answer).toMatchObject({ ok: false, error: { code: 'outside-service-area' } })
    if (!answer.ok) expect(answer.error.message).toMatch(/网格/)
  })

  it('numbers cases per Beijing business day', async () => {
    const first = await world.ok('demo-resident', 'case.submit', reportAt(demoPoints.yingyueRoadGrid1))
    const second = await world.ok('demo-resident', 'case.submit', reportAt(demoPoints.yingyueRoadGrid1))
    expect(first.case.caseNo).toBe('20261123-0001')
    expect(second.case.caseNo).toBe('20261123-0002')
    world.clock.now = new Date('2026-11-23T16:00:00Z') // 00:00 on the 24th in Beijing
    const third = await world.ok('demo-resident', 'case.submit', reportAt(demoPoints.yingyueRoadGrid1))
    expect(third.case.caseNo).toBe('20261124-0001')
  })

  it('returns the first case when the same request is retried, however often', async () => {
    const payload = reportAt(demoPoints.yingyueRoadGrid1)
    const first = await world.ok('demo-resident', 'case.submit', payload)
    const retries = await Promise.all(
      Array.from({ length: 5 }, () => world.ok('demo-resident', 'case.submit', payload)),
    )
    for (const retry of retries) {
      expect(retry.replayed).toBe(true)
      expect(retry.case.id).toBe(first.case.id)
    }
    const mine = await world.ok('demo-resident', 'case.mine', {})
    expect(mine.total).toBe(1)
  })

  it('creates exactly one case when retries of a new request race each other', async () => {
    const payload = reportAt(demoPoints.yingyueRoadGrid1)
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => world.ok('demo-resident', 'case.submit', payload)),
    )
    expect(new Set(answers.map((answer) => answer.case.id)).size).toBe(1)
    expect(answers.filter((answer) => !answer.replayed)).toHaveLength(1)
    expect((await world.ok('demo-resident', 'case.mine', {})).total).toBe(1)
  })

  it('treats the same request id from two people as two cases', async () => {
    const payload = reportAt(demoPoints.yingyueRoadGrid1)
    const mine = await world.ok('demo-resident', 'case.submit', payload)
    const theirs = await world.ok('demo-resident-2', 'case.submit', payload)
    expect(theirs.case.id).not.toBe(mine.case.id)
  })

  it('answers a schema failure with field messages and stores nothing', async () => {
    const answer = await world.call('demo-resident', 'case.submit', {
      ...reportAt(demoPoints.yingyueRoadGrid1),
      photos: [],
    })
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'invalid-input',
        message: '填写的内容有误，请检查后再提交',
        fields: { photos: '请至少拍摄或选择一张照片' },
      },
    })
    expect((await world.ok('demo-resident', 'case.mine', {})).total).toBe(0)
  })

  it('refuses a check that belongs to another category', async () => {
    const answer = await world.call(
      'demo-resident',
      'case.submit',
      reportAt(demoPoints.yingyueRoadGrid1, { categoryId: 'road-dust', checkId: 'burning-garbage' }),
    )
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', fields: { checkId: expect.any(String) } },
    })
  })

  it('records the submission as the first event of the trail', async () => {
    const { case: submitted } = await world.ok(
      'demo-resident',
      'case.submit',
      reportAt(demoPoints.yingyueRoadGrid1),
    )
    const { events } = await world.ok('demo-resident', 'case.get', { caseId: submitted.id })
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({
      seq: 0,
      type: 'submit',
      label: '登记',
      from: 'none',
      to: 'pending',
      actorLabel: '林女士',
    })
    expect(events[0]!.note).toContain('映月路社区第1网格')
  })

  it('marks a grid member’s own report as a patrol finding', async () => {
    const { case: submitted } = await world.ok(
      'demo-grid-member',
      'case.submit',
      reportAt(demoPoints.yingyueRoadGrid1),
    )
    expect(submitted.channel).toBe('patrol')
  })

  it('files a resident through their own channel only, staff by hotline, and the sensor feed only from the district office', async () => {
    for (const channel of ['patrol', 'hotline', 'sensor'] as const) {
      const answer = await world.call(
        'demo-resident',
        'case.submit',
        reportAt(demoPoints.yingyueRoadGrid1, { channel }),
      )
      expect(answer).toMatchObject({
        ok: false,
        error: { code: 'forbidden', fields: { channel: expect.any(String) } },
      })
    }
    const hotline = reportAt(demoPoints.yingyueRoadGrid1, { channel: 'hotline' })
    expect((await world.ok('demo-grid-member', 'case.submit', hotline)).case.channel).toBe('hotline')
    const sensor = reportAt(demoPoints.yingyueRoadGrid1, { channel: 'sensor' })
    expect((await world.call('demo-supervisor', 'case.submit', sensor)).ok).toBe(false)
    expect((await world.ok('demo-air-office', 'case.submit', sensor)).case.channel).toBe('sensor')
    const cases = await world.db.collection('case').where({ reporterId: 'demo-resident' }).get()
    expect(cases.data).toEqual([])
  })

  it('registers a WeChat user seen for the first time as a resident', async () => {
    const { case: submitted } = await world.ok(
      'wx-openid-new-person',
      'case.submit',
      reportAt(demoPoints.yingyueRoadGrid1),
    )
    expect(submitted.isMine).toBe(true)
    const me = await world.ok('wx-openid-new-person', 'me.get', {})
    expect(me).toMatchObject({ role: 'resident', roleLabel: '市民', points: 0 })
  })
})
