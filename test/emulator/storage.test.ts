import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { LocalStorage } from '../../emulator/storage'
import { demoPhotoPng } from '../../emulator/demo/photo'

describe('the local storage', () => {
  let dir: string
  let storage: LocalStorage
  const now = new Date('2026-11-23T02:00:00Z')
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bluegrid-storage-'))
    storage = new LocalStorage(dir, 'bluegrid-local', 64 * 1024)
  })
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('stores an upload in its uploader’s folder under a fileID shaped like CloudBase’s, and reads it back', () => {
    const png = demoPhotoPng(16, 16, [200, 100, 50])
    const stored = storage.upload(png, 'demo-resident', now)
    expect(stored.fileID).toMatch(
      /^cloud:\/\/bluegrid-local\.[\w-]+\/uploads\/demo-resident\/20261123\/[0-9a-f]{24}\.png$/,
    )
    expect(storage.read(stored.fileID)).toEqual({ content: png, contentType: 'image/png' })
  })

  it('keeps an upload as it was sent, as CloudBase does: registering it is what takes the metadata out', () => {
    const jpeg = Buffer.from([
      0xff,
      0xd8,
      0xff,
      0xe1,
      0,
      0x0d,
      ...Buffer.from('Exif\0\0GPS 34.7'),
      0xff,
      0xd9,
    ])
    const stored = storage.upload(jpeg, 'demo-resident', now)
    expect(stored.contentType).toBe('image/jpeg')
    expect(storage.read(stored.fileID).content).toEqual(jpeg)
  })

  it('refuses something that is not an image, whatever its name', () => {
    expect(() => storage.upload(Buffer.from('<script>alert(1)</script>'), 'demo-resident', now)).toThrow(
      '只能上传 JPEG、PNG、GIF 或 WebP 图片',
    )
  })

  it('refuses an empty or oversized upload', () => {
    expect(() => storage.upload(Buffer.alloc(0), 'demo-resident', now)).toThrow('上传的文件是空的')
    const big = Buffer.concat([demoPhotoPng(4, 4, [0, 0, 0]), Buffer.alloc(64 * 1024)])
    expect(() => storage.upload(big, 'demo-resident', now)).toThrow(/照片不能超过/)
  })

  it('refuses fileIDs of another env and paths that climb out of the folder', () => {
    expect(() => storage.read('cloud://other-env.bucket/reports/a.png')).toThrow('文件不存在')
    expect(() => storage.read(`cloud://bluegrid-local.${storage.bucket}/../../etc/passwd`)).toThrow()
  })

  it('lets a client read by fileID only its own uploads, as the storage rule does', () => {
    const own = storage.upload(demoPhotoPng(4, 4, [1, 2, 3]), 'demo-resident', now).fileID
    const copy = storage.put(
      'photos/0123456789abcdef0123456789abcdef.png',
      demoPhotoPng(4, 4, [1, 2, 3]),
    ).fileID
    expect(storage.mayRead(own, 'demo-resident')).toBe(true)
    expect(storage.mayRead(own, 'demo-resident-2')).toBe(false)
    expect(storage.mayRead(own, null)).toBe(false)
    expect(storage.mayRead(copy, 'demo-resident')).toBe(false)
  })

  it('signs temporary URLs that stop working when they expire', () => {
    const fileID = storage.put(
      'photos/0123456789abcdef0123456789abcdef.png',
      demoPhotoPng(4, 4, [1, 2, 3]),
    ).fileID
    const url = new URL(storage.temporaryUrl(fileID, 600, now), 'http://emulator.local')
    const [t, sign] = [url.searchParams.get('t'), url.searchParams.get('sign')]
    expect(url.searchParams.get('fileID')).toBe(fileID)
    expect(storage.isSigned(fileID, t, sign, new Date(now.getTime() + 599_000))).toBe(true)
    expect(storage.isSigned(fileID, t, sign, new Date(now.getTime() + 600_000))).toBe(false)
    expect(storage.isSigned(fileID, String(Number(t) + 3600), sign, now)).toBe(false)
    expect(storage.isSigned(`${fileID}x`, t, sign, now)).toBe(false)
  })
})
