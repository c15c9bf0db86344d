import { stripMetadata } from '../../../../cloudfunctions/shared/photos/metadata'
import { demoPhotoPng } from '../../../../emulator/demo/photo'
import { jpegParts as j, plainJpeg } from './crafted'

describe('stripping metadata from a photo, whatever its format', () => {
  it('recognises the format by its bytes and says what it is', () => {
    const jpeg = Buffer.concat([j.soi, j.exif(), plainJpeg().subarray(2)])
    expect(stripMetadata(jpeg)).toEqual({
      ok: true,
      content: plainJpeg(),
      type: { kind: 'jpeg', contentType: 'image/jpeg', extension: 'jpg' },
    })
    expect(stripMetadata(demoPhotoPng(4, 4, [1, 2, 3]))).toMatchObject({ ok: true, type: { kind: 'png' } })
  })

  it('fails closed: a GIF, something that is no image, and a JPEG it cannot parse are refused', () => {
    expect(stripMetadata(Buffer.from('GIF89a\x01\x00\x01\x00'))).toMatchObject({ ok: false })
    expect(stripMetadata(Buffer.from('<svg onload=alert(1)>'))).toMatchObject({ ok: false })
    expect(stripMetadata(Buffer.concat([j.soi, j.exif()]))).toMatchObject({ ok: false, reason: /^JPEG: / })
  })
})
