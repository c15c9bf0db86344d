import { findCategory } from '../../../../src/domain/case/categories'
import { shippedSettings } from '../../../../src/domain/settings'
import { demoGridIds, demoPoints } from '../../../../emulator/demo/grids'
import { createTestWorld, type TestWorld } from '../../../factories/runtime'
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

  it('finds an open case of the same category within the radius, with its distance', async () => {
    const near = await report(world, { at: north100m })
    const { items } = await world.ok(people.resident2, 'case.nearby', {
      categoryId: 'open-burning',
      location: here,
    })
    expect(items.map((item) => item.id)).toEqual([near.id])
    expect(items[0]!.distanceMeters).toBeGreaterThan(90)
    expect(items[0]!.distanceMeters).toBeLessThan(110)
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
    const dust = await report(world, {
      at: { lng: here.lng, lat: here.lat - 0.0015 },
      categoryId: 'road-dust',
      checkId: 'road-visible-dust',
    })
    const { items } = await world.ok(people.resident2, 'case.nearby', {
      categoryId: 'road-dust',
      location: here,
    })
    expect(items.map((item) => item.id)).toEqual([dust.id]) // ~167 m: inside road dust's 200 m
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
    await world.ok(people.member, 'case.merge', { caseId: merged.id, intoCaseId: open.id })
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
    expect(items[0]).toMatchObject({ reporter: null, address: '', location: { lng: 113.693, lat: 34.729 } })
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
