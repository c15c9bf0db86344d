import { UnparseableImage } from './image-types'

const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** The critical chunks a PNG may have; any other critical chunk is one a decoder would refuse too. */
const criticalChunks = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND'])
/**
 * Ancillary chunks that change how the image looks (transparency, colour, density, animation frames).
 * Every other ancillary chunk is dropped: text (tEXt, zTXt, iTXt, where XMP lives), EXIF (eXIf), the
 * modification time (tIME), and private chunks of any camera or editor.
 */
const renderingChunks = new Set([
  'tRNS',
  'gAMA',
  'cHRM',
  'sRGB',
  'iCCP',
  'cICP',
  'mDCV',
  'cLLI',
  'sBIT',
  'bKGD',
  'hIST',
  'pHYs',
  'acTL',
  'fcTL',
  'fdAT',
])

/**
 * A PNG rebuilt from its image and rendering chunks, or a refusal. Every chunk's length must fit and its
 * CRC must match, IHDR must come first and IEND last; whatever follows IEND is dropped.
 */
export function stripPng(png: Buffer): Buffer {
  if (png.length < signature.length || !png.subarray(0, 8).equals(signature)) fail('no PNG signature')
  const kept: Buffer[] = [signature]
  let offset = signature.length
  let images = 0
  let first = true
  for (;;) {
    if (offset + 12 > png.length) fail('the file ends before its IEND chunk')
    const length = png.readUInt32BE(offset)
    const type = png.subarray(offset + 4, offset + 8).toString('latin1')
    const end = offset + 12 + length
    if (length > 0x7fffffff || end > png.length) fail(`chunk ${JSON.stringify(type)} runs past the end`)
    if (!/^[A-Za-z]{4}$/.test(type)) fail('a chunk type that is not four letters')
    const stated = png.readUInt32BE(end - 4)
    if (crc32(png.subarray(offset + 4, end - 4)) !== stated) fail(`chunk ${type} fails its CRC`)
    const chunk = png.subarray(offset, end)
    offset = end

    if (first) {
      if (type !== 'IHDR' || length !== 13) fail('the first chunk is not a 13-byte IHDR')
      first = false
      kept.push(chunk)
      continue
    }
    if (type === 'IEND') {
      if (length !== 0) fail('IEND carries data')
      if (images === 0) fail('no image data')
      kept.push(chunk)
      return Buffer.concat(kept)
    }
    const critical = type.charCodeAt(0) < 0x61
    if (critical) {
      if (!criticalChunks.has(type) || type === 'IHDR') fail(`critical chunk ${type} is not allowed here`)
      if (type === 'IDAT') images += 1
      kept.push(chunk)
    } else if (renderingChunks.has(type)) {
      kept.push(chunk)
    }
  }
}

function fail(reason: string): never {
  throw new UnparseableImage(`PNG: ${reason}`)
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let bit = 0; bit < 8; bit += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

/** CRC-32 as PNG computes it over a chunk's type and data. */
export function crc32(bytes: Buffer): number {
  let crc = 0xffffffff
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}
