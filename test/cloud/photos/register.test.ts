import { collections } from '../../../cloudfunctions/shared/app'
import { recentPhotoCount } from '../../../cloudfunctions/shared/photos/ownership'
import type { PhotoRecord } from '../../../cloudfunctions/shared/photos/store'
import { documentsWhere } from '../../factories/inspect'
import { storedCopyPattern, testImage } from '../../factories/photos'
import { createTestWorld, type TestWorld } from '../../factories/runtime'
import { jpegParts as j, plainJpeg } from './metadata/crafted'

/** A JPEG as a phone writes it: its EXIF says where it was taken. */
const jpegWithGps = () => Buffer.concat([j.soi, j.jfif(), j.exif(), plainJpeg().subarray(2)])

describe('registering an uploaded photo (photo.register)', () => {
  let world: TestWorld
  beforeEach(async () => {
    world = await createTestWorld()
  })
  afterEach(() => world.close())

  const photos = () => documentsWhere<PhotoRecord>(world.db, collections.photo, {})
  const recentOf = async (openid: string) =>
    ((await world.db.collection(collections.user).doc(openid).get()).data[0] as { recentPhotos?: string[] })
      .recentPhotos ?? []

  it('names the caller’s own upload folder', async () => {
    expect(await world.ok('demo-resident', 'photo.prepare', {})).toEqual({ prefix: 'uploads/demo-resident/' })
  })

  it('stores a copy without the metadata where only the functions reach, and records who uploaded what', async () => {
    const upload = world.upload('demo-resident', jpegWithGps())
    expect(await world.ok('demo-resident', 'photo.register', { fileID: upload })).toEqual({ fileID: upload })

    const [record, ...others] = await photos()
    expect(others).toEqual([])
    expect(record).toMatchObject({
      owner: 'demo-resident',
      upload,
      fileID: expect.stringMatching(storedCopyPattern),
      contentType: 'image/jpeg',
      registeredAt: world.clock.now.toISOString(),
    })
    const copy = world.storage.read(record!.fileID).content
    expect(copy).toEqual(Buffer.concat([j.soi, j.jfif(false), plainJpeg().subarray(2)]))
    expect(copy.includes(Buffer.from('GPSLatitude'))).toBe(false)
    // The upload stays as it was, for its uploader; nothing names it but them.
    expect(world.storage.read(upload).content).toEqual(jpegWithGps())
    expect(await recentOf('demo-resident')).toEqual([record!.fileID])
  })

  it('refuses someone else’s upload, a made-up fileID and a file that is not there, recording nothing', async () => {
    const theirs = world.upload('demo-resident')
    const bucket = theirs.slice(0, theirs.indexOf('/uploads/'))
    for (const fileID of [theirs, 'cloud://x.y/z', `${bucket}/uploads/demo-resident-2/20261123/gone.jpg`]) {
      const answer = await world.call('demo-resident-2', 'photo.register', { fileID })
      expect(answer).toMatchObject({
        ok: false,
        error: { code: 'file-rejected', message: '照片无效，请重新上传' },
      })
    }
    expect(await photos()).toEqual([])
    expect(await recentOf('demo-resident-2')).toEqual([])
  })

  it('fails closed: an image it cannot take apart is refused, not passed through', async () => {
    const truncated = jpegWithGps().subarray(0, 40)
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1')
    jest.spyOn(console, 'warn').mockImplementation(() => {})
    for (const content of [truncated, gif]) {
      const fileID = world.upload('demo-resident', content)
      const answer = await world.call('demo-resident', 'photo.register', { fileID })
      expect(answer).toMatchObject({
        ok: false,
        error: { code: 'file-rejected', message: expect.stringMatching(/照片/) },
      })
    }
    expect(await photos()).toEqual([])
  })

  it('registers the same upload once however often it is retried', async () => {
    const fileID = world.upload('demo-resident')
    await Promise.all([1, 2, 3].map(() => world.ok('demo-resident', 'photo.register', { fileID })))
    expect(await photos()).toHaveLength(1)
  })

  it('keeps the person’s latest registered photos on their user document, and no more', async () => {
    for (let n = 0; n < recentPhotoCount + 5; n += 1) await world.photo('demo-volunteer', testImage(n))
    const recent = await recentOf('demo-volunteer')
    const all = (await photos()).sort((a, b) => a.upload.localeCompare(b.upload, 'en', { numeric: true }))
    expect(recent).toEqual(all.slice(-recentPhotoCount).map((photo) => photo.fileID))
  })
})
