import { shippedSettings } from '../../../../src/domain/settings'

import { demoPoints } from '../../../../emulator/demo/grids'
import { createTestWorld, reportAt, type TestWorld } from '../../../factories/runtime'
import { people, refusal } from './walk'

const defaultPolicy = shippedSettings.policy

const perHour = defaultPolicy.submitLimitPerHour

describe('the submission rate limit', () => {
  let world: TestWorld
  beforeEach(async () => {
    world = await createTestWorld()
  })
  afterEach(() => world.close())

  const submit = (openid: string = people.resident, payload = reportAt(demoPoints.yingyueRoadGrid1)) =>
    world.call(openid, 'case.submit', payload)

  it('accepts as many submissions in an hour as the policy allows', async () => {
    expect(perHour).toBe(20)
    for (let i = 0; i < perHour; i += 1) expect((await submit()).ok).toBe(true)
    expect((await world.ok(people.resident, 'case.mine', {})).total).toBe(perHour)
  })

  it('refuses one more in the same hour with a Chinese reason, and stores nothing', async () => {
    for (let i = 0; i < perHour; i += 1)
      await world.ok(people.resident, 'case.submit', reportAt(demoPoints.yingyueRoadGrid1))
    const error = refusal(await submit())
    expect(error).toEqual({ code: 'rate-limited', message: `每小时最多提交${perHour}条举报，请稍后再试` })
    expect((await world.ok(people.resident, 'case.mine', {})).total).toBe(perHour)
  })

  it('lets no more than the limit through when many submissions arrive at once', async () => {
    const answers = await Promise.all(Array.from({ length: perHour + 10 }, () => submit()))
    expect(answers.filter((answer) => answer.ok)).toHaveLength(perHour)
    expect(new Set(answers.filter((answer) => !answer.ok).map((answer) => refusal(answer).code))).toEqual(
      new Set(['rate-limited']),
    )
  })

  it('counts each caller separately', async () => {
    for (let i = 0; i < perHour; i += 1)
      await world.ok(people.resident, 'case.submit', reportAt(demoPoints.yingyueRoadGrid1))
    expect((await submit(people.resident2)).ok).toBe(true)
  })

  it('accepts submissions again in the next hour', async () => {
    for (let i = 0; i < perHour; i += 1)
      await world.ok(people.resident, 'case.submit', reportAt(demoPoints.yingyueRoadGrid1))
    expect(refusal(await submit()).code).toBe('rate-limited')
    world.clock.advanceMinutes(60)
    expect((await submit()).ok).toBe(true)
  })

  it('does not count a retry of an accepted request', async () => {
    const first = reportAt(demoPoints.yingyueRoadGrid1)
    await world.ok(people.resident, 'case.submit', first)
    for (let i = 0; i < 5; i += 1)
      expect(await world.ok(people.resident, 'case.submit', first)).toMatchObject({ replayed: true })
    for (let i = 1; i < perHour; i += 1) expect((await submit()).ok).toBe(true)
    expect(refusal(await submit()).code).toBe('rate-limited')
  })

  it('does not count retries of an accepted request that race the first attempt', async () => {
    const first = reportAt(demoPoints.yingyueRoadGrid1)
    const answers = await Promise.all(Array.from({ length: 6 }, () => submit(people.resident, first)))
    expect(answers.every((answer) => answer.ok)).toBe(true)
    for (let i = 1; i < perHour; i += 1) expect((await submit()).ok).toBe(true)
    expect(refusal(await submit()).code).toBe('rate-limited')
  })

  it('still answers a retry of an accepted request once the limit is reached', async () => {
    const first = reportAt(demoPoints.yingyueRoadGrid1)
    const accepted = await world.ok(people.resident, 'case.submit', first)
    for (let i = 1; i < perHour; i += 1)
      await world.ok(people.resident, 'case.submit', reportAt(demoPoints.yingyueRoadGrid1))
    expect(refusal(await submit()).code).toBe('rate-limited')
    expect(await world.ok(people.resident, 'case.submit', first)).toMatchObject({
      replayed: true,
      case: { id: accepted.case.id },
    })
  })

  it('refuses a retry of a refused request while the limit still holds', async () => {
    for (let i = 0; i < perHour; i += 1)
      await world.ok(people.resident, 'case.submit', reportAt(demoPoints.yingyueRoadGrid1))
    const refused = reportAt(demoPoints.yingyueRoadGrid1)
    expect(refusal(await submit(people.resident, refused)).code).toBe('rate-limited')
    expect(refusal(await submit(people.resident, refused)).code).toBe('rate-limited')
  })

  it('does not count a submission refused for bad input', async () => {
    for (let i = 0; i < 3; i += 1)
      expect(refusal(await submit(people.resident, reportAt(demoPoints.outside))).code).toBe(
        'outside-service-area',
      )
    for (let i = 0; i < perHour; i += 1) expect((await submit()).ok).toBe(true)
  })
})
