import { deflateSync } from 'node:zlib'

/**
 * Draws a small PNG (a sky-to-haze gradient with a dark band, suggesting smoke) so that demo cases have
 * real images without shipping binary files. Pure: the same arguments give the same bytes.
 */
export function demoPhotoPng(width: number, height: number, hue: [number, number, number]): Buffer {
  const rows: Buffer[] = []
  for (let y = 0; y < height; y += 1) {
    const row = Buffer.alloc(1 + width * 3)
    const haze = y / height
    for (let x = 0; x < width; x += 1) {
      const smoke = Math.abs(y - height * 0.55 - Math.sin(x / 9) * height * 0.08) < height * 0.09
      const shade = smoke ? 0.35 : 1 - haze * 0.4
      row[1 + x * 3] = Math.round(hue[0] * shade)
      row[2 + x * 3] = Math.round(hue[1] * shade)
      row[3 + x * 3] = Math.round(hue[2] * shade)
    }
    rows.push(row)
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bit depth
  header[9] = 2 // truecolour RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff
  for (const byte of bytes) {
    crc ^= byte
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1
  }
  return (crc ^ 0xffffffff) >>> 0
}
