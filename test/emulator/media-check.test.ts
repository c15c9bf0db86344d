import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { configFromEnv } from '../../emulator/config'
import { demoPoints } from '../../emulator/demo/grids'
import { demoPhotoPng } from '../../emulator/demo/photo'
import { startEmulator, type RunningEmulator } from '../../emulator/main'

const root = path.resolve(__dirname, '../..')
const pushDelayMs = 300

/**
 * The emulator as WeChat's image check: the verdict set at /dev/wechat/answer, pushed a while after the
 * photo's registration to the media-check function (the deployed bundle), which screens the case.
 */
describe('the emulator’s delayed wxa_media_check push', () => {
  let emulator: RunningEmulator
  let dataDir: string
  let requests = 0

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bluegrid-media-check-'))
    emulator = await startEmulator(
      { ...configFromEnv({}, root), port: 0, dataDir, timers: false, mediaCheckDelayMs: pushDelayMs },
      () => {},
    )
  }, 60_000)
  afterAll(async () => {
    await emulator?.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  const post = (pathname: string, user: string, body: unknown, type = 'application/json') =>
    fetch(emulator.url + pathname, {
      method: 'POST',
      headers: { 'content-type': type, 'x-dev-user': user },
      body: body instanceof Buffer ? new Uint8Array(body) : JSON.stringify(body),
    })
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const api = async (user: string, action: string, payload: unknown): Promise<any> =>
    (await post('/fn/api', user, { action, payload })).json()
  const reportWithPhoto = async () => {
    const upload = await post(
      '/storage/upload',
      'demo-resident',
      demoPhotoPng(32, 24, [90, 90, 90]),
      'image/png',
    )
    const { fileID } = (await upload.json()) as { fileID: string }
    expect(await api('demo-resident', 'photo.register', { fileID })).toMatchObject({ ok: true })
    requests += 1
    const submitted = await api('demo-resident', 'case.submit', {
      requestId: `media-check-${requests}`,
      categoryId: 'coal-stove',
      checkId: 'coal-small-stove',
      photos: [fileID],
      location: demoPoints.yingyueRoadGrid1,
    })
    expect(submitted).toMatchObject({ ok: true, data: { case: { screening: { state: 'checking' } } } })
    return submitted.data.case.id as string
  }
  const screeningOf = async (caseId: string) =>
    (await api('demo-resident', 'case.get', { caseId })).data.case.screening.state as string
  const settled = async (caseId: string) => {
    for (let waited = 0; waited < 5000; waited += 50) {
      const state = await screeningOf(caseId)
      if (state !== 'checking') return state
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    return 'checking'
  }

  it('keeps the case from the neighbours until the verdict is pushed, then shows it', async () => {
    const started = Date.now()
    const caseId = await reportWithPhoto()
    expect(await api('demo-resident-2', 'case.get', { caseId })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    })
    expect(await settled(caseId)).toBe('passed')
    expect(Date.now() - started).toBeGreaterThanOrEqual(pushDelayMs)
    expect(await api('demo-resident-2', 'case.get', { caseId })).toMatchObject({
      ok: true,
      data: { case: { view: 'summary' } },
    })
  })

  it('answers with the verdict a staff dev session set: a risky photo rejects the report', async () => {
    const set = await post('/dev/wechat/answer', 'demo-supervisor', {
      kind: 'media',
      suggest: 'risky',
      label: 20002,
      times: 1,
    })
    expect(await set.json()).toEqual({ verdict: 'media', times: 1 })
    const caseId = await reportWithPhoto()
    expect(await settled(caseId)).toBe('rejected')
    const mine = await api('demo-resident', 'case.get', { caseId })
    expect(mine.data.case).toMatchObject({
      status: 'rejected',
      resolution: { note: expect.stringContaining('色情') },
    })
  })

  it('refuses a verdict that names no kind or suggestion', async () => {
    const answer = await post('/dev/wechat/answer', 'demo-supervisor', { kind: 'voice', suggest: 'pass' })
    expect(answer.status).toBe(400)
  })
})
