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

  it('stores an image under a fileID shaped like CloudBase’s and reads it back', () => {
    const png = demoPhotoPng(16, 16, [200, 100, 50])
    const stored = storage.upload(png, now)
    expect(stored.fileID).toMatch(/^cloud:\/\/bluegrid-local\.[\w-]+\/reports\/20261123\/[0-9a-f]{24}\.png$/)
    expect(storage.read(stored.fileID)).toEqual({ content: png, contentType: 'image/png' })
  })

  it('recognises JPEG by its bytes', () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46])
    expect(storage.upload(jpeg, now).contentType).toBe('image/jpeg')
  })

  it('refuses something that is not an image, whatever its name', () => {
    expect(() => storage.upload(Buffer.from('<script>alert(1)</script>'), now)).toThrow(
      '只能上传 JPEG、PNG、GIF 或 WebP 图片',
    )
  })

  it('refuses an empty or oversized upload', () => {
    expect(() => storage.upload(Buffer.alloc(0), now)).toThrow('上传的文件是空的')
    const big = Buffer.concat([demoPhotoPng(4, 4, [0, 0, 0]), Buffer.alloc(64 * 1024)])
    expect(() => storage.upload(big, now)).toThrow(/照片不能超过/)
  })

  it('refuses fileIDs of another env and paths that climb out of the folder', () => {
    expect(() => storage.read('cloud://other-env.bucket/reports/a.png')).toThrow('文件不存在')
    expect(() => storage.read(`cloud://bluegrid-local.${storage.bucket}/../../etc/passwd`)).toThrow()
  })
})

describe('photo privacy', () => {
  it('stores a JPEG without its EXIF segment (and so without the camera’s GPS position)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bluegrid-exif-'))
    const storage = new LocalStorage(dir, 'bluegrid-local', 1024 * 1024)
    const segment = (marker: number, body: Buffer) => {
      const header = Buffer.from([0xff, marker, 0, 0])
      header.writeUInt16BE(body.length + 2, 2)
      return Buffer.concat([header, body])
    }
    const exif = segment(0xe1, Buffer.from('Exif\0\0GPSLatitude 34.7288 GPSLongitude 113.6925'))
    const jfif = segment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0'))
    const scan = Buffer.from([0xff, 0xda, 0x00, 0x04, 0x01, 0x02, 0x11, 0x22, 0xff, 0xd9])
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8]), jfif, exif, scan])
    const stored = storage.upload(jpeg, new Date('2026-11-23T02:00:00Z'))
    const { content } = storage.read(stored.fileID)
    expect(content.includes(Buffer.from('GPSLatitude'))).toBe(false)
    expect(content).toEqual(Buffer.concat([Buffer.from([0xff, 0xd8]), jfif, scan]))
    fs.rmSync(dir, { recursive: true, force: true })
  })
})
