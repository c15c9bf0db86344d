import { createHmac, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { businessDayKey } from '../src/domain/shared/time'
import { sniffImage } from '../cloudfunctions/shared/photos/metadata'
import { parseFileId, uploadPrefixOf } from '../cloudfunctions/shared/photos/paths'
import type { FileStorage } from '../cloudfunctions/shared/runtime/files'
import { sameSecret } from './access-token'
import { HttpError } from './http-utils'

export interface StoredFile {
  fileID: string
  contentType: string
  bytes: number
}

/**
 * Local stand-in for CloudBase storage: files live under the data folder and are named by fileIDs of
 * CloudBase's shape, `cloud://<env>.<bucket>/<path>`, so the same ids work in cases locally and in the cloud.
 * It keeps what it is given, as CloudBase does: taking metadata out is the photo registration's job. Who
 * may read follows the deployed storage rule (tools/deploy/storage-rules.json): a client reads only its own
 * uploads, which always sit in the uploader's folder here; anything else loads only through a temporary URL.
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

  /** A client's uploadFile: an image, into the uploader's own folder (all the rule lets a client write). */
  upload(content: Buffer, owner: string, now: Date): StoredFile {
    if (content.length === 0) throw new HttpError(400, 'empty-file', '上传的文件是空的')
    if (content.length > this.maxBytes) {
      throw new HttpError(413, 'file-too-large', `照片不能超过 ${Math.floor(this.maxBytes / 1024 / 1024)}MB`)
    }
    const kind = sniffImage(content)
    if (!kind) throw new HttpError(415, 'not-an-image', '只能上传 JPEG、PNG、GIF 或 WebP 图片')
    const name = `${randomBytes(12).toString('hex')}.${kind.extension}`
    return this.put(`${uploadPrefixOf(owner)}${businessDayKey(now)}/${name}`, content)
  }

  /** A function's uploadFile (functions are exempt from the rule): at the path given, replacing what was there. */
  put(cloudPath: string, content: Buffer): StoredFile {
    const target = this.pathOf(cloudPath)
    fs.mkdirSync(path.dirname(target), { recursive: true })
    fs.writeFileSync(target, content)
    return {
      fileID: `cloud://${this.envId}.${this.bucket}/${cloudPath}`,
      contentType: sniffImage(content)?.contentType ?? 'application/octet-stream',
      bytes: content.length,
    }
  }

  /** Resolves a fileID to the stored bytes, refusing ids of another env or paths that escape the folder. */
  read(fileID: string): { content: Buffer; contentType: string } {
    const cloudPath = this.cloudPathOf(fileID)
    if (cloudPath === null) throw new HttpError(404, 'file-not-found', '文件不存在')
    const target = this.pathOf(cloudPath)
    if (!fs.existsSync(target)) throw new HttpError(404, 'file-not-found', '文件不存在')
    const content = fs.readFileSync(target)
    return { content, contentType: sniffImage(content)?.contentType ?? 'application/octet-stream' }
  }

  exists(fileID: string): boolean {
    try {
      this.read(fileID)
      return true
    } catch {
      return false
    }
  }

  /** Whether a client signed in as `openid` may read the file by its fileID: only an upload of their own. */
  mayRead(fileID: string, openid: string | null): boolean {
    const cloudPath = this.cloudPathOf(fileID)
    return openid !== null && cloudPath !== null && cloudPath.startsWith(uploadPrefixOf(openid))
  }

  /**
   * Like getTempFileURL: a URL that loads the file without a session until it expires, signed like
   * CloudBase's (`t` is the expiry in Unix seconds). Relative unless a base is given: the H5 app that shows
   * it is served by the emulator itself.
   */
  temporaryUrl(fileID: string, maxAgeSeconds: number, now: Date, base = ''): string {
    const expires = String(Math.floor(now.getTime() / 1000) + Math.max(1, Math.floor(maxAgeSeconds)))
    const query = `fileID=${encodeURIComponent(fileID)}&t=${expires}&sign=${this.signatureOf(fileID, expires)}`
    return `${base}/storage/file?${query}`
  }

  /** Whether `sign` is the signature of a temporary URL this storage handed out for the file, and it has not expired. */
  isSigned(fileID: string, expires: string | null, sign: string | null, now: Date): boolean {
    if (!expires || !/^\d{1,12}$/.test(expires) || Number(expires) * 1000 <= now.getTime()) return false
    return sameSecret(sign, this.signatureOf(fileID, expires))
  }

  /** This storage as the functions reach it (the runtime's `files`), exempt from the rule as in the cloud. */
  forFunctions(now: () => Date): FileStorage {
    return {
      download: async (fileID, maxBytes) => {
        try {
          const { content } = this.read(fileID)
          return content.length > maxBytes ? null : content
        } catch (error) {
          if (error instanceof HttpError) return null
          throw error
        }
      },
      upload: async (cloudPath, content) => this.put(cloudPath, content).fileID,
      temporaryUrls: async (fileIDs, maxAgeSeconds) =>
        new Map(
          fileIDs
            .filter((fileID) => this.exists(fileID))
            .map((fileID) => [fileID, this.temporaryUrl(fileID, maxAgeSeconds, now())]),
        ),
    }
  }

  /** The path of a fileID of this env and bucket; null for any other. */
  private cloudPathOf(fileID: string): string | null {
    const parsed = parseFileId(fileID)
    return parsed && parsed.bucket === `${this.envId}.${this.bucket}` ? parsed.path : null
  }

  private signatureOf(fileID: string, expires: string): string {
    return createHmac('sha256', this.urlKey).update(`${fileID}\n${expires}`).digest('hex')
  }

  private pathOf(cloudPath: string): string {
    const normalised = path.posix.normalize(cloudPath)
    if (normalised.startsWith('..') || path.posix.isAbsolute(normalised) || normalised.includes('\0')) {
      throw new HttpError(400, 'invalid-path', '文件路径无效')
    }
    return path.join(this.root, ...normalised.split('/'))
  }
}
