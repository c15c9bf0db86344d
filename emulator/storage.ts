import { createHmac, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { businessDayKey } from '../src/domain/shared/time'
import { sameSecret } from './access-token'
import { HttpError } from './http-utils'
import { stripJpegMetadata } from './jpeg-metadata'

/** Image types the storage accepts, recognised by their first bytes rather than by what the client says. */
const imageSignatures: { type: string; extension: string; matches: (head: Buffer) => boolean }[] = [
  { type: 'image/jpeg', extension: 'jpg', matches: (h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff },
  {
    type: 'image/png',
    extension: 'png',
    matches: (h) => h.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  { type: 'image/gif', extension: 'gif', matches: (h) => h.subarray(0, 4).toString('latin1') === 'GIF8' },
  {
    type: 'image/webp',
    extension: 'webp',
    matches: (h) =>
      h.subarray(0, 4).toString('latin1') === 'RIFF' && h.subarray(8, 12).toString('latin1') === 'WEBP',
  },
]

export interface StoredFile {
  fileID: string
  contentType: string
  bytes: number
}

/**
 * Local stand-in for CloudBase storage: files live under the data folder and are named by fileIDs of
 * CloudBase's shape, `cloud://<env>.<bucket>/<path>`, so the same ids work in cases locally and in the cloud.
 */
export class LocalStorage {
  readonly bucket: string
  private readonly root: string
  /** Signs temporary URLs; new at every start, so URLs handed out before a restart stop working. */
  private readonly urlKey = randomBytes(32)

  constructor(
    dataDir: string,
    private readonly envId: string,
    private readonly maxBytes: number,
  ) {
    this.bucket = `${Buffer.from(envId).toString('hex').slice(0, 4)}-${envId}-1300000000`
    this.root = path.join(dataDir, 'storage')
    fs.mkdirSync(this.root, { recursive: true })
  }

  upload(content: Buffer, now: Date): StoredFile {
    if (content.length === 0) throw new HttpError(400, 'empty-file', '上传的文件是空的')
    if (content.length > this.maxBytes) {
      throw new HttpError(413, 'file-too-large', `照片不能超过 ${Math.floor(this.maxBytes / 1024 / 1024)}MB`)
    }
    const kind = imageSignatures.find((signature) => signature.matches(content))
    if (!kind) throw new HttpError(415, 'not-an-image', '只能上传 JPEG、PNG、GIF 或 WebP 图片')
    if (kind.type === 'image/jpeg') content = stripJpegMetadata(content)
    const cloudPath = `reports/${businessDayKey(now)}/${randomBytes(12).toString('hex')}.${kind.extension}`
    const target = this.pathOf(cloudPath)
    fs.mkdirSync(path.dirname(target), { recursive: true })
    fs.writeFileSync(target, content)
    return {
      fileID: `cloud://${this.envId}.${this.bucket}/${cloudPath}`,
      contentType: kind.type,
      bytes: content.length,
    }
  }

  /** Resolves a fileID to the stored bytes, refusing ids of another env or paths that escape the folder. */
  read(fileID: string): { content: Buffer; contentType: string } {
    const prefix = `cloud://${this.envId}.${this.bucket}/`
    if (!fileID.startsWith(prefix)) throw new HttpError(404, 'file-not-found', '文件不存在')
    const target = this.pathOf(fileID.slice(prefix.length))
    if (!fs.existsSync(target)) throw new HttpError(404, 'file-not-found', '文件不存在')
    const content = fs.readFileSync(target)
    const kind = imageSignatures.find((signature) => signature.matches(content))
    return { content, contentType: kind?.type ?? 'application/octet-stream' }
  }

  exists(fileID: string): boolean {
    try {
      this.read(fileID)
      return true
    } catch {
      return false
    }
  }

  /**
   * Like getTempFileURL: a URL that loads the file without a session, signed like CloudBase's; locally it
   * lasts until the emulator restarts.
   */
  temporaryUrl(fileID: string, baseUrl: string): string {
    return `${baseUrl}/storage/file?fileID=${encodeURIComponent(fileID)}&sign=${this.signatureOf(fileID)}`
  }

  /** Whether `sign` is the signature of a temporary URL this storage handed out for the file. */
  isSigned(fileID: string, sign: string | null): boolean {
    return sameSecret(sign, this.signatureOf(fileID))
  }

  private signatureOf(fileID: string): string {
    return createHmac('sha256', this.urlKey).update(fileID).digest('hex')
  }

  private pathOf(cloudPath: string): string {
    const normalised = path.posix.normalize(cloudPath)
    if (normalised.startsWith('..') || path.posix.isAbsolute(normalised) || normalised.includes('\0')) {
      throw new HttpError(400, 'invalid-path', '文件路径无效')
    }
    return path.join(this.root, ...normalised.split('/'))
  }
}
