import { stripWebp } from '../../../../cloudfunctions/shared/photos/metadata/webp'
import { vp8l, vp8x, webp, webpChunk } from './crafted'

const exifFlag = 0x08
const xmpFlag = 0x04
const iccFlag = 0x20
const alphaFlag = 0x10
const exif = () => webpChunk('EXIF', 'MM\0*GPSLatitude 34.7288')
const xmp = () => webpChunk('XMP ', '<x:xmpmeta><exif:GPSLatitude>34,43.7N</exif:GPSLatitude></x:xmpmeta>')

describe('stripping a WebP', () => {
  const refuse = (bytes: Buffer) => expect(() => stripWebp(bytes)).toThrow(/^WebP: /)

  it('drops the EXIF and XMP chunks and clears their flags, fixing the RIFF size', () => {
    const icc = webpChunk('ICCP', 'profile')
    const alph = webpChunk('ALPH', Buffer.from([0, 1, 2]))
    const file = webp([vp8x(exifFlag | xmpFlag | iccFlag | alphaFlag), icc, alph, vp8l(), exif(), xmp()])
    const stripped = stripWebp(file)
    expect(stripped).toEqual(webp([vp8x(iccFlag | alphaFlag), icc, alph, vp8l()]))
    expect(stripped.readUInt32LE(4)).toBe(stripped.length - 8)
    expect(stripped.includes(Buffer.from('GPSLatitude'))).toBe(false)
  })

  it('clears the profile flag when there is no profile, and drops chunks it does not know', () => {
    expect(stripWebp(webp([vp8x(iccFlag | exifFlag), webpChunk('ZZZZ', 'who knows'), vp8l()]))).toEqual(
      webp([vp8x(0), vp8l()]),
    )
  })

  it('keeps a simple file’s one bitstream and nothing after it, inside or outside the RIFF', () => {
    expect(stripWebp(webp([vp8l(), exif()]))).toEqual(webp([vp8l()]))
    expect(stripWebp(Buffer.concat([webp([vp8l()]), exif()]))).toEqual(webp([vp8l()]))
  })

  it('drops unknown chunks inside animation frames', () => {
    const frameHeader = Buffer.alloc(16)
    const frame = (inner: Buffer[]) => webpChunk('ANMF', Buffer.concat([frameHeader, ...inner]))
    const anim = webpChunk('ANIM', Buffer.alloc(6))
    const file = webp([
      vp8x(0x02 | exifFlag),
      anim,
      frame([vp8l(), webpChunk('XMP ', 'GPSLatitude')]),
      exif(),
    ])
    expect(stripWebp(file)).toEqual(webp([vp8x(0x02), anim, frame([vp8l()])]))
  })

  describe('refuses', () => {
    it('a RIFF size past the end of the file, so every truncation', () => {
      const file = webp([vp8x(exifFlag), vp8l(), exif()])
      for (let length = 0; length < file.length; length += 1) refuse(file.subarray(0, length))
    })

    it('a chunk that runs past its container, in the file or in a frame', () => {
      const long = webpChunk('EXIF', 'GPSLatitude')
      long.writeUInt32LE(0xffff, 4)
      refuse(webp([vp8x(exifFlag), vp8l(), long]))
      refuse(webp([vp8x(0x02), webpChunk('ANMF', Buffer.concat([Buffer.alloc(16), long]))]))
    })

    it('a file without image data, or that starts with another chunk, or with a malformed VP8X header', () => {
      refuse(webp([vp8x(exifFlag), exif()]))
      refuse(webp([exif(), vp8l()]))
      refuse(webp([webpChunk('VP8X', Buffer.alloc(4)), vp8l()]))
      refuse(webp([vp8x(0), vp8x(0), vp8l()]))
      refuse(webp([]))
    })
  })
})
