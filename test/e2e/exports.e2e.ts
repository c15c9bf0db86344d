import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { configFromEnv } from '../../emulator/config'
import { startEmulator, type RunningEmulator } from '../../emulator/main'
import { settingsVariable } from '../../cloudfunctions/shared/runtime/settings'
import { shippedSettings } from '../../src/domain/settings'
import { artifactsDir, launchChromium, openPage, screenshot, signInAs } from './support/browser'

const root = path.resolve(__dirname, '..', '..')

/**
 * A case-list export in a real browser on the emulator: the district office starts an Excel export of its
 * district, which (every export being "large" here) is left to the jobs function; the page shows its
 * progress, then the finished file once the jobs function's minute trigger has run. Screens go to
 * .artifacts/e2e/.
 */
describe('case-list exports (H5 in chromium)', () => {
  let emulator: RunningEmulator
  let browser: Browser
  let dataDir: string
  const pageErrors: string[] = []

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bluegrid-e2e-exports-'))
    // Every export goes to the jobs function, a few cases a page, so that the page has progress to show.
    const policy = { ...shippedSettings.policy, exports: { maxCases: 20_000, inlineCases: 0, pageCases: 10 } }
    process.env[settingsVariable] = JSON.stringify({ policy })
    try {
      emulator = await startEmulator(
        { ...configFromEnv({}, root), port: 0, dataDir, timers: false },
        () => {},
      )
    } finally {
      delete process.env[settingsVariable]
    }
    browser = await launchChromium()
    console.log(`screenshots: ${artifactsDir}`)
  })

  afterAll(async () => {
    await browser?.close()
    await emulator?.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('starts an export, shows its progress, and offers the file once the jobs function wrote it', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 })
    const page = await context.newPage()
    page.on('pageerror', (error) => pageErrors.push(error.message))
    await signInAs(page, emulator.url, 'demo-air-office', '大气办小江')
    await openPage(page, emulator.url, 'pkg-staff/pages/exports/index')
    await page.waitForSelector('.bg-export-start')
    await page.click('.bg-exports-period-3')
    await page.click('.bg-export-start')
    await page.waitForSelector('.bg-export-running')
    expect(await page.textContent('.bg-export-running .bg-exports-progress')).toMatch(
      /已读取 0 \/ \d+ 条案件/,
    )
    await screenshot(page, '50-export-running')

    // The jobs function's minute trigger continues the export to its end; the page's poll picks it up.
    await emulator.host.fireTimer('jobs', 'relay-every-minute', new Date())
    await page.waitForSelector('.bg-export-done .bg-export-open', { timeout: 10_000 })
    expect(await page.textContent('.bg-export-done .bg-exports-progress')).toMatch(/共 \d+ 条/)
    await screenshot(page, '51-export-done')
    expect(pageErrors).toEqual([])
  })
})
