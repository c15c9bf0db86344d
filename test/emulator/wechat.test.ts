import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { configFromEnv } from '../../emulator/config'
import { startEmulator, type RunningEmulator } from '../../emulator/main'
import { shippedSettings } from '../../src/domain/settings'
import { templateIdsOf } from '../../src/domain/notify/subscription'

const root = path.resolve(__dirname, '../..')
const progress = templateIdsOf(shippedSettings.subscriptions)[0]!

/** The emulator plays WeChat for the sender: it records the sends, shows them to staff, answers as scripted. */
describe('the emulator as WeChat (/dev/wechat/*)', () => {
  let emulator: RunningEmulator
  let dataDir: string
  const request = (method: string, pathname: string, user?: string, body?: unknown) =>
    fetch(emulator.url + pathname, {
      method,
      headers: { 'content-type': 'application/json', ...(user ? { 'x-dev-user': user } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
  const calls = async () =>
    (
      (await (await request('GET', '/dev/wechat/calls', 'demo-supervisor')).json()) as {
        items: Array<{ api: string; payload: { touser: string }; answer: { errCode?: number } }>
      }
    ).items.filter((call) => call.api === 'subscribeMessage.send')

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bluegrid-wechat-'))
    emulator = await startEmulator({ ...configFromEnv({}, root), port: 0, dataDir, timers: false }, () => {})
  }, 60_000)
  afterAll(async () => {
    await emulator?.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('shows the sends to staff dev sessions only', async () => {
    expect((await request('GET', '/dev/wechat/calls', 'demo-resident')).status).toBe(403)
    expect((await request('GET', '/dev/wechat/calls')).status).toBe(401)
    expect((await request('GET', '/dev/wechat/calls', 'demo-supervisor')).status).toBe(200)
  })

  it('delivers the seeded outbox for a user who accepted, answering as told', async () => {
    const accepted = await request('POST', '/fn/api', 'demo-resident', {
      action: 'notification.subscribe',
      payload: { accepted: [progress] },
    })
    expect(await accepted.json()).toMatchObject({ ok: true, data: { remaining: { [progress]: 1 } } })
    const scripted = await request('POST', '/dev/wechat/answer', 'demo-supervisor', { errCode: -1 })
    expect(await scripted.json()).toEqual({ scripted: 1 })
    await emulator.host.fireTimer('jobs', 'relay-every-minute', new Date())
    const [first, ...rest] = await calls()
    expect(rest).toEqual([])
    expect(first).toMatchObject({ payload: { touser: 'demo-resident' }, answer: { errCode: -1 } })
  })

  it('refuses a script that names no answer', async () => {
    const answer = await request('POST', '/dev/wechat/answer', 'demo-supervisor', { times: 2 })
    expect(answer.status).toBe(400)
  })
})
