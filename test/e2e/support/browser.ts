import fs from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { chromiumArgs, chromiumExecutable } from '../../../config/chromium'

export const artifactsDir = path.resolve(__dirname, '..', '..', '..', '.artifacts', 'e2e')

/** Debian's chromium (CI installs it); playwright cannot download its own browser here. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumExecutable(), args: chromiumArgs })
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(artifactsDir, { recursive: true })
  const file = path.join(artifactsDir, `${name}.png`)
  // Let Taro's transitions settle so the picture shows the final state.
  await page.waitForTimeout(400)
  await page.screenshot({ path: file, fullPage: true })
  return file
}

/**
 * Chooses row `index` of a Taro H5 picker: Taro moves the picker's overlay out of the picker element, and
 * its column scrolls by dragging (34 px a row), then 确定 confirms.
 */
export async function pickRow(page: Page, pickerSelector: string, index: number): Promise<void> {
  await page.click(pickerSelector)
  const overlay = page.locator('.weui-picker__overlay:not([style*="display: none"])')
  const column = overlay.locator('.weui-picker__bd').first()
  await column.waitFor({ state: 'visible' })
  await page.waitForTimeout(500)
  const box = await column.boundingBox()
  if (!box) throw new Error(`picker ${pickerSelector} has no visible column`)
  const x = box.x + box.width / 2
  const y = box.y + box.height / 2
  await page.mouse.move(x, y)
  await page.mouse.down()
  for (let step = 1; step <= 10; step += 1) await page.mouse.move(x, y - (index * 34 * step) / 10)
  await page.mouse.up()
  await page.waitForTimeout(400)
  await overlay.locator('.weui-picker__action').last().click()
  await overlay.waitFor({ state: 'hidden' })
}

let loads = 0

/**
 * Opens a page with a full document load. A goto that changes only the hash is a same-document navigation,
 * which can leave an earlier page instance (rendered before sign-in) on screen.
 */
export async function openPage(page: Page, baseUrl: string, route: string): Promise<void> {
  loads += 1
  await page.goto(`${baseUrl}/?load=${loads}#/${route}`)
}

/** Signs in through the emulator's dev login on the 我的 page, as a person would. */
export async function signInAs(page: Page, baseUrl: string, openid: string, nickname: string): Promise<void> {
  await openPage(page, baseUrl, 'pages/me/index')
  await page.click(`.bg-login-${openid}`)
  await page.waitForFunction(
    (name) => document.querySelector('.bg-me-nickname')?.textContent === name,
    nickname,
  )
}

/**
 * Taps something that takes photos and answers the file chooser with `file`. The first time in a browser the
 * privacy notice comes first (H5's one-time notice); its agree tap then opens the chooser.
 */
export async function choosePhoto(page: Page, tapSelector: string, file: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser')
  await page.click(tapSelector)
  const first = await Promise.race([
    chooser.then(() => 'chooser' as const),
    page.waitForSelector('.bg-privacy-agree', { state: 'visible' }).then(() => 'notice' as const),
  ])
  if (first === 'notice') await page.click('.bg-privacy-agree')
  await (await chooser).setFiles(file)
}

/** Confirms the open NutUI modal of an act on the handling page. */
export async function confirmAct(page: Page): Promise<void> {
  await page.locator('.bg-action-dialog .nut-dialog-footer-ok').click()
  await page.locator('.bg-action-dialog .nut-dialog-footer-ok').waitFor({ state: 'detached' })
}

/** Confirms Taro's H5 modal (Taro.showModal). */
export async function confirmModal(page: Page): Promise<void> {
  await page.locator('.taro-model__confirm:visible').click()
}

/** Waits for a toast (Taro.showToast on H5) showing `text`. */
export async function toastSays(page: Page, text: string | RegExp): Promise<void> {
  // The toast's outer element has no box of its own (its parts are fixed-positioned): wait for the text itself.
  await page.locator('.taro__toast').getByText(text).first().waitFor({ state: 'visible' })
}
