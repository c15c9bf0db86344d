import { collections } from '../../../cloudfunctions/shared/app'
import { runRelay } from '../../../cloudfunctions/shared/cases/relay'
import { noTimeLimit } from '../../../cloudfunctions/shared/jobs/job'
import { newDelivery, type OutboxEntry } from '../../../cloudfunctions/shared/notify/outbox'
import { runSender } from '../../../cloudfunctions/shared/notify/sender'
import { countRequests } from '../../../emulator/database'
import { demoPoints } from '../../../emulator/demo/grids'
import { templateFor } from '../../../src/domain/notify/subscription'
import { shippedSettings } from '../../../src/domain/settings'
import { stopAfterRequests } from '../../factories/faults'
import { documentsWhere } from '../../factories/inspect'
import { createTestWorld, reportAt, type TestWorld } from '../../factories/runtime'
import { people } from '../cases/lifecycle/walk'

const progress = templateFor(shippedSettings.subscriptions, 'case-routed')!.templateId

/** The resident's messages about their cases, oldest first. */
async function residentEntries(world: TestWorld): Promise<OutboxEntry[]> {
  const entries = await documentsWhere<OutboxEntry>(world.db, collections.outbox, {
    'audience.openid': people.resident,
  })
  return entries.sort((a, b) => (a._id < b._id ? -1 : 1))
}

async function remaining(world: TestWorld, openid: string, templateId = progress): Promise<number> {
  const [quota] = await documentsWhere<{ remaining: number }>(world.db, collections.subscriptionQuota, {
    _id: `${openid}:${templateId}`,
  })
  return quota?.remaining ?? 0
}

const accept = (world: TestWorld, openid: string, taps: number) =>
  Promise.all(
    Array.from({ length: taps }, () => world.ok(openid, 'notification.subscribe', { accepted: [progress] })),
  ).then(async () => remaining(world, openid))

/** The resident reports; the relay queues "your report was routed" for them. */
async function reportOne(world: TestWorld): Promise<OutboxEntry> {
  await world.ok(people.resident, 'case.submit', reportAt(demoPoints.yingyueRoadGrid1))
  await runRelay(world.runtime)
  const entries = await residentEntries(world)
  expect(entries).toHaveLength(1)
  return entries[0]!
}

const send = (world: TestWorld) => runSender(world.runtime, noTimeLimit)

/** A queued "your report was routed" for each of `openids`, each of whom accepted `sends` messages. */
async function queueFor(world: TestWorld, openids: string[], sends = 1): Promise<void> {
  const createdAt = world.runtime.now().toISOString()
  for (const [index, openid] of openids.entries()) {
    const entry: OutboxEntry = {
      _id: `test-entry-${index}`,
      kind: 'case-routed',
      audience: { openid },
      caseId: `case-${index}`,
      caseNo: `BG-${String(index).padStart(4, '0')}`,
      title: '您的举报已分派到网格',
      body: '',
      message: { page: `pages/case/index?id=case-${index}` },
      createdAt,
      sentAt: null,
      delivery: newDelivery({ openid }, createdAt),
    }
    await world.db.collection(collections.outbox).add(entry)
    const quota = `${openid}:${progress}`
    const existing = await documentsWhere(world.db, collections.subscriptionQuota, { _id: quota })
    if (existing.length === 0)
      await world.db
        .collection(collections.subscriptionQuota)
        .add({ _id: quota, openid, templateId: progress, remaining: sends, updatedAt: createdAt })
  }
}

const statesOf = async (world: TestWorld) =>
  (await documentsWhere<OutboxEntry>(world.db, collections.outbox, {}))
    .sort((a, b) => (a._id < b._id ? -1 : 1))
    .map((entry) => entry.delivery.state)

