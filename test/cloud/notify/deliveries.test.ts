import { collections } from '../../../cloudfunctions/shared/app'
import { runRelay } from '../../../cloudfunctions/shared/cases/relay'
import { noTimeLimit } from '../../../cloudfunctions/shared/jobs/job'
import type { OutboxEntry } from '../../../cloudfunctions/shared/notify/outbox'
import { runSender } from '../../../cloudfunctions/shared/notify/sender'
import { demoGridIds, demoPoints } from '../../../emulator/demo/grids'
import { templateFor } from '../../../src/domain/notify/subscription'
import { shippedSettings } from '../../../src/domain/settings'
import { documentsWhere } from '../../factories/inspect'
import { createTestWorld, reportAt, type TestWorld } from '../../factories/runtime'
import { people } from '../cases/lifecycle/walk'

const progress = templateFor(shippedSettings.subscriptions, 'case-routed')!.templateId
const office = people.airOffice
const otherOffice = 'dev-gaoxin-office'

/** The resident's "your report was routed", sent once and refused by WeChat with a lasting error. */
async function failedMessage(world: TestWorld): Promise<OutboxEntry> {
  world.configure({
    subscriptions: {
      ...world.runtime.settings.subscriptions,
      retry: { ...world.runtime.settings.subscriptions.retry, maxAttempts: 1 },
    },
  })
  await world.ok(people.resident, 'notification.subscribe', { accepted: [progress] })
  await world.ok(people.resident, 'case.submit', reportAt(demoPoints.yingyueRoadGrid1))
  await runRelay(world.runtime)
  world.wechat.answerNext({ errCode: 45009 }, 1, 'subscribeMessage.send')
  await runSender(world.runtime, noTimeLimit)
  const [entry] = await documentsWhere<OutboxEntry>(world.db, collections.outbox, {
    'audience.openid': people.resident,
  })
  expect(entry?.delivery).toMatchObject({ state: 'failed', errCode: 45009 })
  return entry!
}

describe("the district office's view of messages that did not go out", () => {
  let world: TestWorld
  beforeEach(async () => {
    world = await createTestWorld()
    await world.db.collection(collections.user).add({
      _id: otherOffice,
      openid: otherOffice,
      nickname: '高新区大气办',
      role: 'district_office',
      gridIds: [demoGridIds.gaoxin],
      districtUnit: 'air_office',
      points: 0,
    })
  })
  afterEach(() => world.close())

  it('lists a failed message of the district with its error, never whom it was for', async () => {
    const entry = await failedMessage(world)
    const { items } = await world.ok(office, 'notification.deliveries', { state: 'failed' })
    expect(items).toEqual([
      expect.objectContaining({
        id: entry._id,
        caseNo: entry.caseNo,
        state: 'failed',
        stateLabel: '发送失败',
        attempts: 1,
        errCode: 45009,
        canResend: true,
        stuck: false,
      }),
    ])
    expect(JSON.stringify(items)).not.toContain(people.resident)
    // Another district's office sees none of it.
    expect((await world.ok(otherOffice, 'notification.deliveries', { state: 'failed' })).items).toEqual([])
  })

  it('queues a failed message again, and the sender then delivers it, once', async () => {
    const entry = await failedMessage(world)
    const { delivery } = await world.ok(office, 'notification.resend', { id: entry._id })
    expect(delivery).toMatchObject({ id: entry._id, canResend: false })
    // A second tap finds it no longer failed.
    expect(await world.call(office, 'notification.resend', { id: entry._id })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    })
    await runSender(world.runtime, noTimeLimit)
    const delivered = world.wechat.delivered().filter((call) => call.payload.touser === people.resident)
    expect(delivered).toHaveLength(1)
    expect((await world.ok(office, 'notification.deliveries', { state: 'failed' })).items).toEqual([])
  })

  it("refuses another district's office and anyone but an office", async () => {
    const entry = await failedMessage(world)
    expect(await world.call(otherOffice, 'notification.resend', { id: entry._id })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    })
    for (const openid of [people.member, people.streetLeader, people.supervisor, people.resident])
      expect(await world.call(openid, 'notification.deliveries', {})).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      })
  })

  it('marks a message held by a stopped send as interrupted, and never sends it again', async () => {
    const entry = await failedMessage(world)
    const claimedAt = world.clock.now.toISOString()
    await world.db
      .collection(collections.outbox)
      .doc(entry._id)
      .update({ 'delivery.state': 'sending', 'delivery.claimedAt': claimedAt, 'delivery.claimToken': 'gone' })
    const fresh = (await world.ok(office, 'notification.deliveries', { state: 'sending' })).items
    expect(fresh).toEqual([expect.objectContaining({ id: entry._id, stuck: false, stateLabel: '发送中' })])
    world.clock.advanceMinutes(16)
    const later = (await world.ok(office, 'notification.deliveries', { state: 'sending' })).items
    expect(later).toEqual([
      expect.objectContaining({ id: entry._id, stuck: true, stateLabel: '发送中断', canResend: false }),
    ])
    expect(await world.call(office, 'notification.resend', { id: entry._id })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    })
  })
})
