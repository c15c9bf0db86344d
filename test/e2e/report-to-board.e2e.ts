import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { configFromEnv } from '../../emulator/config'
import { demoPhotoPng } from '../../emulator/demo/photo'
import { startEmulator, type RunningEmulator } from '../../emulator/main'
import { artifactsDir, launchChromium, openPage, pickRow, screenshot, signInAs } from './support/browser'

const root = path.resolve(__dirname, '..', '..')

describe('a resident’s report reaches the grid member’s board (H5 in chromium)', () => {
  let emulator: RunningEmulator
  let browser: Browser
  let dataDir: string
  let photoFile: string

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bluegrid-e2e-'))
    photoFile = path.join(dataDir, 'truck.png')
    fs.writeFileSync(photoFile, demoPhotoPng(1600, 1200, [190, 170, 140]))
    emulator = await startEmulator({ ...configFromEnv({}, root), port: 0, dataDir, timers: false }, () => {})
    browser = await launchChromium()
    console.log(`screenshots: ${artifactsDir}`)
  })

  afterAll(async () => {
    await browser?.close()
    await emulator?.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('is submitted with a photo, a place and a category, routed to 映月路社区第1网格, and claimed there', async () => {
    const resident = await browser.newContext({ viewport: { width: 390, height: 844 } })
    const page = await resident.newPage()
    const pageErrors: string[] = []
    page.on('pageerror', (error) => pageErrors.push(error.message))

    await signInAs(page, emulator.url, 'demo-resident', '林女士')
    await openPage(page, emulator.url, 'pages/report/index')
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('.bg-photo-input')])
    await chooser.setFiles(photoFile)
    await page.waitForSelector('.bg-photo-item:not(.bg-photo-item--uploading)')

    // Submitting without a category is refused next to the field, in Chinese.
    await page.click('.bg-report-submit')
    await page.waitForSelector('.bg-field-error-categoryId')
    expect(await page.textContent('.bg-field-error-categoryId')).toMatch(/请选择/)

    await pickRow(page, '.bg-category-picker', 1) // 建筑工地
    await pickRow(page, '.bg-check-picker', 2) // 出入车辆未100%冲洗
    await page.click('.bg-demo-location')
    await page.fill('.bg-description-input textarea', '渣土车未冲洗驶出工地，路面有泥')
    await screenshot(page, '01-resident-report-filled')
    await page.click('.bg-report-submit')

    await page.waitForURL(/case-detail/)
    await page.waitForSelector('.bg-case-status')
    expect(await page.textContent('.bg-case-status')).toContain('待认领')
    expect(await page.textContent('.bg-grid-label')).toContain('映月路社区第1网格')
    const caseNo = ((await page.textContent('.bg-case-no')) ?? '').replace('编号', '').trim()
    expect(caseNo).toMatch(/^\d{8}-\d{4}$/)
    // The photo was compressed in the browser before upload and is served back from storage.
    const photoSrc = await page.locator('.bg-photo-item img').first().getAttribute('src')
    const photo = await page.evaluate(async (src) => {
      const response = await fetch(src!)
      const bitmap = await createImageBitmap(await response.blob())
      return { status: response.status, type: response.headers.get('content-type'), width: bitmap.width }
    }, photoSrc)
    expect(photo).toEqual({ status: 200, type: 'image/jpeg', width: 1280 })
    await screenshot(page, '02-resident-case-detail')

    const member = await browser.newContext({ viewport: { width: 390, height: 844 } })
    const staffPage = await member.newPage()
    staffPage.on('pageerror', (error) => pageErrors.push(error.message))
    await signInAs(staffPage, emulator.url, 'demo-grid-member', '网格员小许')
    await openPage(staffPage, emulator.url, 'pages/home/index')
    await staffPage.locator('.bg-board-entry:visible').first().click()
    await staffPage.waitForSelector(`.bg-case-card-${caseNo}`)
    expect(await staffPage.textContent(`.bg-case-card-${caseNo}`)).toContain('出入车辆未100%冲洗')
    await screenshot(staffPage, '03-grid-member-board')

    await staffPage.click(`.bg-claim-${caseNo}`)
    await staffPage.waitForSelector(`.bg-claim-${caseNo}`, { state: 'detached' })
    expect(await staffPage.textContent(`.bg-case-card-${caseNo}`)).toContain('网格员小许')
    await screenshot(staffPage, '04-grid-member-claimed')

    await page.reload()
    await page.waitForSelector('.bg-timeline')
    expect(await page.textContent('.bg-case-status')).toContain('处理中')
    expect(await page.textContent('.bg-timeline')).toContain('认领')
    await screenshot(page, '05-resident-timeline')
    expect(pageErrors).toEqual([])
  })
})
