import { findCategory } from '../../../../src/domain/case/categories'
import { shippedSettings } from '../../../../src/domain/settings'
import { demoGridIds, demoPoints } from '../../../../emulator/demo/grids'
import { createTestWorld, reportAt, type TestWorld } from '../../../factories/runtime'
import { people, refusal, report, walkToVerified } from './walk'

// Around 映月路社区第1网格 (113.69–113.6936 E, 34.7265–34.73 N); 0.001° of latitude is about 111 m.
const here = demoPoints.yingyueRoadGrid1
const north100m = { lng: here.lng, lat: here.lat + 0.0009 }
const south220m = { lng: here.lng, lat: here.lat - 0.002 }

describe('nearby open cases (case.nearby)', () => {
  let world: TestWorld
  beforeEach(async () => {
    world = await createTestWorld()
  })
  afterEach(() => world.close())

  it('uses the category’s dedupe radius from the catalog', async () => {
    const { radiusMeters } = await world.ok(people.resident2, 'case.nearby', {
      categoryId: 'open-burning',
      location: here,
    })
    expect(radiusMeters).toBe(findCategory('open-burning', shippedSettings.categories)!.dedupeRadiusMeters)
    expect(radiusMeters).toBe(150)
  })

  it('finds an open case of the same category within the radius, with a distance band to its rounded place', async () => {
    // 100 m away; its rounded place (113.693, 34.730) is about 141 m away, which the 200 m band holds.
    const near = await report(world, { at: north100m })
    const { items } = await world.ok(people.resident2, 'case.nearby', {
      categoryId: 'open-burning',
      location: here,
    })
    expect(items.map((item) => item.id)).toEqual([near.id])
    expect(items[0]!.distance).toEqual({ withinMeters: 200, label: '200 米内' })
    expect(items[0]).not.toHaveProperty('distanceMeters')
  })

  it('leaves out cases of another category at the same spot', async () => {
    await report(world, { at: here, categoryId: 'road-dust', checkId: 'road-visible-dust' })
    const { items } = await world.ok(people.resident2, 'case.nearby', {
      categoryId: 'open-burning',
      location: here,
    })
    expect(items).toEqual([])
  })

  it('leaves out cases beyond the radius', async () => {
    await report(world, { at: south220m })
    const { items } = await world.ok(people.resident2, 'case.nearby', {
      categoryId: 'open-burning',
      location: here,
    })
    expect(items).toEqual([])
  })

  it('finds the farther case when the category’s radius reaches it', async () => {
    // Rounded to (113.693, 34.727): about 178 m from the stated place, inside road dust's 200 m, not open burning's 150 m.
    const from = { lng: 113.693, lat: 34.7286 }
    const dust = await report(world, {
      at: { lng: 113.693, lat: 34.7272 },
      categoryId: 'road-dust',
      checkId: 'road-visible-dust',
    })
    const { items } = await world.ok(people.resident2, 'case.nearby', {
      categoryId: 'road-dust',
      location: from,
    })
    expect(items.map((item) => item.id)).toEqual([dust.id])
    expect(items[0]!.distance.label).toBe('200 米内')
  })

  it('leaves out closed, rejected and merged cases', async () => {
    const closed = await report(world, { at: north100m })
    await walkToVerified(world, closed.id)
    await world.ok(people.resident, 'case.confirm', { caseId: closed.id, rating: 5, comment: '' })
    const rejected = await report(world, { at: north100m })
    await world.ok(people.blockLeader, 'case.reject', {
      caseId: rejected.id,
      reason: 'unclear-photo',
      note: '',
    })
    const open = await report(world, { at: here })
    const merged = await report(world, { at: here })
    await world.ok(people.blockLeader, 'case.merge', {
      caseId: merged.id,
      intoCaseId: open.id,
      reason: '重复举报',
    })
    const { items } = await world.ok(people.resident2, 'case.nearby', {
      categoryId: 'open-burning',
      location: here,
    })
    expect(items.map((item) => item.id)).toEqual([open.id])
  })

  it('gives a resident only public summaries of others’ cases', async () => {
    await report(world, { at: { lng: 113.69251, lat: 34.72884 }, address: '映月路某小区3号楼旁' })
    const { items } = await world.ok(people.resident2, 'case.nearby', {
      categoryId: 'open-burning',
      location: here,
    })
    expect(items[0]).toMatchObject({
      view: 'summary',
      reporter: null,
      address: '航海东路街道 / 映月路社区',
      location: { lng: 113.693, lat: 34.729 },
      // Only the photos that passed WeChat's check (the stand-in passes them).
      photos: [expect.stringContaining('/storage/file')],
    })
  })
})

