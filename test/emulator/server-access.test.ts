/**
 * Who may reach what on the emulator: the database wire endpoint only with the token from the data folder,
 * the dev endpoints that show others' data only with a staff session, and nothing at all for a request that
 * names another Host (DNS rebinding) or, unless GET, comes from another web page's Origin.
 */
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { databaseTokenFile, readDatabaseToken } from '../../emulator/access-token'
import { configFromEnv } from '../../emulator/config'
import { demoPhotoPng } from '../../emulator/demo/photo'
import { startEmulator, type RunningEmulator } from '../../emulator/main'
import { nodeSdkApp } from '../factories/node-sdk'

const root = path.resolve(__dirname, '..', '..')
const maxUploadBytes = 64 * 1024

interface Answer {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
  json(): Record<string, unknown>
}

describe('who may reach the emulator', () => {
  let emulator: RunningEmulator
  let dataDir: string
  let port: number

  /** A request with headers fetch would not let us set (Host), over a fresh connection. */
  const raw = (
    method: string,
    pathname: string,
    headers: Record<string, string> = {},
    body?: string | Buffer,
  ): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port, path: pathname, method, headers, agent: false },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (chunk: Buffer) => chunks.push(chunk))
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8')
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: text,
              json: () => JSON.parse(text) as Record<string, unknown>,
            })
          })
        },
      )
      req.on('error', reject)
      req.end(body)
    })
  const postJson = (pathname: string, body: unknown, headers: Record<string, string> = {}) =>
    raw('POST', pathname, { 'content-type': 'application/json', ...headers }, JSON.stringify(body))
  const ownOrigin = () => `http://127.0.0.1:${port}`

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bluegrid-access-'))
    const config = {
      ...configFromEnv({}, root),
      port: 0,
      dataDir,
      timers: false,
      maxUploadBytes,
      allowedHosts: ['bluegrid.test'],
    }
    emulator = await startEmulator(config, () => {})
    port = Number(new URL(emulator.url).port)
  }, 60_000)

  afterAll(async () => {
    await emulator?.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  describe('the database endpoint /tcb', () => {
    it('writes a random token to the data folder that only the developer can read', () => {
      const token = readDatabaseToken(dataDir)
      expect(token).toMatch(/^[0-9a-f]{64}$/)
      expect(fs.statSync(databaseTokenFile(dataDir)).mode & 0o777).toBe(0o600)
    })

    it('serves node-sdk when it presents the token as its sessionToken', async () => {
      const db = nodeSdkApp(`${emulator.url}/tcb`, readDatabaseToken(dataDir)).database()
      expect((await db.collection('user').count()).total).toBeGreaterThanOrEqual(11)
    })

    it('refuses node-sdk without the token, or with another, before reading anything', async () => {
      for (const token of [undefined, 'f'.repeat(64)]) {
        const db = nodeSdkApp(`${emulator.url}/tcb`, token).database()
        await expect(db.collection('user').count()).rejects.toMatchObject({ code: 401 })
      }
      const answer = await postJson('/tcb?env=bluegrid-local', {
        action: 'database.getDocument',
        collectionName: 'outbox',
        query: '{}',
      })
      expect(answer.status).toBe(401)
      expect(answer.json()).toMatchObject({ code: 'PERMISSION_DENIED' })
    })

    it('issues a new token at every start, so an old one stops working', async () => {
      const before = readDatabaseToken(dataDir)
      await emulator.close()
      emulator = await startEmulator(
        {
          ...configFromEnv({}, root),
          port: 0,
          dataDir,
          timers: false,
          maxUploadBytes,
          allowedHosts: ['bluegrid.test'],
        },
        () => {},
      )
      port = Number(new URL(emulator.url).port)
      expect(readDatabaseToken(dataDir)).not.toBe(before)
      await expect(
        nodeSdkApp(`${emulator.url}/tcb`, before).database().collection('user').count(),
      ).rejects.toMatchObject({ code: 401 })
    })
  })

  describe('the dev endpoints', () => {
    it('let anyone list the accounts, log in, read their own session and log out', async () => {
      expect((await raw('GET', '/dev/accounts')).status).toBe(200)
      const login = await postJson('/dev/login', { openid: 'demo-resident' })
      expect(login.status).toBe(200)
      const cookie = String(login.headers['set-cookie']).split(';')[0]!
      expect((await raw('GET', '/dev/session', { cookie })).json()).toMatchObject({
        account: { openid: 'demo-resident' },
      })
      expect((await postJson('/dev/logout', {}, { cookie })).status).toBe(200)
    })

    it.each(['/dev/outbox', '/dev/stats'])(
      '%s needs a staff session: refused to nobody and to a resident, served to staff',
      async (pathname) => {
        expect((await raw('GET', pathname)).json()).toMatchObject({ error: { code: 'not-signed-in' } })
        expect((await raw('GET', pathname)).status).toBe(401)
        const login = await postJson('/dev/login', { openid: 'demo-resident' })
        const resident = String(login.headers['set-cookie']).split(';')[0]!
        const refused = await raw('GET', pathname, { cookie: resident })
        expect(refused.status).toBe(403)
        expect(refused.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } })
        expect((await raw('GET', pathname, { 'x-dev-user': 'demo-volunteer' })).status).toBe(403)
        expect((await raw('GET', pathname, { 'x-dev-user': 'demo-grid-member' })).status).toBe(200)
        const staff = await postJson('/dev/login', { openid: 'demo-supervisor' })
        const cookie = String(staff.headers['set-cookie']).split(';')[0]!
        expect((await raw('GET', pathname, { cookie })).status).toBe(200)
      },
    )
  })

  describe('Host and Origin', () => {
    it('refuses a request naming another host (DNS rebinding) with 403, whatever the endpoint', async () => {
      for (const [method, pathname] of [
        ['GET', '/dev/accounts'],
        ['GET', '/'],
        ['POST', '/fn/api'],
        ['POST', '/tcb'],
        ['POST', '/dev/login'],
      ] as const) {
        const answer = await raw(method, pathname, {
          host: `attacker.example:${port}`,
          'x-dev-user': 'demo-supervisor',
        })
        expect(answer.status).toBe(403)
        expect(answer.json()).toMatchObject({ ok: false, error: { code: 'forbidden-host' } })
      }
    })

    it('answers its loopback names on its port and the configured host', async () => {
      for (const host of [
        `localhost:${port}`,
        `127.0.0.1:${port}`,
        `[::1]:${port}`,
        `bluegrid.test:${port}`,
      ]) {
        expect((await raw('GET', '/dev/accounts', { host })).status).toBe(200)
      }
      for (const host of ['localhost', `localhost:${port + 1}`, `127.0.0.1.attacker.example:${port}`]) {
        expect((await raw('GET', '/dev/accounts', { host })).status).toBe(403)
      }
    })

    it('refuses a POST from another page’s Origin, and runs nothing', async () => {
      for (const origin of ['http://attacker.example', 'null', `https://127.0.0.1:${port}`]) {
        const login = await postJson('/dev/login', { openid: 'demo-supervisor' }, { origin })
        expect(login.status).toBe(403)
        expect(login.json()).toMatchObject({ ok: false, error: { code: 'cross-origin' } })
        expect(login.headers['set-cookie']).toBeUndefined()
        const call = await postJson(
          '/fn/api',
          { action: 'me.get', payload: {} },
          { origin, 'x-dev-user': 'demo-supervisor' },
        )
        expect(call.status).toBe(403)
        expect(call.headers['x-db-requests']).toBeUndefined()
      }
    })

    it('takes a POST from its own origin (the H5 app) or from no browser (curl, node-sdk)', async () => {
      const me = { action: 'me.get', payload: {} }
      const origins: Record<string, string>[] = [
        { origin: ownOrigin() },
        { origin: `http://localhost:${port}` },
        {},
      ]
      for (const headers of origins) {
        const answer = await postJson('/fn/api', me, { ...headers, 'x-dev-user': 'demo-resident' })
        expect(answer.status).toBe(200)
        expect(answer.json()).toMatchObject({ ok: true, data: { nickname: '林女士' } })
      }
    })
  })

  describe('the jobs function', () => {
    const timerEvent = () => ({
      Type: 'Timer',
      TriggerName: 'sweep-every-ten-minutes',
      Time: new Date().toISOString(),
    })

    it('cannot be started by a web page', async () => {
      const answer = await postJson('/fn/jobs', timerEvent(), { origin: 'http://attacker.example' })
      expect(answer.status).toBe(403)
      expect(answer.json()).toMatchObject({ error: { code: 'cross-origin' } })
    })

    it('refuses any HTTP call as a user call, whatever it claims, before a database request', async () => {
      const invoke = jest.spyOn(emulator.host, 'invokeMetered')
      try {
        const claims: Record<string, string>[] = [
          {},
          { 'x-trigger-src': 'timer', 'x-dev-user': 'demo-supervisor' },
        ]
        for (const headers of claims) {
          const body = { ...timerEvent(), environ: 'TRIGGER_SRC=timer', TRIGGER_SRC: 'timer' }
          const answer = await postJson('/fn/jobs', body, headers)
          expect(answer.json()).toEqual({
            ok: false,
            error: { code: 'forbidden', message: '该任务只能由定时触发器运行' },
          })
          expect(answer.headers['x-db-requests']).toBe('0')
        }
        // The route offers no way to state a trigger source: only the in-process timer states 'timer'.
        expect(invoke.mock.calls.every((call) => call.length === 3)).toBe(true)
      } finally {
        invoke.mockRestore()
      }
      expect(await emulator.host.fireTimer('jobs', 'sweep-every-ten-minutes', new Date())).toMatchObject({
        ok: true,
      })
      // The timer's run does a whole tick of every job on the demo data (the sender included).
    }, 30_000)
  })

  describe('storage', () => {
    const uploadAs = async (openid: string) => {
      const upload = await raw(
        'POST',
        '/storage/upload',
        { 'content-type': 'image/png', 'x-dev-user': openid },
        demoPhotoPng(8, 8, [10, 20, 30]),
      )
      return (upload.json() as { fileID: string }).fileID
    }
    const api = async (openid: string, action: string, payload: unknown) =>
      (await postJson('/fn/api', { action, payload }, { 'x-dev-user': openid })).json() as {
        ok: boolean
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        data: any
      }

    it('serves an upload by its fileID to its uploader only, as the storage rule does', async () => {
      const fileID = await uploadAs('demo-resident')
      const file = `/storage/file?fileID=${encodeURIComponent(fileID)}`
      expect((await raw('GET', file)).status).toBe(401)
      expect((await raw('GET', file, { 'x-dev-user': 'demo-resident' })).status).toBe(200)
      // Another signed-in person, staff included, does not get someone else's original by its fileID.
      for (const other of ['demo-resident-2', 'demo-grid-member', 'demo-supervisor']) {
        const answer = await raw('GET', file, { 'x-dev-user': other })
        expect(answer.status).toBe(403)
        expect(answer.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } })
      }
      // Nor a signature that belongs to another file, or a forged one.
      expect((await raw('GET', `${file}&t=9999999999&sign=${'0'.repeat(64)}`)).status).toBe(403)
      const granted = await postJson(
        '/storage/temp-urls',
        { fileList: [fileID] },
        { 'x-dev-user': 'demo-resident-2' },
      )
      expect(granted.json()).toMatchObject({
        fileList: [{ code: 'STORAGE_EXCEED_AUTHORITY', tempFileURL: '' }],
      })
    })

    it('shows the photos of a case only through temporary URLs of their copies, which expire', async () => {
      const fileID = await uploadAs('demo-resident')
      expect(await api('demo-resident', 'photo.register', { fileID })).toMatchObject({ ok: true })
      const submitted = await api('demo-resident', 'case.submit', {
        requestId: 'access-test-photo-0001',
        categoryId: 'open-burning',
        checkId: 'burning-garbage',
        photos: [fileID],
        location: { lng: 113.6925, lat: 34.7288 },
      })
      const view = await api('demo-grid-member', 'case.get', { caseId: submitted.data.case.id })
      const [url] = view.data.case.photos as [string]
      expect(url).toMatch(
        /^\/storage\/file\?fileID=cloud%3A%2F%2F[^&]+%2Fphotos%2F[0-9a-f]{32}\.png&t=\d+&sign=/,
      )
      expect(url).not.toContain(encodeURIComponent(fileID))
      expect((await raw('GET', url)).status).toBe(200)
      // The copy itself is no one's upload: by its fileID alone nobody reads it, its uploader included.
      const copy = new URL(url, 'http://emulator.local').searchParams.get('fileID')!
      const byId = `/storage/file?fileID=${encodeURIComponent(copy)}`
      expect((await raw('GET', byId, { 'x-dev-user': 'demo-resident' })).status).toBe(403)
      expect((await raw('GET', byId, { 'x-dev-user': 'demo-grid-member' })).status).toBe(403)
      const expired = url.replace(/t=\d+/, 't=1000000000')
      expect((await raw('GET', expired)).json()).toMatchObject({ ok: false, error: { code: 'link-expired' } })
    })

    it('lets the uploader have a signed temporary URL of their own upload, and nobody load a tampered one', async () => {
      const fileID = await uploadAs('demo-resident')
      expect((await postJson('/storage/temp-urls', { fileList: [fileID] })).status).toBe(401)
      const urls = await postJson(
        '/storage/temp-urls',
        { fileList: [fileID] },
        { 'x-dev-user': 'demo-resident' },
      )
      const [{ tempFileURL }] = (urls.json() as { fileList: { tempFileURL: string }[] }).fileList as [
        { tempFileURL: string },
      ]
      const temporary = new URL(tempFileURL)
      expect(temporary.host).toBe(`127.0.0.1:${port}`)
      const fetched = await raw('GET', temporary.pathname + temporary.search)
      expect(fetched.status).toBe(200)
      expect(fetched.headers['content-type']).toBe('image/png')
      const tampered = temporary.search.replace(/sign=[0-9a-f]/, (match) =>
        match.endsWith('0') ? 'sign=1' : 'sign=0',
      )
      expect((await raw('GET', temporary.pathname + tampered)).status).toBe(403)
    })
  })

  describe('answers', () => {
    it('refuses an over-limit body with 413 and a JSON error instead of dropping the connection', async () => {
      const photo = await raw(
        'POST',
        '/storage/upload',
        { 'content-type': 'image/png', 'x-dev-user': 'demo-resident' },
        Buffer.concat([demoPhotoPng(4, 4, [0, 0, 0]), Buffer.alloc(maxUploadBytes * 4)]),
      )
      expect(photo.status).toBe(413)
      expect(photo.json()).toMatchObject({ ok: false, error: { code: 'payload-too-large' } })
      const call = await raw(
        'POST',
        '/fn/api',
        { 'content-type': 'application/json', 'x-dev-user': 'demo-resident' },
        JSON.stringify({ action: 'me.get', payload: { padding: 'x'.repeat(2 * 1024 * 1024) } }),
      )
      expect(call.status).toBe(413)
      expect(call.json()).toMatchObject({
        ok: false,
        error: { code: 'payload-too-large', message: expect.any(String) },
      })
      expect((await raw('GET', '/healthz')).status).toBe(200)
    })

    it('answers an internal failure with 500, a generic message and a request id, the detail only in the log', async () => {
      const log = jest.spyOn(console, 'error').mockImplementation(() => {})
      const invoke = jest
        .spyOn(emulator.host, 'invokeMetered')
        .mockRejectedValueOnce(new Error('SQLITE_CORRUPT in /home/developer/.data/bluegrid.sqlite'))
      try {
        const answer = await postJson(
          '/fn/api',
          { action: 'me.get', payload: {} },
          { 'x-dev-user': 'demo-resident' },
        )
        expect(answer.status).toBe(500)
        const requestId = answer.headers['x-request-id']
        expect(answer.json()).toEqual({
          ok: false,
          error: {
            code: 'internal',
            message: `模拟器内部错误，详情见模拟器日志（请求编号 ${requestId}）`,
            requestId,
          },
        })
        expect(answer.body).not.toMatch(/SQLITE|developer/)
        expect(log).toHaveBeenCalledWith(
          expect.stringContaining(String(requestId)),
          expect.objectContaining({ message: expect.stringContaining('SQLITE_CORRUPT') }),
        )
      } finally {
        invoke.mockRestore()
        log.mockRestore()
      }
    })

    it('carry x-content-type-options: nosniff, whatever they are', async () => {
      const answers = [
        await raw('GET', '/healthz'),
        await raw('GET', '/dev/accounts'),
        await raw('GET', '/dev/outbox'),
        await raw('GET', '/nothing/here.js'),
        await raw('POST', '/no-such-endpoint'),
        await raw('GET', '/dev/accounts', { host: 'attacker.example' }),
        await postJson('/tcb', { action: 'database.getDocument', sessionToken: readDatabaseToken(dataDir) }),
        await postJson('/fn/api', { action: 'me.get', payload: {} }, { 'x-dev-user': 'demo-resident' }),
      ]
      for (const answer of answers) expect(answer.headers['x-content-type-options']).toBe('nosniff')
    })
  })
})
