import { stripPng } from '../../../../cloudfunctions/shared/photos/metadata/png'
import { pngChunk, pngParts } from './crafted'

describe('stripping a PNG', () => {
  const { signature, ihdr, image, iend, png } = pngParts()
  const refuse = (bytes: Buffer) => expect(() => stripPng(bytes)).toThrow(/^PNG: /)

  it('drops text, compressed and international text, EXIF, the time and private chunks', () => {
    const withMetadata = Buffer.concat([
      signature,
      ihdr,
      pngChunk('tEXt', 'Comment\0taken at 34.7288,113.6925'),
      pngChunk('zTXt', 'Author\0\0x\x9c'),
      pngChunk('iTXt', 'XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta>GPSLatitude</x:xmpmeta>'),
      pngChunk('eXIf', 'MM\0*GPSLatitude'),
      pngChunk('tIME', Buffer.from([0x07, 0xea, 11, 23, 10, 0, 0])),
      pngChunk('prVt', 'phone serial 1234'),
      image,
      iend,
    ])
    const stripped = stripPng(withMetadata)
    expect(stripped).toEqual(png)
    for (const secret of ['34.7288', 'GPSLatitude', 'tIME', 'serial']) {
      expect(stripped.includes(Buffer.from(secret))).toBe(false)
    }
  })

  it('keeps the chunks that change how it looks (density, colour profile, transparency)', () => {
    const pHYs = pngChunk('pHYs', Buffer.from([0, 0, 0x0b, 0x13, 0, 0, 0x0b, 0x13, 1]))
    const iCCP = pngChunk('iCCP', 'sRGB\0\0profile')
    const tRNS = pngChunk('tRNS', Buffer.from([0, 0, 0, 0, 0, 0]))
    const kept = Buffer.concat([signature, ihdr, pHYs, iCCP, tRNS, image, iend])
    expect(stripPng(kept)).toEqual(kept)
  })

  it('drops whatever follows IEND', () => {
    expect(stripPng(Buffer.concat([png, pngChunk('tEXt', 'after\0the end'), Buffer.from('junk')]))).toEqual(
      png,
    )
  })

  it('refuses a chunk whose length runs past the end, and a chunk that fails its CRC', () => {
    const long = pngChunk('tEXt', 'Comment\0hello')
    long.writeUInt32BE(0x00ffffff, 0)
    refuse(Buffer.concat([signature, ihdr, long, image, iend]))
    const corrupt = pngChunk('tEXt', 'Comment\0hello')
    corrupt.writeUInt8(corrupt.readUInt8(corrupt.length - 1) ^ 0xff, corrupt.length - 1)
    refuse(Buffer.concat([signature, ihdr, corrupt, image, iend]))
  })

  it('refuses every truncation, and a file without IHDR first, without image data or with an unknown critical chunk', () => {
    for (let length = 0; length < png.length; length += 1) refuse(png.subarray(0, length))
    refuse(Buffer.concat([signature, image, ihdr, iend]))
    refuse(Buffer.concat([signature, ihdr, iend]))
    refuse(Buffer.concat([signature, ihdr, pngChunk('ABCD', 'critical?'), image, iend]))
    refuse(Buffer.concat([signature, ihdr, pngChunk('IEND', 'data'), image, iend]))
  })
})
