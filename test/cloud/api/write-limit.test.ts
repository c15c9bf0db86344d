import { actionNames, isReadAction, readActions } from '../../../src/domain/contract'
import { shippedSettings } from '../../../src/domain/settings'
import { createTestWorld, type TestWorld } from '../../factories/runtime'
import { people, refusal, report } from '../cases/lifecycle/walk'
import { fuzzIds, validPayloads } from '../../factories/payloads'
import { collections } from '../../../cloudfunctions/shared/app'
import { canonicalJson } from '../../../cloudfunctions/shared/cases/trail'

/*
 * policy.writeLimit: every write action takes a place in the caller's sliding window (30 a minute as
 * shipped), reads take none. The window is taken in the router's read of the caller, so it costs no request.
 */

const limit = { perWindow: 5, windowSeconds: 60 }

describe('the per-caller write limit (policy.writeLimit)', () => {
  let world: TestWorld
  beforeEach(async () => {
    world = await createTestWorld({ settings: { policy: { ...shippedSettings.policy, writeLimit: limit } } })
  })
  afterEach(() => world.close())

  it('ships at 30 writes a minute', () => {
    expect(shippedSettings.policy.writeLimit).toEqual({ perWindow: 30, windowSeconds: 60 })
  })

  // Cases are reported by the demo resident; the limited caller is someone else, who only writes as told.
  it('refuses the write past the limit in Chinese, with the rate-limit code, and changes nothing', async () => {
    const caseId = (await report(world)).id
    for (let i = 0; i < limit.perWindow; i += 1) await world.call(people.resident2, 'case.join', { caseId })
    const before = (await world.ok(people.member, 'case.get', { caseId })).case
    const error = refusal(await world.call(people.resident2, 'case.dispute', { caseId, reason: '还在烧' }))
    expect(error).toEqual({ code: 'rate-limited', message: '操作过于频繁：每60秒最多5次操作，请稍后再试' })
    expect((await world.ok(people.member, 'case.get', { caseId })).case).toEqual(before)
  })

  it('counts every kind of write, refused or not, and never another person’s', async () => {
    const caseId = (await report(world)).id
    await world.call(people.resident2, 'case.claim', { caseId }) // refused by the domain, still a write
    await world.call(people.resident2, 'notification.subscribe', { accepted: ['placeholder-case-progress'] })
    await world.call(people.resident2, 'case.join', { caseId })
    await world.call(people.resident2, 'case.join', { caseId })
    await world.call(people.resident2, 'case.join', { caseId })
    expect(refusal(await world.call(people.resident2, 'case.join', { caseId })).code).toBe('rate-limited')
    await world.ok(people.volunteer, 'case.join', { caseId })
  })

  it('lets reads through however many, and a write again once the oldest write has left the window', async () => {
    const caseId = (await report(world)).id
    await world.ok(people.resident2, 'case.join', { caseId })
    world.clock.advanceMinutes(0.5)
    for (let i = 1; i < limit.perWindow; i += 1) await world.call(people.resident2, 'case.join', { caseId })
    expect(refusal(await world.call(people.resident2, 'case.join', { caseId })).code).toBe('rate-limited')
    for (let i = 0; i < 10; i += 1) await world.ok(people.resident2, 'case.get', { caseId })
    await world.ok(people.resident2, 'case.mine', {})
    world.clock.advanceMinutes(0.6)
    // The first join has left the window: one place is free, then the window is full again.
    expect(refusal(await world.call(people.resident2, 'case.join', { caseId })).code).toBe(
      'illegal-transition',
    )
    expect(refusal(await world.call(people.resident2, 'case.join', { caseId })).code).toBe('rate-limited')
  })

  it('takes the first write of a person never seen before, registering them', async () => {
    const answer = await world.call('dev-first-timer', 'notification.subscribe', {
      accepted: ['placeholder-case-progress'],
    })
    expect(answer.ok).toBe(true)
    const user = await world.runtime.db.collection('user').doc('dev-first-timer').get()
    expect((user.data as unknown as { writeWindow: string[] }[])[0]?.writeWindow).toHaveLength(1)
  })

  it('holds under simultaneous writes: exactly the limit get through', async () => {
    const caseId = (await report(world)).id
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => world.call(people.resident2, 'case.join', { caseId })),
    )
    expect(answers.filter((a) => !a.ok && a.error.code === 'rate-limited')).toHaveLength(10 - limit.perWindow)
  })
})

describe('readActions', () => {
  let world: TestWorld
  afterEach(() => world?.close())

  it('names only actions of the contract, and leaves writes out', () => {
    for (const name of readActions) expect(actionNames).toContain(name)
    for (const write of [
      'case.submit',
      'case.claim',
      'case.join',
      'photo.register',
      'patrol.checkIn',
    ] as const)
      expect(isReadAction(write)).toBe(false)
  })

  it('change nothing in the database (a person’s own counters aside)', async () => {
    world = await createTestWorld()
    const ids = await fuzzIds(world)
    const everything = async () => {
      const rows: string[] = []
      for (const name of Object.values(collections).sort()) {
        const { data } = await world.db.collection(name).limit(1000).get()
        for (const row of data as Record<string, unknown>[]) {
          const kept = Object.entries(row).filter(([field]) => !/quota|window/i.test(field))
          rows.push(`${name} ${canonicalJson(Object.fromEntries(kept))}`)
        }
      }
      return rows.sort()
    }
    const before = await everything()
    for (const action of readActions) {
      for (const openid of [people.airOffice, people.member, people.resident])
        await world.call(openid, action, validPayloads[action](ids))
    }
    expect(await everything()).toEqual(before)
  })
})
