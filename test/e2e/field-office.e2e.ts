import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { configFromEnv } from '../../emulator/config'
import { startEmulator, type RunningEmulator } from '../../emulator/main'
import { signedReading } from '../factories/stations'
import {
  artifactsDir,
  launchChromium,
  openPage,
  pickRow,
  screenshot,
  signInAs,
  toastSays,
} from './support/browser'

const root = path.resolve(__dirname, '..', '..')
// Three flows of a dozen screens each, on a machine that may be busy.
jest.setTimeout(180_000)

/**
 * The district office's field pages in a real browser on the emulator: it sets a heavy-pollution alert and
 * sees the banner, registers a monitoring station and sees its secret once (and, once the station reads over
 * the threshold, its curve), and registers a site with the form and changes it. Screens 24–29 and 43–46.
 */
describe('the district office’s alerts, stations and site form (H5 in chromium)', () => {
  let emulator: RunningEmulator
  let browser: Browser
  let dataDir: string
  const pageErrors: string[] = []

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bluegrid-e2e-field-office-'))
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

  it('sets an orange alert from the desk, sees it in force and on the home banner, and a resident sees it too', async () => {
    const office = await person('demo-air-office', '大气办小江')
    await openPage(office, emulator.url, 'pages/home/index')
    await office.click('.bg-desk-alerts')
    await office.waitForSelector('text=本区当前没有生效的重污染天气预警')
    await office.click('.bg-alert-level-orange')
    await office.waitForSelector('.bg-alerts-measures-preview')
    await office.click('.bg-alert-duration-48')
    await office.fill('.bg-alert-note textarea', '依据市重污染天气应急指挥部通知')
    await screenshot(office, '24-office-alert-form')

    await office.click('#bg-alert-submit')
    await toastSays(office, '橙色预警已发布')
    await office.waitForSelector('.bg-alerts-current-level')
    expect(await office.textContent('.bg-alerts-current-level')).toBe('橙色预警')
    await office.waitForSelector('text=预警记录 · 共 1 条')
    await office.waitForSelector('text=说明：依据市重污染天气应急指挥部通知')
    await screenshot(office, '25-office-alert-in-force')

    await openPage(office, emulator.url, 'pages/home/index')
    await office.waitForSelector('.bg-alert-banner--orange')
    await office.waitForSelector('.bg-desk-stations')
    await screenshot(office, '26-office-home-alert-banner')

    const resident = await person('demo-resident', '林女士')
    await openPage(resident, emulator.url, 'pages/home/index')
    await resident.waitForSelector('.bg-alert-banner--orange')
    expect(pageErrors).toEqual([])
  })

  it('registers a station, shows its secret once, then lists it and opens the curve of its episode', async () => {
    const office = await person('demo-air-office', '大气办小江')
    await openPage(office, emulator.url, 'pages/home/index')
    await office.click('.bg-desk-stations')
    await office.waitForSelector('#bg-station-submit')
    await office.fill('.bg-station-id-input input', 'gc-e2e-field-01')
    await office.fill('.bg-station-name-input input', '映月路东监测点')
    await office.click('.bg-demo-location')
    await office.fill('.bg-address-input input', '映月路与商鼎路交叉口东侧')
    await office.click('#bg-station-submit')
    await office.waitForSelector('.bg-station-secret-value')
    const secret = (await office.textContent('.bg-station-secret-value'))!.trim()
    expect(secret).toMatch(/^[\w-]{40,}$/)
    await office.waitForSelector('text=/站点密钥只显示这一次/')
    await office.click('.bg-station-copy')
    await screenshot(office, '27-office-station-secret-once')

    await office.click('.bg-station-secret-done')
    await office.waitForSelector('.bg-station-card-gc-e2e-field-01')
    await office.waitForSelector('#bg-station-submit')
    expect(await office.locator('body').textContent()).not.toContain(secret)
    await screenshot(office, '28-office-station-list')

    // An hour of readings over the threshold, signed with the secret the page showed.
    let caseId: string | undefined
    for (let minutes = 65; minutes >= 0; minutes -= 5) {
      const at = new Date(Date.now() - minutes * 60_000).toISOString()
      const signed = signedReading(secret, {
        stationId: 'gc-e2e-field-01',
        at,
        pm25: 70,
        pm10: 200 + minutes,
      })
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
    await openPage(office, emulator.url, 'pkg-staff/pages/stations/index')
    await office.waitForSelector('.bg-station-card-gc-e2e-field-01 .bg-station-tag--over')
    await office.click('.bg-station-card-gc-e2e-field-01 .bg-station-episode-toggle')
    await office.waitForSelector('.bg-station-peak')
    expect(await office.textContent('.bg-station-peak')).toContain('峰值 PM2.5 70')
    // The page scrolls inside Taro's container: bring the curve into the picture.
    await office.locator('.bg-station-episode__point').last().scrollIntoViewIfNeeded()
    await screenshot(office, '29-office-station-episode')
    expect(pageErrors).toEqual([])
  })

  it('registers a site with the form from the list, and changes it from its page', async () => {
    const office = await person('demo-air-office', '大气办小江')
    await openPage(office, emulator.url, 'pkg-staff/pages/sites/index')
    await office.click('.bg-sites__create')
    await office.waitForSelector('text=新增污染源')
    await office.fill('.bg-site-name-input input', '映月路东侧拆迁工地')
    await pickRow(office, '.bg-site-type-picker', 1)
    await office.waitForSelector('.bg-site-edit__value >> text=拆迁工地')
    await office.fill('.bg-site-responsibleUnit-input input', '管城区城市更新中心')
    await office.fill('.bg-site-contactName-input input', '王经理')
    await office.fill('.bg-site-contactPhone-input input', '13800000002')
    await office.click('.bg-demo-location')
    await office.fill('.bg-address-input input', '映月路东侧（原纺织厂宿舍）')
    await screenshot(office, '43-office-site-form-new')

    await office.click('#bg-site-save')
    await office.waitForSelector('text=关联问题（共 0 件）')
    await office.waitForSelector('text=类型：拆迁工地')
    await office.waitForSelector('text=责任单位：管城区城市更新中心')
    await screenshot(office, '44-office-site-created')

    await office.click('.bg-site__edit')
    await office.waitForSelector('text=修改污染源档案')
    await office.waitForFunction(
      () =>
        document.querySelector<HTMLInputElement>('.bg-site-name-input input')?.value === '映月路东侧拆迁工地',
    )
    await office.fill('.bg-site-contactName-input input', '李经理')
    await office.fill('.bg-site-contactPhone-input input', '电话')
    await office.click('#bg-site-save')
    await office.waitForSelector('text=联系电话格式不正确')
    await office.fill('.bg-site-contactPhone-input input', '13800000003')
    await screenshot(office, '45-office-site-form-edit')

    await office.click('#bg-site-save')
    await office.waitForSelector('text=联系人：李经理 13800000003')
    await screenshot(office, '46-office-site-changed')
    expect(pageErrors).toEqual([])
  })
})
