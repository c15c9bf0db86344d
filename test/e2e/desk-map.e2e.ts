import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { configFromEnv } from '../../emulator/config'
import { demoGridIds } from '../../emulator/demo/grids'
import { startEmulator, type RunningEmulator } from '../../emulator/main'
import { artifactsDir, launchChromium, openPage, screenshot, signInAs } from './support/browser'

const root = path.resolve(__dirname, '..', '..')
const title = (page: Page) => page.textContent('.bg-map__title')

/**
 * 挂图作战 in a real browser on the emulator: a district office opens the map from its desk at phone width
 * (stacked) and at desktop width (the map beside the legend and the list), drills into its street and opens
 * a case from its marker. Screens are saved to .artifacts/e2e/ (60–64).
 */
describe('the map on the wall (H5 in chromium)', () => {
  let emulator: RunningEmulator
  let browser: Browser
  let dataDir: string
  const pageErrors: string[] = []

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bluegrid-e2e-desk-map-'))
    emulator = await startEmulator({ ...configFromEnv({}, root), port: 0, dataDir, timers: false }, () => {})
    browser = await launchChromium()
    console.log(`screenshots: ${artifactsDir}`)
    // Seeding the demo on a loaded machine takes a while.
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await emulator?.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('opens from the desk at phone width, the map above the legend and the list', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 })
    const page = await context.newPage()
    page.on('pageerror', (error) => pageErrors.push(error.message))
    await signInAs(page, emulator.url, 'demo-air-office', '大气办小江')
    await openPage(page, emulator.url, 'pages/home/index')
    await page.click('.bg-desk-map')
    await page.waitForSelector(`.bg-map-area-${demoGridIds.hanghaiEastRoad}`)
    expect(await title(page)).toContain('管城回族区')
    const map = (await page.locator('.bg-map__canvas').boundingBox())!
    const side = (await page.locator('.bg-map__side').boundingBox())!
    expect(side.y).toBeGreaterThanOrEqual(map.y + map.height - 1)
    await screenshot(page, '60-office-map-phone')
    expect(pageErrors).toEqual([])
    await context.close()
  }, 120_000)

  it('uses the width of a desktop, drills into the street and opens a case from its marker', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    page.on('pageerror', (error) => pageErrors.push(error.message))
    await signInAs(page, emulator.url, 'demo-air-office', '大气办小江')
    await openPage(page, emulator.url, 'pkg-desk/pages/map/index')
    await page.waitForSelector(`.bg-map-area-${demoGridIds.hanghaiEastRoad}`)
    const map = (await page.locator('.bg-map__canvas').boundingBox())!
    const side = (await page.locator('.bg-map__side').boundingBox())!
    expect(side.x).toBeGreaterThanOrEqual(map.x + map.width - 1)
    expect(Math.abs(side.y - map.y)).toBeLessThan(40)
    await screenshot(page, '61-office-map-desktop')

    await page.click('.bg-map-indicator-closure')
    await page.waitForFunction(() =>
      document.querySelector('.bg-map__title')?.textContent?.endsWith('结案率'),
    )
    await page.click(`.bg-map-area-${demoGridIds.hanghaiEastRoad}`)
    await page.waitForSelector(`.bg-map-area-${demoGridIds.yingyueRoad}`)
    expect(await title(page)).toContain('航海东路街道')
    expect(await page.locator('.bg-map__row').count()).toBeGreaterThan(1)
    expect(await page.textContent('.bg-map__up')).toContain('管城回族区')
    // The demo's open cases lie in 映月路社区: they are on the street's map.
    expect(await page.locator('.bg-grid-map__marker').count()).toBeGreaterThan(0)
    await screenshot(page, '62-office-map-street')

    await page.click(`.bg-map-area-${demoGridIds.yingyueRoad}`)
    await page.waitForFunction(() =>
      document.querySelector('.bg-map__title')?.textContent?.includes('映月路社区'),
    )
    await screenshot(page, '63-office-map-community')

    await page.locator('.bg-grid-map__marker').first().click({ force: true })
    await page.waitForSelector('text=可进行的操作')
    await screenshot(page, '64-office-case-from-map')
    expect(pageErrors).toEqual([])
    await context.close()
  }, 120_000)
})
