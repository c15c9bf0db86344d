import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { configFromEnv } from '../../emulator/config'
import { startEmulator, type RunningEmulator } from '../../emulator/main'
import { demoGridIds } from '../../emulator/demo/grids'

const root = path.resolve(__dirname, '..', '..')

describe('the emulator without demo people: onboarding from scratch', () => {
  let emulator: RunningEmulator
  let dataDir: string
  const api = async (user: string, action: string, payload: unknown) =>
    (
      await fetch(`${emulator.url}/fn/api`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-dev-user': user },
        body: JSON.stringify({ action, payload }),
      })
    ).json()

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bluegrid-bootstrap-'))
    const config = configFromEnv({ BLUEGRID_DEMO_PEOPLE: 'off' }, root)
    emulator = await startEmulator({ ...config, port: 0, dataDir, timers: false }, () => {})
  }, 60_000)
  afterAll(async () => {
    await emulator?.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('prints a dev bootstrap code that makes the first office, who then invites the first grid member', async () => {
    expect(emulator.seed).toMatchObject({ users: 0, cases: 0 })
    expect(emulator.bootstrap.open).toBe(true)
    const code = emulator.bootstrap.code!
    const claimed = await api('dev-office1', 'bootstrap.claim', { code, districtId: demoGridIds.guancheng })
    expect(claimed).toMatchObject({ ok: true, data: { me: { role: 'district_office' } } })
    expect(
      await api('dev-office2', 'bootstrap.claim', { code, districtId: demoGridIds.guancheng }),
    ).toMatchObject({
      ok: false,
      error: { code: 'bootstrap-closed' },
    })
    const invited = await api('dev-office1', 'invite.create', {
      role: 'grid_member',
      gridId: demoGridIds.yingyueRoadGrid1,
    })
    const joined = await api('dev-member1', 'invite.redeem', { code: invited.data.code })
    expect(joined).toMatchObject({ ok: true, data: { me: { role: 'grid_member' } } })
    const staff = await api('dev-office1', 'staff.list', {})
    expect(staff.data.items.map((item: { openid: string }) => item.openid)).toEqual([
      'dev-member1',
      'dev-office1',
    ])
  })
})
