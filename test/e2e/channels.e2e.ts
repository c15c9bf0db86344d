import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { configFromEnv } from '../../emulator/config'
import { demoPoints } from '../../emulator/demo/grids'
import { startEmulator, type RunningEmulator } from '../../emulator/main'
import { signedReading } from '../factories/stations'
import { artifactsDir, launchChromium, openPage, pickRow, screenshot, signInAs } from './support/browser'

const root = path.resolve(__dirname, '..', '..')

/**
 * The channels besides a report, in a real browser on the emulator: the district office's operator enters a
 * caller's complaint and reads the case number back; a monitoring station's readings over the threshold open a
 * case whose page shows the curve. Screens are saved to .artifacts/e2e/.
 */
describe('the complaint line and monitoring stations (H5 in chromium)', () => {
  let emulator: RunningEmulator
  let browser: Browser
  let dataDir: string
  const pageErrors: string[] = []

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bluegrid-e2e-channels-'))
    emulator = await startEmulator({ ...configFromEnv({}, root), port: 0, dataDir, timers: false }, () => {})
    browser = await launchChromium()
    console.log(`screenshots: ${artifactsDir}`)
  })

  afterAll(async () => {
    await browser?.close()
    await emulator?.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  async function person(openid: string, nickname: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 })
    const page = await context.newPage()
    page.on('pageerror', (error) => pageErrors.push(`${openid}: ${error.message}`))
    await signInAs(page, emulator.url, openid, nickname)
    return page
  }

  it('files a caller’s complaint from the operator’s page and shows its number to read back', async () => {
    const office = await person('demo-air-office', '大气办小江')
    await openPage(office, emulator.url, 'pkg-staff/pages/hotline/index')
    await office.waitForSelector('#bg-hotline-submit')
    await office.fill('.bg-caller-name input', '王先生')
    await office.fill('.bg-caller-phone input', '13800001234')
    await pickRow(office, '.bg-category-picker', 1)
    await pickRow(office, '.bg-check-picker', 2)
    await office.fill('.bg-hotline-description textarea', '来电反映工地夜间作业，扬尘很大')
    await office.click('.bg-demo-location')
    await screenshot(office, '21-office-hotline-filled')
    await office.click('#bg-hotline-submit')
    await office.waitForSelector('#bg-hotline-case-no')
    expect(await office.textContent('#bg-hotline-case-no')).toMatch(/^\d{4}-?\d{2}-?\d{2}-\d{4}$/)
    await screenshot(office, '22-office-hotline-case-number')
    expect(pageErrors).toEqual([])
  })

  it('opens a sensor case from a station’s readings, whose page shows the curve', async () => {
    const register = await fetch(`${emulator.url}/fn/api`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-dev-user': 'demo-air-office' },
      body: JSON.stringify({
        action: 'station.register',
        payload: { stationId: 'st-e2e-yingyue', name: '映月路监测点', location: demoPoints.yingyueRoadGrid1 },
      }),
    })
    const { secret } = ((await register.json()) as { data: { secret: string } }).data
    // An hour of readings over the threshold, sent now (as a station sends what it buffered).
    let caseId: string | undefined
    for (let minutes = 65; minutes >= 0; minutes -= 5) {
      const at = new Date(Date.now() - minutes * 60_000).toISOString()
      const pm10 = 180 + ((minutes * 7) % 90)
      const signed = signedReading(secret, { stationId: 'st-e2e-yingyue', at, pm25: 60, pm10 })
      const answer = await fetch(`${emulator.url}/http/intake`, {
        method: 'POST',
        headers: signed.headers,
        body: signed.body,
      })
      expect(answer.status).toBe(200)
      const body = (await answer.json()) as { episode: { caseId: string | null } | null }
      caseId ??= body.episode?.caseId ?? undefined
    }
    expect(caseId).toBeDefined()
    const office = await person('demo-air-office', '大气办小江')
    await openPage(office, emulator.url, `pages/case-detail/index?id=${encodeURIComponent(caseId!)}`)
    await office.waitForSelector('.bg-sensor-curve__bar')
    await screenshot(office, '23-office-sensor-case-curve')
    expect(pageErrors).toEqual([])
  })
})
