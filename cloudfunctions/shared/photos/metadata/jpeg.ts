import { UnparseableImage } from './image-types'

const SOI = 0xd8
const EOI = 0xd9
const SOS = 0xda
const APP0 = 0xe0
const APP2 = 0xe2
const APP14 = 0xee
const COM = 0xfe

/** Start-of-frame markers of the baseline, extended, progressive and lossless processes (not hierarchical). */
const frameMarkers = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf])
/** Tables and settings that decoding needs: DHT, DAC, DQT, DRI, DNL. */
const tableMarkers = new Set([0xc4, 0xcc, 0xdb, 0xdd, 0xdc])

const jfifTag = Buffer.from('JFIF\0', 'latin1')
const iccTag = Buffer.from('ICC_PROFILE\0', 'latin1')
const adobeTag = Buffer.from('Adobe', 'latin1')

/**
 * A JPEG rebuilt from the segments decoding needs, or a refusal. It walks the whole file: every segment's
 * length must fit, the frame must come before its scans, and the image must end with its end-of-image
 * marker; anything it does not recognise is refused rather than copied. Kept: the frame, the tables, the
 * scans, a JFIF header without its thumbnail, an ICC colour profile (APP2) and Adobe's colour-transform
 * flag (APP14, which CMYK images need to decode). Dropped: every other APPn (EXIF and XMP in APP1, which
 * carry the camera's GPS position; Photoshop's IPTC in APP13), comments, and whatever follows the end of
 * the image (a second image or a vendor trailer).
 */
export function stripJpeg(jpeg: Buffer): Buffer {
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== SOI) fail('no start-of-image marker')
  const kept: Buffer[] = [Buffer.from([0xff, SOI])]
  let offset = 2
  let framed = false
  let scans = 0
  for (;;) {
    if (offset >= jpeg.length) fail('the file ends before its end-of-image marker')
    if (jpeg[offset] !== 0xff) fail(`no marker at byte ${offset}`)
    // Any number of 0xFF fill bytes may come before a marker.
    while (offset < jpeg.length && jpeg[offset] === 0xff) offset += 1
    if (offset >= jpeg.length) fail('the file ends inside a marker')
    const marker = jpeg[offset]!
    offset += 1

    if (marker === EOI) {
      if (!framed || scans === 0) fail('the image ends before it has a frame and a scan')
      kept.push(Buffer.from([0xff, EOI]))
      return Buffer.concat(kept)
    }
    if (offset + 2 > jpeg.length) fail(`the length of marker 0x${marker.toString(16)} is cut off`)
    const length = jpeg.readUInt16BE(offset)
    const end = offset + length
    if (length < 2) fail(`marker 0x${marker.toString(16)} states a length below 2`)
    if (end > jpeg.length) fail(`marker 0x${marker.toString(16)} runs past the end of the file`)
    const body = jpeg.subarray(offset + 2, end)
    const segment = Buffer.concat([Buffer.from([0xff, marker]), jpeg.subarray(offset, end)])
    offset = end

    if (marker === SOS) {
      const components = body[0] ?? 0
      if (!framed) fail('a scan comes before the frame')
      if (components < 1 || components > 4 || length !== 6 + 2 * components) fail('a malformed scan header')
      kept.push(segment)
      const dataEnd = endOfScan(jpeg, offset)
      if (dataEnd === null) fail('the scan data runs to the end of the file')
      kept.push(jpeg.subarray(offset, dataEnd))
      offset = dataEnd
      scans += 1
    } else if (frameMarkers.has(marker)) {
      const components = body[5] ?? 0
      if (framed) fail('a second frame')
      if (components < 1 || length !== 8 + 3 * components) fail('a malformed frame header')
      framed = true
      kept.push(segment)
    } else if (tableMarkers.has(marker)) {
      kept.push(segment)
    } else if (marker === APP0) {
      // JFIF's header stays (it states the pixel density); its thumbnail, a picture of its own, does not.
      if (startsWith(body, jfifTag)) {
        if (body.length < 14) fail('a truncated JFIF header')
        const header = Buffer.from(body.subarray(0, 14))
        header[12] = 0
        header[13] = 0
        kept.push(Buffer.concat([Buffer.from([0xff, APP0, 0x00, 16]), header]))
      }
    } else if (marker === APP2) {
      if (startsWith(body, iccTag)) kept.push(segment)
    } else if (marker === APP14) {
      if (startsWith(body, adobeTag) && body.length === 12) kept.push(segment)
    } else if ((marker >= 0xe0 && marker <= 0xef) || marker === COM) {
      // Metadata (EXIF, XMP, IPTC, maker notes, comments): dropped.
    } else {
      fail(`marker 0x${marker.toString(16)} is not one this parser knows`)
    }
  }
}

/**
 * Where a scan's entropy-coded data ends: at the first marker other than a stuffed zero or a restart
 * marker. Null when the data runs to the end of the file.
 */
function endOfScan(jpeg: Buffer, from: number): number | null {
  let at = from
  while (at < jpeg.length) {
    if (jpeg[at] !== 0xff) {
      at += 1
      continue
    }
    const next = jpeg[at + 1]
    if (next === undefined) return null
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) {
      at += 2
      continue
    }
    return at
  }
  return null
}

function fail(reason: string): never {
  throw new UnparseableImage(`JPEG: ${reason}`)
}

function startsWith(body: Buffer, tag: Buffer): boolean {
  return body.length >= tag.length && body.subarray(0, tag.length).equals(tag)
}
