import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { statsSettleMillis } from '../../cloudfunctions/shared/reports/stats-job'
import { configFromEnv } from '../../emulator/config'
import { startEmulator, type RunningEmulator } from '../../emulator/main'
import { artifactsDir, launchChromium, openPage, screenshot, signInAs } from './support/browser'

const root = path.resolve(__dirname, '..', '..')

/**
 * The district office at its desk in a real browser on the emulator, at phone width and at an office PC's
 * (1280×800): the desk, 指标总览 and the cases behind a figure, 图表分析, the Thursday reports. Screens are
 * saved to .artifacts/e2e/ (65–74).
 */
describe('the district desk (H5 in chromium)', () => {
  let emulator: RunningEmulator
  let browser: Browser
  let dataDir: string
  const pageErrors: string[] = []

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bluegrid-e2e-desk-'))
    emulator = await startEmulator({ ...configFromEnv({}, root), port: 0, dataDir, timers: false }, () => {})
    // The demo cases are counted as the timers would: the relay copies their events out now, and the stats
    // job, which stays behind the clock by its settle horizon, counts them once that has passed. The
    // functions run in this process, so moving its clock on moves theirs.
    await emulator.host.fireTimer('jobs', 'relay-every-minute', new Date())
    jest.useFakeTimers({
      now: Date.now() + statsSettleMillis + 60_000,
      // The clock still runs, as the functions expect of it.
      advanceTimers: true,
      doNotFake: [
        'setTimeout',
        'clearTimeout',
        'setImmediate',
        'setInterval',
        'clearInterval',
        'nextTick',
        'queueMicrotask',
      ],
    })
    try {
      await emulator.host.fireTimer('jobs', 'sweep-every-ten-minutes', new Date())
    } finally {
      jest.useRealTimers()
    }
    browser = await launchChromium()
    console.log(`screenshots: ${artifactsDir}`)
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await emulator?.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  const widths = [
    { name: 'phone', viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, first: 65 },
    { name: 'desktop', viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, first: 70 },
  ]

  it.each(widths)(
    'walks the desk at $name width: overview, a figure’s cases, the charts, the weekly reports',
    async ({ name, viewport, deviceScaleFactor, first }) => {
      const context = await browser.newContext({ viewport, deviceScaleFactor })
      const page = await context.newPage()
      page.on('pageerror', (error) => pageErrors.push(error.message))
      const shot = (n: number, what: string) => screenshot(page, `${first + n}-office-desk-${what}-${name}`)

      await signInAs(page, emulator.url, 'demo-air-office', '大气办小江')
      await openPage(page, emulator.url, 'pages/home/index')
      await page.waitForFunction(() => Number(document.querySelector('.bg-desk-received')?.textContent) > 0)
      await page.waitForSelector('.bg-desk-charts')
      await shot(0, 'home')

      // The desk's figures open the overview of the district's month.
      await page.click('.bg-desk-figures')
      await page.waitForSelector('.bg-desk-figure-received')
      expect(await page.textContent('.bg-desk-ov__title')).toContain('管城回族区')
      expect(await page.textContent('.bg-desk-running')).toBe('统计中')
      const received = Number(await page.textContent('.bg-desk-figure-received .bg-desk-ov__value'))
      expect(received).toBeGreaterThan(0)
      await shot(1, 'overview')

      // 受理 lists as many cases as it counts; one opens on its handling page.
      await page.click('.bg-desk-figure-received')
      await page.waitForSelector('.bg-desk-ov__case')
      expect(await page.textContent('.bg-desk-ov__drill-title')).toContain(`共 ${received} 件`)
      expect(await page.locator('.bg-desk-ov__case').count()).toBe(received)
      await shot(2, 'overview-drill')
      await page.locator('.bg-desk-ov__case').first().click()
      await page.waitForURL(/pkg-staff\/pages\/handle\/index\?id=/)
      await page.goBack()

      await openPage(page, emulator.url, 'pages/home/index')
      await page.click('.bg-desk-charts')
      await page.waitForSelector('.bg-chart-weeks')
      expect(await page.locator('.bg-charts__week').count()).toBe(12)
      expect(await page.textContent('.bg-charts__week--running .bg-charts__axis')).toBe('统计中')
      expect(await page.locator('.bg-chart-ranking .bg-charts__row').count()).toBeGreaterThan(0)
      if (name === 'desktop') {
        // Side by side at desktop width: the second chart starts level with the first.
        const [a, b] = await Promise.all([
          page.locator('.bg-chart-weeks').boundingBox(),
          page.locator('.bg-chart-categories').boundingBox(),
        ])
        expect(Math.abs(a!.y - b!.y)).toBeLessThan(2)
        expect(b!.x).toBeGreaterThan(a!.x + a!.width / 2)
      }
      await shot(3, 'charts')

      await openPage(page, emulator.url, 'pages/home/index')
      await page.click('.bg-desk-weekly')
      await page.waitForSelector('.bg-weekly__tabs')
      await page.waitForSelector('.bg-weekly__body, .bg-state--empty')
      // The reports are drafted on Thursdays once the week is counted: open one when this week's are there.
      const reports = page.locator('.bg-weekly__item')
      if ((await reports.count()) > 0) {
        await reports.first().click()
        await page.waitForURL(/pkg-staff\/pages\/weekly-report\/index\?report=/)
        await page.waitForSelector('.bg-weekly-report, .bg-state--error')
      }
      await shot(4, 'weekly')

      await context.close()
      expect(pageErrors).toEqual([])
    },
    120_000,
  )
})
