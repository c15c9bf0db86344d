import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { configFromEnv } from '../../emulator/config'
import { demoPhotoPng } from '../../emulator/demo/photo'
import { startEmulator, type RunningEmulator } from '../../emulator/main'
import {
  artifactsDir,
  choosePhoto,
  confirmAct,
  confirmModal,
  launchChromium,
  openPage,
  pickRow,
  screenshot,
  signInAs,
  toastSays,
} from './support/browser'

const root = path.resolve(__dirname, '..', '..')

/**
 * The whole story in a real browser on the emulator, as the people in it would walk it:
 * a resident reports pollution with a photo (and joins no existing case), the grid member claims it and
 * rectifies it with an after-photo, the community's grid leader verifies the fix, and the resident follows the
 * timeline and confirms with a rating. Every screen is saved to .artifacts/e2e/.
 */
describe('the whole story, report to confirmed fix (H5 in chromium)', () => {
  let emulator: RunningEmulator
  let browser: Browser
  let dataDir: string
  let photoFile: string
  let afterPhotoFile: string
  const pageErrors: string[] = []

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bluegrid-e2e-'))
    photoFile = path.join(dataDir, 'truck.png')
    afterPhotoFile = path.join(dataDir, 'washed.png')
    fs.writeFileSync(photoFile, demoPhotoPng(1600, 1200, [190, 170, 140]))
    fs.writeFileSync(afterPhotoFile, demoPhotoPng(1200, 1600, [120, 170, 200]))
    emulator = await startEmulator({ ...configFromEnv({}, root), port: 0, dataDir, timers: false }, () => {})
    browser = await launchChromium()
    console.log(`screenshots: ${artifactsDir}`)
  })

  afterAll(async () => {
    await browser?.close()
    await emulator?.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  /** One person on their own phone: a browser context of their own (cookies, storage). */
  async function person(openid: string, nickname: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 })
    const page = await context.newPage()
    page.on('pageerror', (error) => pageErrors.push(`${openid}: ${error.message}`))
    await signInAs(page, emulator.url, openid, nickname)
    return page
  }

  it('is reported, claimed, rectified with an after-photo, verified, and confirmed with a rating', async () => {
    // ---- 林女士, a resident: 随手拍 ----
    const resident = await person('demo-resident', '林女士')
    await screenshot(resident, '01-resident-me')
    await openPage(resident, emulator.url, 'pages/home/index')
    await resident.waitForSelector('.bg-home__me')
    await screenshot(resident, '02-resident-home')
    await resident.click('.bg-report-entry')
    await resident.waitForSelector('.bg-photo-input')

    // The first photo asks for consent (the browser's one-time privacy notice), then opens the chooser.
    await resident.click('.bg-photo-input')
    await resident.waitForSelector('.bg-privacy-agree')
    await screenshot(resident, '03-resident-privacy-notice')
    const [chooser] = await Promise.all([
      resident.waitForEvent('filechooser'),
      resident.click('.bg-privacy-agree'),
    ])
    await chooser.setFiles(photoFile)
    await resident.waitForSelector('.bg-photo-item:not(.bg-photo-item--uploading)')

    // Submitting without a category is refused next to the field, in Chinese.
    await resident.click('.bg-report-submit')
    await resident.waitForSelector('.bg-field-error-categoryId')
    expect(await resident.textContent('.bg-field-error-categoryId')).toMatch(/请选择/)

    await pickRow(resident, '.bg-category-picker', 1) // 建筑工地
    await pickRow(resident, '.bg-check-picker', 2) // 出入车辆未100%冲洗
    await resident.click('.bg-demo-location')
    await resident.fill('.bg-description-input textarea', '渣土车未冲洗驶出工地，路面有泥')
    // Open cases of the same category nearby are shown before submitting; here only her own earlier report.
    await resident.waitForSelector('.bg-nearby')
    expect(await resident.textContent('.bg-nearby')).toContain('这是您举报的问题')
    expect(await resident.locator('.bg-join').count()).toBe(0)
    await screenshot(resident, '04-resident-report-filled')
    await resident.click('.bg-report-submit')

    await resident.waitForURL(/case-detail/)
    await resident.waitForSelector('.bg-case-status')
    expect(await resident.textContent('.bg-case-status')).toContain('待认领')
    expect(await resident.textContent('.bg-grid-label')).toContain('映月路社区第1网格')
    const caseNo = ((await resident.textContent('.bg-case-no')) ?? '').replace('编号', '').trim()
    expect(caseNo).toMatch(/^\d{8}-\d{4}$/)
    const caseUrl = resident.url()
    // The photo was compressed in the browser before upload and is served back from storage.
    const photoSrc = await resident
      .locator('.bg-photos-before .bg-photo-item img')
      .first()
      .getAttribute('src')
    const photo = await resident.evaluate(async (src) => {
      const response = await fetch(src!)
      const bitmap = await createImageBitmap(await response.blob())
      return { status: response.status, type: response.headers.get('content-type'), width: bitmap.width }
    }, photoSrc)
    expect(photo).toEqual({ status: 200, type: 'image/jpeg', width: 1280 })
    await screenshot(resident, '05-resident-case-submitted')

    // ---- 网格员小许, the grid member: the board, claim, rectify ----
    const member = await person('demo-grid-member', '网格员小许')
    await openPage(member, emulator.url, 'pages/home/index')
    await member.locator('.bg-board-entry:visible').first().click()
    await member.waitForSelector(`.bg-case-card-${caseNo}`)
    expect(await member.textContent(`.bg-case-card-${caseNo}`)).toContain('出入车辆未100%冲洗')
    expect(await member.textContent(`.bg-case-card-${caseNo}`)).toMatch(/已等待/)
    await screenshot(member, '06-member-board')

    await member.click(`.bg-case-card-${caseNo} .bg-case-card__body`)
    await member.waitForURL(/pkg-staff\/pages\/handle/)
    await member.waitForSelector('.bg-act-claim')
    await screenshot(member, '07-member-handle-pending')
    await member.click('.bg-act-claim')
    await member.waitForSelector('.bg-action-dialog-claim .nut-dialog-footer-ok')
    await screenshot(member, '08-member-claim-confirm')
    await confirmAct(member)
    await toastSays(member, '认领成功')
    await member.waitForFunction(() =>
      document.querySelector('.bg-case-status')?.textContent?.includes('处理中'),
    )
    expect(await member.textContent('.bg-claimed-by')).toContain('网格员小许')

    await member.click('.bg-act-rectify')
    await member.waitForSelector('.bg-action-dialog-rectify .bg-measure-choices')
    await member.locator('.bg-action-dialog .bg-measure-choices').getByText('现场整治').click()
    await member.fill('.bg-action-dialog .bg-act-note textarea', '已督促工地冲洗车辆并清扫路面')
    await choosePhoto(member, '.bg-action-dialog .bg-photo-input', afterPhotoFile)
    await member.waitForSelector('.bg-action-dialog .bg-photo-item:not(.bg-photo-item--uploading)')
    await screenshot(member, '09-member-rectify-form')
    await confirmAct(member)
    await toastSays(member, /已提交整改/)
    await member.waitForFunction(() =>
      document.querySelector('.bg-case-status')?.textContent?.includes('已整改待核查'),
    )
    await member.waitForSelector('.bg-photos-after .bg-photo-item')
    await screenshot(member, '10-member-rectified')

    // ---- 方网格长, the community's grid leader (level 2): verify ----
    const leader = await person('demo-grid-leader-2', '方网格长')
    await openPage(leader, emulator.url, 'pages/home/index')
    await leader.locator('.bg-board-entry:visible').first().click()
    await leader.waitForSelector(`.bg-case-card-${caseNo}`)
    await leader.click(`.bg-case-card-${caseNo} .bg-case-card__body`)
    await leader.waitForSelector('.bg-act-verify')
    await screenshot(leader, '11-leader-handle-rectified')
    await leader.click('.bg-act-verify')
    await leader.locator('.bg-action-dialog .bg-verdict-choices').getByText('通过', { exact: true }).click()
    await leader.fill('.bg-action-dialog .bg-act-note textarea', '现场复核，路面已清洁')
    await screenshot(leader, '12-leader-verify-form')
    await confirmAct(leader)
    await toastSays(leader, '核查通过，已请举报人确认')
    await leader.waitForFunction(() =>
      document.querySelector('.bg-case-status')?.textContent?.includes('待市民确认'),
    )
    await screenshot(leader, '13-leader-verified')

    // ---- 林女士 again: the timeline, before and after, confirm with a rating ----
    await resident.goto(caseUrl)
    await resident.reload()
    await resident.waitForSelector('.bg-feedback')
    const labels = await resident.locator('.bg-timeline__label').allTextContents()
    expect(labels.slice(0, 4)).toEqual(['核查通过', '已整改', '认领', '登记'])
    await resident.waitForSelector('.bg-photos-after .bg-photo-item img')
    await screenshot(resident, '14-resident-timeline-before-after')

    await resident.locator('.bg-rating .nut-rate-item').nth(4).click()
    await resident.fill('.bg-feedback-comment textarea', '处理很及时，谢谢')
    await screenshot(resident, '15-resident-rating')
    await resident.click('.bg-feedback-send')
    await confirmModal(resident)
    await toastSays(resident, '已确认结案，感谢您的评价')
    await resident.waitForFunction(() =>
      document.querySelector('.bg-case-status')?.textContent?.includes('已结案'),
    )
    await resident.waitForSelector('.bg-rated')
    await screenshot(resident, '16-resident-closed')

    // Her messages: every step reached her in the app (the browser has no WeChat subscription messages).
    // Notifications reach the inbox when the relay runs, every minute; timers are off here, so fire it.
    await emulator.host.fireTimer('jobs', 'relay-every-minute', new Date())
    await openPage(resident, emulator.url, 'pages/messages/index')
    await resident.waitForSelector('.bg-message')
    expect(await resident.textContent('.bg-messages')).toContain('请确认整改结果')
    await screenshot(resident, '17-resident-messages')
    await openPage(resident, emulator.url, 'pages/my-cases/index')
    await resident.waitForSelector(`.bg-case-card-${caseNo}`)
    await screenshot(resident, '18-resident-my-cases')

    expect(pageErrors).toEqual([])
  }, 180_000)
})
