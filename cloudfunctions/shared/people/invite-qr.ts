import { deflateSync } from 'node:zlib'
import QRCode from 'qrcode'
import { joinPage, joinPath, joinScene } from '../../../src/domain/people/onboarding'
import type { Runtime } from '../runtime/runtime'

/** Pixels per QR module, and the quiet zone around the code in modules (the standard asks for 4). */
const modulePixels = 8
const quietModules = 4

/**
 * A QR code of `text` as a PNG (8-bit grey), large enough to print on an invitation and to scan from a
 * screen. Medium error correction: a printed sheet survives a fold or a smudge. The matrix comes from
 * `qrcode`; the PNG is written here with node's zlib, which is many times faster than qrcode's own writer.
 */
export async function renderQrPng(text: string): Promise<Buffer> {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' })
  const side = (modules.size + 2 * quietModules) * modulePixels
  const row = side + 1
  const raw = Buffer.alloc(row * side, 0xff)
  for (let y = 0; y < side; y += 1) {
    raw[y * row] = 0 // filter: none
    const moduleY = Math.floor(y / modulePixels) - quietModules
    for (let x = 0; x < side; x += 1) {
      const moduleX = Math.floor(x / modulePixels) - quietModules
      const inside = moduleX >= 0 && moduleY >= 0 && moduleX < modules.size && moduleY < modules.size
      if (inside && modules.get(moduleY, moduleX)) raw[y * row + 1 + x] = 0
    }
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(side, 0)
  header.writeUInt32BE(side, 4)
  header.set([8, 0, 0, 0, 0], 8) // 8 bits, greyscale, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/** The same PNG as a data URL, which an `<Image>` shows and a page can offer for saving. */
export async function qrDataUrl(text: string): Promise<string> {
  return `data:image/png;base64,${(await renderQrPng(text)).toString('base64')}`
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

/**
 * The invite's image: WeChat's mini-program code of the join page (wxacode.getUnlimited, the code a phone's
 * WeChat opens the mini-program with; its scene carries the invite code), or, where WeChat makes none (a page
 * not yet released, a refusal, no answer), a QR code of the page link, rendered here. No database request.
 */
export async function inviteQr(runtime: Runtime, code: string): Promise<string> {
  try {
    const answer = await runtime.wechat.call('wxacode.getUnlimited', {
      scene: joinScene(code),
      page: joinPage,
      checkPath: false,
    })
    if (answer.errCode === 0 && answer.buffer && answer.buffer.length > 0) {
      const type = answer.contentType ?? 'image/png'
      return `data:${type};base64,${Buffer.from(answer.buffer).toString('base64')}`
    }
    console.warn(`[people] no mini-program code for an invite: ${answer.errCode} ${answer.errMsg}`)
  } catch (error) {
    console.warn('[people] no mini-program code for an invite:', String(error))
  }
  return qrDataUrl(joinPath(code))
}