describe('nearby searches locate nothing and list nothing beyond one’s own spot (case.nearby)', () => {
  let world: TestWorld
  beforeEach(async () => {
    world = await createTestWorld()
  })
  afterEach(() => world.close())

  const nearby = (location: { lng: number; lat: number }, openid: string = people.resident2) =>
    world.call(openid, 'case.nearby', { categoryId: 'road-dust', location })

  it('answers the same from every stated place for two cases with the same rounded place', async () => {
    // Both round to (113.692, 34.729), about 110 m apart: no set of stated places tells them apart.
    const requestId = 'nearby-trilateration-01'
    const from = [113.6905, 113.691, 113.6915, 113.692, 113.6925, 113.693, 113.6935].flatMap((lng) =>
      [34.727, 34.7277, 34.7284, 34.7291, 34.7298].map((lat) => ({ lng, lat })),
    )
    const answersFor = async (exact: { lng: number; lat: number }) => {
      const other = await createTestWorld()
      try {
        await other.ok(
          people.resident,
          'case.submit',
          reportAt(exact, { requestId, categoryId: 'road-dust', checkId: 'road-visible-dust' }),
        )
        const answers = []
        for (const location of from) {
          const { items } = await other.ok(people.resident2, 'case.nearby', {
            categoryId: 'road-dust',
            location,
          })
          answers.push(items.map((item) => ({ id: item.id, distance: item.distance, place: item.location })))
        }
        return answers
      } finally {
        await other.close()
      }
    }
    const first = await answersFor({ lng: 113.6916, lat: 34.7286 })
    const second = await answersFor({ lng: 113.6924, lat: 34.7294 })
    expect(first.filter((items) => items.length > 0).length).toBeGreaterThan(10)
    expect(second).toEqual(first)
  })

  it('never looks farther than the policy’s maximum, whatever the category’s radius', async () => {
    world.configure({
      policy: {
        ...world.runtime.settings.policy,
        nearby: { ...world.runtime.settings.policy.nearby, maxRadiusMeters: 100 },
      },
    })
    await report(world, { at: south220m, categoryId: 'road-dust', checkId: 'road-visible-dust' })
    const near = await report(world, { at: here, categoryId: 'road-dust', checkId: 'road-visible-dust' })
    const answer = await nearby(here)
    expect(answer.ok && answer.data.radiusMeters).toBe(100)
    expect(answer.ok && answer.data.items.map((item) => item.id)).toEqual([near.id])
  })

  it('lists at most the policy’s number of cases, the nearest', async () => {
    world.configure({
      policy: {
        ...world.runtime.settings.policy,
        nearby: { ...world.runtime.settings.policy.nearby, maxItems: 3 },
      },
    })
    for (let i = 0; i < 5; i += 1)
      await report(world, { at: here, categoryId: 'road-dust', checkId: 'road-visible-dust' })
    const answer = await nearby(here)
    expect(answer.ok && answer.data.items).toHaveLength(3)
  })

  it('finds nothing around a place outside the service area, though a case lies 110 m away', async () => {
    // Inside 映月路社区第1网格 near the street's north edge (34.73), and a point just north of that edge.
    await report(world, {
      at: { lng: 113.6905, lat: 34.7295 },
      categoryId: 'road-dust',
      checkId: 'road-visible-dust',
    })
    const answer = await nearby({ lng: 113.6905, lat: 34.7305 })
    expect(answer.ok && answer.data.items).toEqual([])
  })

  it('refuses a caller past the hourly number of searches, with a Chinese reason, until the next hour', async () => {
    world.configure({
      policy: {
        ...world.runtime.settings.policy,
        nearby: { ...world.runtime.settings.policy.nearby, limitPerHour: 3 },
      },
    })
    for (let i = 0; i < 3; i += 1) expect((await nearby(here)).ok).toBe(true)
    expect(refusal(await nearby(here))).toEqual({
      code: 'rate-limited',
      message: '查询附近问题过于频繁，请稍后再试',
    })
    expect((await nearby(here, people.volunteer)).ok).toBe(true)
    world.clock.advanceMinutes(60)
    expect((await nearby(here)).ok).toBe(true)
  })

  it('refuses a caller past the daily number of searches', async () => {
    world.configure({
      policy: {
        ...world.runtime.settings.policy,
        nearby: { ...world.runtime.settings.policy.nearby, limitPerHour: 2, limitPerDay: 3 },
      },
    })
    for (let i = 0; i < 2; i += 1) expect((await nearby(here)).ok).toBe(true)
    world.clock.advanceMinutes(60)
    expect((await nearby(here)).ok).toBe(true)
    expect(refusal(await nearby(here)).message).toBe('今天查询附近问题的次数已用完，请明天再试')
  })

  it('lets no more searches through than the limit when many arrive at once', async () => {
    world.configure({
      policy: {
        ...world.runtime.settings.policy,
        nearby: { ...world.runtime.settings.policy.nearby, limitPerHour: 5 },
      },
    })
    const answers = await Promise.all(Array.from({ length: 12 }, () => nearby(here)))
    expect(answers.filter((answer) => answer.ok)).toHaveLength(5)
  })
})

