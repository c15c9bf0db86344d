import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { configFromEnv } from '../../emulator/config'
import { startEmulator, type RunningEmulator } from '../../emulator/main'
import { demoPoints } from '../../emulator/demo/grids'
import { wgsFieldsOf } from '../factories/open311'

const root = path.resolve(__dirname, '..', '..')

describe('Open311 on the emulator’s HTTP face', () => {
  let emulator: RunningEmulator
  let dataDir: string
  let apiKey: string

  beforeAll(async () => {
    jest.spyOn(console, 'warn').mockImplementation(() => {})
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bluegrid-open311-'))
    const config = { ...configFromEnv({}, root), port: 0, dataDir, timers: false }
    emulator = await startEmulator(config, () => {})
    const registered = await fetch(`${emulator.url}/fn/api`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-dev-user': 'demo-air-office' },
      body: JSON.stringify({ action: 'open311.key.register', payload: { name: '市民服务App' } }),
    })
    apiKey = ((await registered.json()) as { data: { apiKey: string } }).data.apiKey
  }, 60_000)

  afterAll(async () => {
    await emulator?.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('serves GET /open311/v2/services.json, and the same function at /http/open311/v2/', async () => {
    const answer = await fetch(`${emulator.url}/open311/v2/services.json`)
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(answer.headers.get('x-db-requests')).toBe('0')
    const services = (await answer.json()) as { service_code: string }[]
    const viaHttp = await fetch(`${emulator.url}/http/open311/v2/services.json`)
    expect(await viaHttp.json()).toEqual(services)
  }, 30_000)

  it('takes a form POST with the key, and the request it filed is read back by the key that posted it', async () => {
    const form = new URLSearchParams({
      api_key: apiKey,
      service_code: 'open-burning',
      'attribute[check]': 'burning-garbage',
      ...wgsFieldsOf(demoPoints.yingyueRoadGrid1),
      description: '空地有人焚烧垃圾',
    })
    const posted = await fetch(`${emulator.url}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    })
    expect(posted.status).toBe(200)
    const [created] = (await posted.json()) as { service_request_id: string }[]
    const url = `${emulator.url}/open311/v2/requests/${created!.service_request_id}.json`
    expect((await fetch(url)).status).toBe(404)
    const own = await fetch(`${url}?api_key=${encodeURIComponent(apiKey)}`)
    expect(own.status).toBe(200)
    expect(await own.json()).toEqual([
      expect.objectContaining({ service_request_id: created!.service_request_id, status: 'open' }),
    ])
  })

  it('answers what it refuses in the spec’s error format', async () => {
    const refused = await fetch(`${emulator.url}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'service_code=open-burning',
    })
    expect(refused.status).toBe(403)
    expect(await refused.json()).toEqual([{ code: 403, description: expect.stringContaining('api_key') }])
    const missing = await fetch(`${emulator.url}/open311/v2/nothing.json`)
    expect(missing.status).toBe(404)
  })
})