describe('the subscription-message sender', () => {
  let world: TestWorld
  beforeEach(async () => {
    world = await createTestWorld()
  })
  afterEach(() => world.close())

  it('sends an entry once, every keyword formatted, and marks it sent', async () => {
    await accept(world, people.resident, 2)
    const entry = await reportOne(world)
    expect(entry.delivery).toMatchObject({ state: 'pending', attempts: 0 })
    const report = await send(world)
    expect(report).toMatchObject({ sent: 1, failed: 0 })
    const [call] = world.wechat.delivered()
    expect(world.wechat.sends()).toHaveLength(1)
    expect(call!.payload).toMatchObject({
      touser: people.resident,
      templateId: progress,
      page: `pages/case-detail/index?id=${entry.caseId}`,
    })
    const data = (call!.payload as { data: Record<string, { value: string }> }).data
    expect(data.character_string1!.value).toBe(entry.caseNo)
    expect(data.time4!.value).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/)
    const [after] = await residentEntries(world)
    expect(after!.delivery).toMatchObject({ state: 'sent', attempts: 1 })
    expect(after!.sentAt).toBe(world.clock.now.toISOString())

    world.clock.advanceMinutes(60)
    expect(await send(world)).toMatchObject({ acted: 0 })
    expect(world.wechat.sends()).toHaveLength(1)
    expect(await remaining(world, people.resident)).toBe(1)
  })

  it('sends only while the user has accepted sends left, per user', async () => {
    await accept(world, people.resident, 1)
    await reportOne(world)
    await world.ok(people.resident, 'case.submit', reportAt(demoPoints.yingyueRoadGrid1))
    // Someone who never accepted anything.
    await world.ok(people.resident2, 'case.submit', reportAt(demoPoints.yingyueRoadGrid1))
    await runRelay(world.runtime)
    const report = await send(world)
    expect(report).toMatchObject({ sent: 1, noSendsLeft: 2, failed: 0 })
    expect(world.wechat.sends().map((call) => call.payload.touser)).toEqual([people.resident])
    expect((await residentEntries(world)).map((entry) => entry.delivery.state).sort()).toEqual([
      'no-sends-left',
      'sent',
    ])
    expect(await remaining(world, people.resident)).toBe(0)
    // A later tap allows the next message, not the ones already passed by.
    await accept(world, people.resident, 1)
    expect(await send(world)).toMatchObject({ acted: 0 })
  })

  it('retries a transient failure with a doubling delay, then sends, taking one send in all', async () => {
    await accept(world, people.resident, 3)
    await reportOne(world)
    world.wechat.answerNext({ errCode: -1, errMsg: 'system error' })
    world.wechat.answerNext({ throws: 'ETIMEDOUT' })
    const start = world.clock.now.getTime()
    expect(await send(world)).toMatchObject({ retried: 1, sent: 0 })
    let [entry] = await residentEntries(world)
    expect(entry!.delivery).toMatchObject({ state: 'pending', attempts: 1, errCode: -1 })
    expect(Date.parse(entry!.delivery.nextAttemptAt) - start).toBe(60_000)
    expect(await remaining(world, people.resident)).toBe(3)

    // Not before it is due.
    expect(await send(world)).toMatchObject({ acted: 0 })
    world.clock.advanceMinutes(1)
    expect(await send(world)).toMatchObject({ retried: 1 })
    ;[entry] = await residentEntries(world)
    expect(entry!.delivery).toMatchObject({ state: 'pending', attempts: 2, errMsg: 'ETIMEDOUT' })
    expect(Date.parse(entry!.delivery.nextAttemptAt) - world.clock.now.getTime()).toBe(120_000)

    world.clock.advanceMinutes(2)
    expect(await send(world)).toMatchObject({ sent: 1 })
    ;[entry] = await residentEntries(world)
    expect(entry!.delivery).toMatchObject({ state: 'sent', attempts: 3 })
    expect(world.wechat.delivered()).toHaveLength(1)
    expect(await remaining(world, people.resident)).toBe(2)
  })

  it('gives up after the configured attempts and records the last code', async () => {
    world.configure({
      subscriptions: {
        ...world.runtime.settings.subscriptions,
        retry: { maxAttempts: 2, firstDelayMinutes: 1, stuckAfterMinutes: 15 },
      },
    })
    await accept(world, people.resident, 1)
    await reportOne(world)
    world.wechat.answerNext({ errCode: 45009 }, 2)
    await send(world)
    world.clock.advanceMinutes(1)
    expect(await send(world)).toMatchObject({ failed: 1 })
    const [entry] = await residentEntries(world)
    expect(entry!.delivery).toMatchObject({ state: 'failed', attempts: 2, errCode: 45009 })
    expect(await remaining(world, people.resident)).toBe(1)
  })

  it('records 43101 as no sends left, not as a fault, and does not retry it', async () => {
    await accept(world, people.resident, 2)
    await reportOne(world)
    world.wechat.answerNext({ errCode: 43101, errMsg: 'user refuse to accept the msg' })
    expect(await send(world)).toMatchObject({ noSendsLeft: 1, failed: 0, retried: 0 })
    const [entry] = await residentEntries(world)
    expect(entry!.delivery).toMatchObject({ state: 'no-sends-left', errCode: 43101 })
    // WeChat knows better than our count: nothing is left.
    expect(await remaining(world, people.resident)).toBe(0)
    world.clock.advanceMinutes(60)
    await send(world)
    expect(world.wechat.sends()).toHaveLength(1)
  })

  it('records another refusal as failed with its code, and gives the send back', async () => {
    await accept(world, people.resident, 1)
    await reportOne(world)
    world.wechat.answerNext({ errCode: 47003, errMsg: 'argument invalid! data.thing2.value' })
    expect(await send(world)).toMatchObject({ failed: 1 })
    const [entry] = await residentEntries(world)
    expect(entry!.delivery).toMatchObject({ state: 'failed', attempts: 1, errCode: 47003 })
    expect(await remaining(world, people.resident)).toBe(1)
  })

  it('never sends one entry twice from overlapping runs', async () => {
    await accept(world, people.resident, 5)
    for (let report = 0; report < 3; report += 1)
      await world.ok(people.resident, 'case.submit', reportAt(demoPoints.yingyueRoadGrid1))
    await runRelay(world.runtime)
    const reports = await Promise.all([send(world), send(world), send(world)])
    expect(reports.reduce((sum, report) => sum + report.sent, 0)).toBe(3)
    const pages = world.wechat.sends().map((call) => call.payload.page)
    expect(new Set(pages).size).toBe(3)
    expect(pages).toHaveLength(3)
    expect(await remaining(world, people.resident)).toBe(2)
  })

  it("sends many people's messages in a handful of database requests, not a few per message", async () => {
    const openids = Array.from({ length: 40 }, (_, index) => `dev-user${index}`)
    await queueFor(world, openids)
    const { value: report, counts } = await countRequests(() => send(world))
    expect(report).toMatchObject({ acted: 40, sent: 40 })
    // The queue read, the claim, the counts read and their take, the settle; the queue read that finds
    // nothing left.
    expect(counts.requests).toBe(6)
    expect(new Set(world.wechat.delivered().map((call) => call.payload.touser))).toEqual(new Set(openids))
    for (const openid of openids) expect(await remaining(world, openid)).toBe(0)
  })

  it("sends each of one person's messages in turn while their accepted sends last", async () => {
    await queueFor(world, [people.resident, people.resident, people.resident, people.resident2], 2)
    expect(await send(world)).toMatchObject({ sent: 3, noSendsLeft: 1 })
    expect(await statesOf(world)).toEqual(['sent', 'sent', 'no-sends-left', 'sent'])
    expect(await remaining(world, people.resident)).toBe(0)
    expect(await remaining(world, people.resident2)).toBe(1)
  })

  it('hands back what it had no time to try, with the sends it took, for the next run', async () => {
    await queueFor(world, ['dev-a', 'dev-b', 'dev-c', 'dev-d'])
    // Out of time from the start: a batch's first send is still tried, so that every run gets somewhere.
    const report = await runSender(world.runtime, { timeUp: () => true })
    expect(report).toMatchObject({ sent: 1 })
    expect(await statesOf(world)).toEqual(['sent', 'pending', 'pending', 'pending'])
    for (const openid of ['dev-b', 'dev-c', 'dev-d']) expect(await remaining(world, openid)).toBe(1)
    const entries = await documentsWhere<OutboxEntry>(world.db, collections.outbox, {})
    expect(entries.every((entry) => entry.delivery.attempts <= 1)).toBe(true)
    expect(await send(world)).toMatchObject({ sent: 3 })
    expect(world.wechat.delivered()).toHaveLength(4)
  })

  it('leaves an entry whose run was killed after the call in "sending", never to be sent again', async () => {
    await accept(world, people.resident, 2)
    await reportOne(world)
    // The queue read, the claim, the counts read and the take; the call; then the settle is refused.
    const stop = stopAfterRequests(world.engine, 4)
    await expect(send(world)).rejects.toThrow('the function was stopped')
    stop.revive()
    expect(world.wechat.delivered()).toHaveLength(1)
    world.clock.advanceMinutes(60)
    expect(await send(world)).toMatchObject({ acted: 0 })
    expect(world.wechat.sends()).toHaveLength(1)
    const [entry] = await residentEntries(world)
    expect(entry!.delivery.state).toBe('sending')
  })
})

describe('recording accepted subscriptions (notification.subscribe)', () => {
  let world: TestWorld
  beforeEach(async () => {
    world = await createTestWorld()
  })
  afterEach(() => world.close())

  it('counts one send per accepted tap, for the caller only', async () => {
    expect(await world.ok(people.resident, 'notification.subscribe', { accepted: [progress] })).toEqual({
      remaining: { [progress]: 1 },
    })
    expect(await world.ok(people.resident, 'notification.subscribe', { accepted: [progress] })).toEqual({
      remaining: { [progress]: 2 },
    })
    expect(await remaining(world, people.resident2)).toBe(0)
    expect(await world.ok(people.resident, 'notification.subscribe', { accepted: [] })).toEqual({
      remaining: {},
    })
  })

  it('refuses a template the deployment does not send', async () => {
    const answer = await world.call(people.resident, 'notification.subscribe', { accepted: ['made-up'] })
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(await documentsWhere(world.db, collections.subscriptionQuota, {})).toEqual([])
  })
})
