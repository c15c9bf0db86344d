import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { configFromEnv } from '../../emulator/config'
import { startEmulator, type RunningEmulator } from '../../emulator/main'
import { demoPhotoPng } from '../../emulator/demo/photo'
import { demoGridIds, demoPoints } from '../../emulator/demo/grids'

const root = path.resolve(__dirname, '..', '..')

describe('the emulator over HTTP', () => {
  let emulator: RunningEmulator
  let dataDir: string

  const post = (pathname: string, body: unknown, user?: string, raw?: { type: string; bytes: Buffer }) =>
    fetch(emulator.url + pathname, {
      method: 'POST',
      headers: { 'content-type': raw?.type ?? 'application/json', ...(user ? { 'x-dev-user': user } : {}) },
      body: raw ? raw.bytes : typeof body === 'string' ? body : JSON.stringify(body),
    })
  const api = async (user: string | undefined, action: string, payload: unknown) =>
    (await post('/fn/api', { action, payload }, user)).json()

  beforeAll(async () => {
    // The host runs the deployable bundles, which jest's global setup builds as `npm start` does.
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bluegrid-emulator-'))
    const config = { ...configFromEnv({}, root), port: 0, dataDir, timers: false }
    emulator = await startEmulator(config, () => {})
  }, 60_000)

  afterAll(async () => {
    await emulator?.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('seeds the demo grid tree, accounts and cases', () => {
    expect(emulator.seed).toMatchObject({ grids: 70, users: 11, cases: 4 })
  })

  it('lists the demo accounts for the dev login', async () => {
    const accounts = (await (await fetch(`${emulator.url}/dev/accounts`)).json()) as { openid: string }[]
    expect(accounts.map((account) => account.openid)).toContain('demo-grid-member')
  })

  it('logs in with a cookie and forgets it on logout', async () => {
    const login = await post('/dev/login', { openid: 'demo-resident' })
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!
    const session = await (await fetch(`${emulator.url}/dev/session`, { headers: { cookie } })).json()
    expect(session).toMatchObject({ account: { openid: 'demo-resident', roleLabel: '市民' } })
    const logout = await post('/dev/logout', {})
    expect(logout.headers.get('set-cookie')).toMatch(/Max-Age=0/)
  })

  it('refuses to log in as someone who is not a demo account', async () => {
    const answer = await post('/dev/login', { openid: 'real-wechat-user' })
    expect(answer.status).toBe(400)
    expect(await answer.json()).toMatchObject({ ok: false, error: { code: 'unknown-account' } })
  })

  it('lets a new dev- openid sign in as a first-time WeChat user and join by an office’s invite', async () => {
    const login = await post('/dev/login', { openid: 'dev-zhang1' })
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!
    const session = await (await fetch(`${emulator.url}/dev/session`, { headers: { cookie } })).json()
    expect(session).toMatchObject({ account: { openid: 'dev-zhang1', roleLabel: '市民' } })
    expect((await post('/dev/login', { openid: 'dev-no spaces' })).status).toBe(400)

    const invited = await api('demo-air-office', 'invite.create', {
      role: 'grid_member',
      gridId: demoGridIds.yingyueRoadGrid2,
    })
    expect(await api('dev-zhang1', 'me.get', {})).toMatchObject({ ok: true, data: { role: 'resident' } })
    const joined = await api('dev-zhang1', 'invite.redeem', { code: invited.data.code })
    expect(joined).toMatchObject({ ok: true, data: { me: { role: 'grid_member' } } })
  })

  it('says the bootstrap code is dead once the demo offices exist', () => {
    expect(emulator.bootstrap).toMatchObject({ open: false, code: expect.stringMatching(/^[A-Z2-9]{10}$/) })
  })

  it('runs a report from upload to the grid member’s board', async () => {
    const upload = await post('/storage/upload', null, 'demo-resident', {
      type: 'image/png',
      bytes: demoPhotoPng(64, 48, [180, 160, 150]),
    })
    const { fileID } = (await upload.json()) as { fileID: string }
    expect(await api('demo-resident', 'photo.register', { fileID })).toMatchObject({ ok: true })
    const submitted = await api('demo-resident', 'case.submit', {
      requestId: 'http-test-000001',
      categoryId: 'coal-stove',
      checkId: 'coal-small-stove',
      photos: [fileID],
      location: demoPoints.yingyueRoadGrid1,
    })
    expect(submitted).toMatchObject({
      ok: true,
      data: { case: { status: 'pending', grid: { name: '映月路社区第1网格' } } },
    })
    const board = await api('demo-grid-member', 'board.list', { filter: 'unclaimed' })
    expect(board.data.items.map((item: { caseNo: string }) => item.caseNo)).toContain(
      submitted.data.case.caseNo,
    )
    // The board shows the photo as a temporary URL of its stored copy, which loads without a session.
    const [url] = board.data.items.find((item: { id: string }) => item.id === submitted.data.case.id).photos
    const photo = await fetch(emulator.url + url)
    expect(photo.status).toBe(200)
    expect(photo.headers.get('content-type')).toBe('image/png')
  })

  it('keeps callers of concurrent invocations apart', async () => {
    const users = ['demo-resident', 'demo-grid-member', 'demo-supervisor', 'demo-volunteer']
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => api(users[i % 4], 'me.get', {})))
    answers.forEach((answer, i) => {
      const expected = { 0: '林女士', 1: '网格员小许', 2: '督查室小冯', 3: '志愿者小唐' }[i % 4]
      expect(answer.data.nickname).toBe(expected)
    })
  })

  it('meters database requests: each invocation in x-db-requests, all of them at /dev/stats', async () => {
    const stats = async () =>
      (await (
        await fetch(`${emulator.url}/dev/stats`, { headers: { 'x-dev-user': 'demo-supervisor' } })
      ).json()) as {
        database: { requests: number; byKind: Record<string, number> }
      }
    const before = await stats()
    const single = await post('/fn/api', { action: 'me.get', payload: {} }, 'demo-resident')
    const alone = Number(single.headers.get('x-db-requests'))
    expect(alone).toBeGreaterThan(0)
    const concurrent = await Promise.all(
      Array.from({ length: 12 }, () => post('/fn/api', { action: 'me.get', payload: {} }, 'demo-resident')),
    )
    // Concurrent invocations never mix their counts.
    for (const answer of concurrent) expect(Number(answer.headers.get('x-db-requests'))).toBe(alone)
    const after = await stats()
    expect(after.database.requests - before.database.requests).toBe(alone * 13)
    expect(after.database.byKind.getDocument).toBeGreaterThan(before.database.byKind.getDocument ?? 0)
  })

  it('answers malformed requests with JSON that names the problem', async () => {
    const badJson = await post('/fn/api', '{"action": "me.get",')
    expect(badJson.status).toBe(400)
    expect(await badJson.json()).toMatchObject({ ok: false, error: { code: 'invalid-json' } })

    const noFunction = await post('/fn/teleport', {})
    expect(noFunction.status).toBe(404)
    expect(await noFunction.json()).toMatchObject({ error: { code: 'function-not-found' } })

    const notImage = await post('/storage/upload', null, 'demo-resident', {
      type: 'image/jpeg',
      bytes: Buffer.from('hello'),
    })
    expect(notImage.status).toBe(415)

    const anonymousUpload = await post('/storage/upload', null, undefined, {
      type: 'image/png',
      bytes: demoPhotoPng(4, 4, [0, 0, 0]),
    })
    expect(anonymousUpload.status).toBe(401)

    expect(await api(undefined, 'me.get', {})).toMatchObject({ ok: false, error: { code: 'not-signed-in' } })
    expect((await fetch(`${emulator.url}/healthz`)).status).toBe(200)
  })

  it('refuses to run the jobs for a browser or curl, even one that sends a timer’s event', async () => {
    const timerEvent = {
      Type: 'Timer',
      TriggerName: 'sweep-every-ten-minutes',
      Time: new Date().toISOString(),
    }
    for (const [body, user] of [
      [{}, undefined],
      [timerEvent, undefined],
      [timerEvent, 'demo-supervisor'],
    ] as const) {
      expect(await (await post('/fn/jobs', body, user)).json()).toEqual({
        ok: false,
        error: { code: 'forbidden', message: '该任务只能由定时触发器运行' },
      })
    }
  })

  it('runs the jobs for its own timer', async () => {
    const answer = await emulator.host.fireTimer('jobs', 'sweep-every-ten-minutes', new Date())
    expect(answer).toMatchObject({ ok: true, reports: expect.any(Array) })
  })

  it('keeps its data across a restart and does not seed twice', async () => {
    const before = await api('demo-grid-leader-1', 'board.list', {})
    await emulator.close()
    emulator = await startEmulator({ ...configFromEnv({}, root), port: 0, dataDir, timers: false }, () => {})
    expect(emulator.seed).toMatchObject({ users: 0, cases: 0 })
    const after = await api('demo-grid-leader-1', 'board.list', {})
    expect(after.data.total).toBe(before.data.total)
  })
})
