import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { configFromEnv } from '../../emulator/config'
import { startEmulator, type RunningEmulator } from '../../emulator/main'
import { demoPoints } from '../../emulator/demo/grids'
import { signedReading } from '../factories/stations'

const root = path.resolve(__dirname, '..', '..')

// The first call of each function loads its whole source through jest's transform (cold on a fresh clone,
// a minute and more on a busy two-core machine); the calls themselves take milliseconds.
jest.setTimeout(120_000)

describe('HTTP-triggered functions on the emulator', () => {
  let emulator: RunningEmulator
  let dataDir: string
  let secret: string
  const stationId = 'st-http-test'

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bluegrid-http-'))
    const config = { ...configFromEnv({}, root), port: 0, dataDir, timers: false }
    emulator = await startEmulator(config, () => {})
    const registered = await fetch(`${emulator.url}/fn/api`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-dev-user': 'demo-air-office' },
      body: JSON.stringify({
        action: 'station.register',
        payload: { stationId, name: '映月路监测点', location: demoPoints.yingyueRoadGrid1 },
      }),
    })
    secret = ((await registered.json()) as { data: { secret: string } }).data.secret
  })

  afterAll(async () => {
    await emulator?.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  const reading = () => ({ stationId, at: new Date().toISOString(), pm25: 35, pm10: 80 })

  it('serves POST /http/intake with the request as the HTTP access service shapes it, and its status', async () => {
    const signed = signedReading(secret, reading())
    const answer = await fetch(`${emulator.url}/http/intake`, {
      method: 'POST',
      headers: signed.headers,
      body: signed.body,
    })
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-type')).toMatch(/application\/json/)
    // A calm reading: the station and the reading's insert.
    expect(answer.headers.get('x-db-requests')).toBe('2')
    expect(await answer.json()).toMatchObject({ ok: true, readingId: expect.stringContaining(stationId) })
    // The first call loads the function's bundle, as a cold start does.
  }, 30_000)

  it('answers a refusal with its status and reason', async () => {
    const signed = signedReading('a-wrong-secret-of-some-length-000', reading())
    const answer = await fetch(`${emulator.url}/http/intake`, {
      method: 'POST',
      headers: signed.headers,
      body: signed.body,
    })
    expect(answer.status).toBe(401)
    expect(await answer.json()).toMatchObject({ ok: false, error: { code: 'bad-signature' } })
  })

  it('hands a body that is not text over as base64, which the intake refuses as no reading', async () => {
    const answer = await fetch(`${emulator.url}/http/intake`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.from([0xff, 0xfe, 0x00, 0x01]),
    })
    expect(answer.status).toBe(401)
    expect(await answer.json()).toMatchObject({ ok: false, error: { code: 'unsigned' } })
  })

  it('names a function that does not exist', async () => {
    const answer = await fetch(`${emulator.url}/http/nothing-here`, { method: 'POST', body: '{}' })
    expect(answer.status).toBe(404)
    expect(await answer.json()).toMatchObject({ ok: false, error: { code: 'function-not-found' } })
  })
})
