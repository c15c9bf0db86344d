import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { configFromEnv } from '../../emulator/config'
import { startEmulator, type RunningEmulator } from '../../emulator/main'
import { artifactsDir, launchChromium, openPage, screenshot, signInAs } from './support/browser'

const root = path.resolve(__dirname, '..', '..')

/**
 * A grid member's patrol round in a real browser on the emulator: started, a check-in at the demo point, ended
 * with its track and duration. Screens are saved to .artifacts/e2e/ (30–39).
 */
describe('a patrol round (H5 in chromium)', () => {
  let emulator: RunningEmulator
  let browser: Browser
  let dataDir: string
  const pageErrors: string[] = []

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bluegrid-e2e-patrol-'))
    emulator = await startEmulator({ ...configFromEnv({}, root), port: 0, dataDir, timers: false }, () => {})
    browser = await launchChromium()
    console.log(`screenshots: ${artifactsDir}`)
  })

  afterAll(async () => {
    await browser?.close()
    await emulator?.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('starts a round, checks in, and ends it with its track', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 })
    const page = await context.newPage()
    page.on('pageerror', (error) => pageErrors.push(error.message))
    await signInAs(page, emulator.url, 'demo-grid-member', '网格员小许')
    await openPage(page, emulator.url, 'pkg-staff/pages/patrol/index')
    await page.waitForSelector('#bg-patrol-start')
    await page.click('#bg-patrol-start')
    await page.waitForSelector('#bg-patrol-check-in')
    await screenshot(page, '30-member-patrol-round-started')
    await page.click('.bg-demo-location')
    await page.fill('.bg-patrol-note input', '工地围挡完好')
    await page.click('#bg-patrol-check-in')
    await page.waitForSelector('.bg-patrol__point')
    await screenshot(page, '31-member-patrol-checked-in')
    await page.click('#bg-patrol-end')
    await page.waitForSelector('#bg-patrol-start')
    expect(await page.textContent('.bg-patrol__round')).toContain('上次巡查')
    await screenshot(page, '32-member-patrol-round-ended')
    expect(pageErrors).toEqual([])
  })
})