describe('joining a case instead of reporting it again (case.join)', () => {
  let world: TestWorld
  let caseId: string
  beforeEach(async () => {
    world = await createTestWorld()
    caseId = (await report(world)).id
  })
  afterEach(() => world.close())

  it('makes the caller a follower who finds the case among his own', async () => {
    const { case: joined } = await world.ok(people.resident2, 'case.join', { caseId })
    expect(joined).toMatchObject({ isFollowing: true, isMine: false, followerCount: 1 })
    const mine = await world.ok(people.resident2, 'case.mine', {})
    expect(mine.items.map((item) => item.id)).toEqual([caseId])
    expect(mine.items[0]).toMatchObject({ isFollowing: true })
  })

  it('records the join on the trail without moving the case', async () => {
    await world.ok(people.resident2, 'case.join', { caseId })
    const { case: after, events } = await world.ok(people.member, 'case.get', { caseId })
    expect(after.status).toBe('pending')
    expect(events.at(-1)).toMatchObject({ type: 'join', from: 'pending', to: 'pending' })
  })

  it('refuses to join the same case twice', async () => {
    await world.ok(people.resident2, 'case.join', { caseId })
    expect(refusal(await world.call(people.resident2, 'case.join', { caseId })).code).toBe(
      'illegal-transition',
    )
    expect((await world.ok(people.member, 'case.get', { caseId })).case.followerCount).toBe(1)
  })

  it('refuses the reporter joining his own case', async () => {
    expect(refusal(await world.call(people.resident, 'case.join', { caseId })).code).toBe(
      'illegal-transition',
    )
    expect((await world.ok(people.member, 'case.get', { caseId })).case.followerCount).toBe(0)
  })
})

describe('correcting the grid near a boundary (case.correctGrid)', () => {
  // 60 m west of 映月路社区第2网格 (its west edge is 113.6936 E); 第3网格 begins about 385 m east.
  const nearEdge = { lng: 113.693, lat: 34.7288 }
  const block2 = 'grid-410104010001002'
  const block3 = 'grid-410104010001003'
  let world: TestWorld
  let caseId: string
  beforeEach(async () => {
    world = await createTestWorld()
    caseId = (await report(world, { at: nearEdge })).id
  })
  afterEach(() => world.close())

  it('lets the reporter move a pending, unclaimed case to a grid within the allowed distance', async () => {
    const { case: moved } = await world.ok(people.resident, 'case.correctGrid', { caseId, gridId: block2 })
    expect(moved).toMatchObject({ status: 'pending', grid: { id: block2, name: '映月路社区第2网格' } })
    expect((await world.ok(people.member, 'board.list', {})).total).toBe(0)
    const { events } = await world.ok(people.resident, 'case.get', { caseId })
    expect(events.at(-1)).toMatchObject({ type: 'correct-grid', label: '更正所属网格' })
  })

  it('allows one correction per case: moving it on again, even back, is refused', async () => {
    const { case: first } = await world.ok(people.resident, 'case.get', { caseId })
    await world.ok(people.resident, 'case.correctGrid', { caseId, gridId: block2 })
    const error = refusal(
      await world.call(people.resident, 'case.correctGrid', { caseId, gridId: first.grid.id }),
    )
    expect(error).toMatchObject({ code: 'illegal-transition', message: '所属网格已更正过一次，不能再次更正' })
    expect((await world.ok(people.resident, 'case.get', { caseId })).case.grid.id).toBe(block2)
  })

  it('refuses a grid farther than the allowed distance', async () => {
    const error = refusal(await world.call(people.resident, 'case.correctGrid', { caseId, gridId: block3 }))
    expect(error).toMatchObject({ code: 'invalid-input', message: '只能更正到问题位置300米以内的网格' })
  })

  it('refuses once the case has been claimed', async () => {
    await world.ok(people.member, 'case.claim', { caseId })
    expect(
      refusal(await world.call(people.resident, 'case.correctGrid', { caseId, gridId: block2 })).code,
    ).toBe('illegal-transition')
  })

  it('refuses once the case has been escalated above its grid', async () => {
    await world.ok(people.member, 'case.escalate', { caseId, reason: 'out-of-remit', note: '' })
    expect(
      refusal(await world.call(people.resident, 'case.correctGrid', { caseId, gridId: block2 })).code,
    ).toBe('illegal-transition')
    expect((await world.ok(people.resident, 'case.get', { caseId })).case.grid.id).toBe(
      demoGridIds.yingyueRoad,
    )
  })

  it('refuses moving the case up to a grid that contains its grid', async () => {
    for (const gridId of [demoGridIds.yingyueRoad, demoGridIds.hanghaiEastRoad]) {
      expect(refusal(await world.call(people.resident, 'case.correctGrid', { caseId, gridId })).code).toBe(
        'invalid-input',
      )
    }
    expect((await world.ok(people.resident, 'case.get', { caseId })).case.grid.id).toBe(
      demoGridIds.yingyueRoadGrid1,
    )
  })

  it('refuses anyone but the reporter', async () => {
    expect(
      refusal(await world.call(people.resident2, 'case.correctGrid', { caseId, gridId: block2 })).code,
    ).toBe('forbidden')
  })
})
