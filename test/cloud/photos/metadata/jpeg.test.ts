import { stripJpeg } from '../../../../cloudfunctions/shared/photos/metadata/jpeg'
import { jpegParts as j, plainJpeg } from './crafted'

const gps = Buffer.from('GPSLatitude')

describe('stripping a JPEG', () => {
  it('drops EXIF and XMP (APP1), Photoshop’s IPTC (APP13) and comments, keeping the image byte for byte', () => {
    const jpeg = Buffer.concat([
      j.soi,
      j.exif(),
      j.xmp(),
      j.iptc(),
      j.comment(),
      j.segment(0xe5, 'maker notes'),
      j.dqt(),
      j.sof(),
      j.dht(),
      j.sos(),
      j.scanData,
      j.eoi,
    ])
    const stripped = stripJpeg(jpeg)
    expect(stripped).toEqual(plainJpeg())
    for (const secret of ['GPSLatitude', 'IPTC', 'Hanghai', 'maker notes']) {
      expect(stripped.includes(Buffer.from(secret))).toBe(false)
    }
  })

  it('keeps the JFIF header without its thumbnail, the ICC profile and Adobe’s colour transform', () => {
    const jpeg = Buffer.concat([
      j.soi,
      j.jfif(true),
      j.icc(),
      j.adobe(),
      j.dqt(),
      j.sof(),
      j.sos(),
      j.scanData,
      j.eoi,
    ])
    expect(stripJpeg(jpeg)).toEqual(
      Buffer.concat([j.soi, j.jfif(false), j.icc(), j.adobe(), j.dqt(), j.sof(), j.sos(), j.scanData, j.eoi]),
    )
  })

  it('drops a second image, or anything else, appended after the end of the first', () => {
    const second = Buffer.concat([j.soi, j.exif(), j.dqt(), j.sof(), j.sos(), j.scanData, j.eoi])
    expect(stripJpeg(Buffer.concat([plainJpeg(), second]))).toEqual(plainJpeg())
    expect(stripJpeg(Buffer.concat([plainJpeg(), Buffer.from('trailer: GPSLatitude 34.7')]))).toEqual(
      plainJpeg(),
    )
  })

  it('reads through a progressive image’s scans, with tables between them, and fill bytes before markers', () => {
    const jpeg = Buffer.concat([
      j.soi,
      j.dqt(),
      j.sof(0xc2),
      j.dht(),
      j.sos(),
      j.scanData,
      Buffer.from([0xff, 0xff]),
      j.dht(),
      j.exif(),
      j.sos(),
      j.scanData,
      j.eoi,
    ])
    expect(stripJpeg(jpeg)).toEqual(
      Buffer.concat([
        j.soi,
        j.dqt(),
        j.sof(0xc2),
        j.dht(),
        j.sos(),
        j.scanData,
        j.dht(),
        j.sos(),
        j.scanData,
        j.eoi,
      ]),
    )
  })

  describe('refuses what it cannot parse to the end, rather than passing it through', () => {
    const refuse = (jpeg: Buffer) => expect(() => stripJpeg(jpeg)).toThrow(/^JPEG: /)

    it('a segment whose length runs past the end of the file', () => {
      const cut = j.segment(0xe1, 'Exif\0\0GPSLatitude')
      cut.writeUInt16BE(0xfff0, 2)
      refuse(Buffer.concat([j.soi, cut, j.dqt(), j.sof(), j.sos(), j.scanData, j.eoi]))
    })

    it('a segment that states a length below 2', () => {
      refuse(Buffer.concat([j.soi, Buffer.from([0xff, 0xe1, 0x00, 0x01]), j.exif(), j.eoi]))
    })

    it('every truncation of a photo with metadata', () => {
      const jpeg = Buffer.concat([j.soi, j.jfif(), j.exif(), j.dqt(), j.sof(), j.sos(), j.scanData, j.eoi])
      for (let length = 0; length < jpeg.length; length += 1) refuse(jpeg.subarray(0, length))
      expect(stripJpeg(jpeg).includes(gps)).toBe(false)
    })

    it('bytes between segments that are not a marker', () => {
      refuse(
        Buffer.concat([j.soi, j.dqt(), Buffer.from('GPS 34.7 113.6'), j.sof(), j.sos(), j.scanData, j.eoi]),
      )
    })

    it('markers it does not know, hierarchical frames and a start of image inside the image', () => {
      for (const marker of [0x01, 0xc8, 0xde, 0xf0, 0xd8]) {
        refuse(Buffer.concat([j.soi, j.segment(marker, 'xx'), j.dqt(), j.sof(), j.sos(), j.scanData, j.eoi]))
      }
      refuse(Buffer.concat([j.soi, Buffer.from([0xff, 0xd3]), plainJpeg().subarray(2)]))
    })

    it('a scan before its frame, a second frame, and an image with no scan at all', () => {
      refuse(Buffer.concat([j.soi, j.dqt(), j.sos(), j.scanData, j.sof(), j.eoi]))
      refuse(Buffer.concat([j.soi, j.dqt(), j.sof(), j.sof(), j.sos(), j.scanData, j.eoi]))
      refuse(Buffer.concat([j.soi, j.dqt(), j.sof(), j.eoi]))
    })

    it('malformed frame and scan headers', () => {
      refuse(
        Buffer.concat([
          j.soi,
          j.segment(0xc0, Buffer.from([8, 0, 8, 0, 8, 3, 1, 0x11, 0])),
          j.sos(),
          j.scanData,
          j.eoi,
        ]),
      )
      refuse(Buffer.concat([j.soi, j.sof(), j.segment(0xda, Buffer.from([0, 0, 63, 0])), j.scanData, j.eoi]))
    })

    it('a file that is not a JPEG at all', () => {
      refuse(Buffer.from('GIF89a'))
      refuse(Buffer.alloc(0))
    })
  })
})
