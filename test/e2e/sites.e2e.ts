import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { configFromEnv } from '../../emulator/config'
import { startEmulator, type RunningEmulator } from '../../emulator/main'
import { siteRow, siteSheet } from '../factories/sites'
import { artifactsDir, launchChromium, openPage, screenshot, signInAs } from './support/browser'

const root = path.resolve(__dirname, '..', '..')

/**
 * The site register (一企一档) in a real browser on the emulator with its demo sites: the district office's
 * list, a site's page with its linked case, and a spreadsheet import with a rejected row. Screens 40–49.
 */
describe('the site register (H5 in chromium)', () => {
  let emulator: RunningEmulator
  let browser: Browser
  let dataDir: string
  const pageErrors: string[] = []

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bluegrid-e2e-sites-'))
    emulator = await startEmulator({ ...configFromEnv({}, root), port: 0, dataDir, timers: false }, () => {})
    browser = await launchChromium()
    console.log(`screenshots: ${artifactsDir}`)
  })

  afterAll(async () => {
    await browser?.close()
    await emulator?.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  async function office(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 })
    const page = await context.newPage()
    page.on('pageerror', (error) => pageErrors.push(error.message))
    await signInAs(page, emulator.url, 'demo-air-office', '大气办小江')
    return page
  }

  it('lists the demo sites, opens one with its case history, and imports a sheet with a bad row', async () => {
    const page = await office()
    await openPage(page, emulator.url, 'pkg-staff/pages/sites/index')
    await page.waitForSelector('text=映月路安置房项目工地')
    await page.waitForSelector('text=黄码')
    await screenshot(page, '40-office-site-list')

    await page.click('text=映月路安置房项目工地')
    await page.waitForSelector('text=关联问题（共 1 件）')
    await page.waitForSelector('text=责任单位：郑州市第一建筑工程集团有限公司')
    await screenshot(page, '41-office-site-detail')

    await openPage(page, emulator.url, 'pkg-staff/pages/site-import/index')
    await page.waitForSelector('text=选择表格（.xlsx）')
    const sheet = await siteSheet([
      siteRow('映月路新建工地'),
      siteRow('不明类型的源', { 类型: '加油站' }),
      siteRow('管城商砼搅拌站（二厂）', { 类型: '搅拌站', 经度: 113.712, 纬度: 34.716 }),
    ])
    const chooser = page.waitForEvent('filechooser')
    await page.click('.bg-site-import__pick')
    await (
      await chooser
    ).setFiles({
      name: '污染源.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(sheet, 'base64'),
    })
    await page.waitForSelector('text=已选择：污染源.xlsx')
    await page.click('.bg-site-import__go')
    await page.waitForSelector('text=导入结果')
    await page.waitForSelector('text=第3行（不明类型的源）：类型“加油站”不在类型表中')
    expect(await page.textContent('.bg-site-import__result')).toContain('新增 2')
    await screenshot(page, '42-office-site-import-result')
    expect(pageErrors).toEqual([])
  })
})
