import { collections } from '../../../cloudfunctions/shared/app'
import { demoPoints } from '../../../emulator/demo/grids'
import { createTestWorld, reportAt, type TestWorld } from '../../factories/runtime'

describe('claiming a case (case.claim)', () => {
  let world: TestWorld
  let caseId: string
  beforeEach(async () => {
    world = await createTestWorld()
    caseId = (await world.ok('demo-resident', 'case.submit', reportAt(demoPoints.yingyueRoadGrid1))).case.id
  })
  afterEach(() => world.close())

  it('gives the case to the grid member who taps first and records it', async () => {
    const { case: claimed } = await world.ok('demo-grid-member', 'case.claim', { caseId })
    expect(claimed).toMatchObject({ status: 'claimed', claimedBy: { nickname: '网格员小许' } })
    const { events } = await world.ok('demo-resident', 'case.get', { caseId })
    expect(events.map((event) => event.type)).toEqual(['submit', 'claim'])
  })

  it('tells each caller whether they are its claimer by account, even when two people share a nickname', async () => {
    await world.ok('demo-grid-member', 'case.claim', { caseId })
    // New WeChat users are all called 微信用户: a nickname says nothing about who someone is.
    await world.db.collection(collections.user).doc('demo-grid-leader-3').update({ nickname: '网格员小许' })
    const claimer = (await world.ok('demo-grid-member', 'case.get', { caseId })).case
    const namesake = (await world.ok('demo-grid-leader-3', 'case.get', { caseId })).case
    const reporter = (await world.ok('demo-resident', 'case.get', { caseId })).case
    expect(claimer.viewer).toEqual({ isReporter: false, isClaimer: true, isJointHandler: false })
    expect(namesake.claimedBy?.nickname).toBe('网格员小许')
    expect(namesake.viewer).toEqual({ isReporter: false, isClaimer: false, isJointHandler: false })
    expect(reporter.viewer).toEqual({ isReporter: true, isClaimer: false, isJointHandler: false })
  })

  it('tells a second claimer who has the case', async () => {
    await world.ok('demo-grid-member', 'case.claim', { caseId })
    const answer = await world.call('demo-grid-leader-3', 'case.claim', { caseId })
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'not-claimable', message: '该问题已被网格员小许认领' },
    })
  })

  it('has exactly one winner and one claim event among many simultaneous claimers', async () => {
    const claimers = [
      'demo-grid-member',
      'demo-grid-leader-3',
      'demo-grid-leader-2',
      'demo-grid-leader-1',
      'demo-sunk-staff',
    ]
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        world.call(claimers[i % claimers.length]!, 'case.claim', { caseId }),
      ),
    )
    expect(answers.filter((answer) => answer.ok)).toHaveLength(1)
    expect(answers.filter((answer) => !answer.ok && answer.error.code === 'not-claimable')).toHaveLength(49)
    const { events } = await world.ok('demo-resident', 'case.get', { caseId })
    expect(events.filter((event) => event.type === 'claim')).toHaveLength(1)
  })

  it('refuses staff of another grid', async () => {
    const other = (await world.ok('demo-resident', 'case.submit', reportAt(demoPoints.streetOnly))).case.id
    const answer = await world.call('demo-grid-member', 'case.claim', { caseId: other })
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })

  it('refuses a resident', async () => {
    expect(await world.call('demo-resident', 'case.claim', { caseId })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
  })

  it('says so when the case does not exist', async () => {
    expect(await world.call('demo-grid-member', 'case.claim', { caseId: 'case-missing' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    })
  })
})
