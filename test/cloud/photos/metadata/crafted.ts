/** Hand-built image bytes for the strippers' tests: small, exact, and hostile where a test wants it. */
import { crc32 } from '../../../../cloudfunctions/shared/photos/metadata/png'
import { demoPhotoPng } from '../../../../emulator/demo/photo'

export const jpegParts = {
  soi: Buffer.from([0xff, 0xd8]),
  eoi: Buffer.from([0xff, 0xd9]),
  /** A marker segment whose stated length covers its body. */
  segment(marker: number, body: Buffer | string): Buffer {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'latin1') : body
    const header = Buffer.from([0xff, marker, 0, 0])
    header.writeUInt16BE(bytes.length + 2, 2)
    return Buffer.concat([header, bytes])
  },
  /** JFIF 1.1 at 72 dpi, with a 1×1 thumbnail (3 bytes of RGB) unless told otherwise. */
  jfif(thumbnail = true): Buffer {
    const head = Buffer.from([
      0x4a,
      0x46,
      0x49,
      0x46,
      0,
      1,
      1,
      1,
      0,
      72,
      0,
      72,
      thumbnail ? 1 : 0,
      thumbnail ? 1 : 0,
    ])
    return jpegParts.segment(0xe0, thumbnail ? Buffer.concat([head, Buffer.from([9, 8, 7])]) : head)
  },
  dqt: (): Buffer => jpegParts.segment(0xdb, Buffer.concat([Buffer.from([0]), Buffer.alloc(64, 1)])),
  dht: (): Buffer =>
    jpegParts.segment(0xc4, Buffer.concat([Buffer.from([0]), Buffer.alloc(16), Buffer.from([])])),
  /** A baseline frame of 8×8 pixels, one component. */
  sof: (marker = 0xc0): Buffer => jpegParts.segment(marker, Buffer.from([8, 0, 8, 0, 8, 1, 1, 0x11, 0])),
  sos: (): Buffer => jpegParts.segment(0xda, Buffer.from([1, 1, 0, 0, 63, 0])),
  /** Entropy-coded data with a stuffed 0xFF and a restart marker, neither of which ends the scan. */
  scanData: Buffer.from([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0x78]),
  exif: (): Buffer => jpegParts.segment(0xe1, 'Exif\0\0MM\0*GPSLatitude 34.7288 GPSLongitude 113.6925'),
  xmp: (): Buffer =>
    jpegParts.segment(
      0xe1,
      'http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:GPSLatitude>34,43.7N</exif:GPSLatitude>',
    ),
  /** Photoshop's image resources, where IPTC keeps captions, names and places. */
  iptc: (): Buffer => jpegParts.segment(0xed, 'Photoshop 3.0\x008BIM\x04\x04IPTC City: Zhengzhou'),
  icc: (): Buffer => jpegParts.segment(0xe2, 'ICC_PROFILE\0\x01\x01profile-bytes'),
  adobe: (): Buffer =>
    jpegParts.segment(0xee, Buffer.from([0x41, 0x64, 0x6f, 0x62, 0x65, 0, 100, 0, 0, 0, 0, 1])),
  comment: (): Buffer => jpegParts.segment(0xfe, 'shot at home, 12 Hanghai East Road'),
}

/** The smallest JPEG the stripper accepts: SOI, tables, a frame, one scan, EOI. */
export function plainJpeg(): Buffer {
  const j = jpegParts
  return Buffer.concat([j.soi, j.dqt(), j.sof(), j.dht(), j.sos(), j.scanData, j.eoi])
}

export function pngChunk(type: string, data: Buffer | string): Buffer {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data
  const length = Buffer.alloc(4)
  length.writeUInt32BE(bytes.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), bytes])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** A real PNG cut into its chunks: signature, IHDR, the rest up to IEND, IEND. */
export function pngParts() {
  const png = demoPhotoPng(4, 3, [200, 120, 40])
  const iend = png.subarray(png.length - 12)
  const ihdrEnd = 8 + 12 + 13
  return {
    signature: png.subarray(0, 8),
    ihdr: png.subarray(8, ihdrEnd),
    image: png.subarray(ihdrEnd, png.length - 12),
    iend,
    png,
  }
}

export function webpChunk(fourcc: string, payload: Buffer | string): Buffer {
  const bytes = typeof payload === 'string' ? Buffer.from(payload, 'latin1') : payload
  const header = Buffer.alloc(8)
  header.write(fourcc, 0, 'latin1')
  header.writeUInt32LE(bytes.length, 4)
  return Buffer.concat([header, bytes, bytes.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)])
}

/** A RIFF WEBP container around the chunks, its size stated as given or as it is. */
export function webp(chunks: Buffer[], statedSize?: number): Buffer {
  const body = Buffer.concat([Buffer.from('WEBP', 'latin1'), ...chunks])
  const header = Buffer.alloc(8)
  header.write('RIFF', 0, 'latin1')
  header.writeUInt32LE(statedSize ?? body.length, 4)
  return Buffer.concat([header, body])
}

/** A VP8X header with the given flags for a 16×16 canvas. */
export function vp8x(flags: number): Buffer {
  const payload = Buffer.alloc(10)
  payload[0] = flags
  payload.writeUIntLE(15, 4, 3)
  payload.writeUIntLE(15, 7, 3)
  return webpChunk('VP8X', payload)
}

/** A lossless bitstream chunk (its bytes are the image's business, not the stripper's). */
export const vp8l = (): Buffer => webpChunk('VP8L', Buffer.from([0x2f, 0x0f, 0xc0, 0x03, 0x00, 0x07, 0x10]))
