import { createHash } from 'node:crypto'

/**
 * Where photos live in storage. A client uploads into its own folder under `uploads/` (the storage rule
 * lets clients write nowhere else, and read only what they uploaded); registering an upload stores a copy
 * without metadata under `photos/`, which only the functions read and write, and cases name that copy.
 */

/** The largest upload the functions will take apart (as the emulator's upload limit). */
export const maxPhotoBytes = 10 * 1024 * 1024

/** The caller's own upload folder; an openid that is not path-safe is hashed into one that is. */
export function uploadPrefixOf(openid: string): string {
  const folder = /^[A-Za-z0-9_-]{1,64}$/.test(openid)
    ? openid
    : createHash('sha256').update(openid).digest('hex').slice(0, 32)
  return `uploads/${folder}/`
}

/** A fileID's parts, `cloud://<env>.<bucket>/<path>`; null for anything else or a path with empty or dot segments. */
export function parseFileId(fileID: string): { bucket: string; path: string } | null {
  const match = /^cloud:\/\/([\w.-]+)\/([\w./-]+)$/.exec(fileID)
  if (!match) return null
  const [, bucket, path] = match as unknown as [string, string, string]
  if (path.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) return null
  return { bucket, path }
}

/** Whether a fileID names a file in the caller's own upload folder. */
export function isOwnUpload(fileID: string, openid: string): boolean {
  const parsed = parseFileId(fileID)
  return parsed !== null && parsed.path.startsWith(uploadPrefixOf(openid))
}

/** A registered photo's id, from its upload's fileID: registering the same upload again finds the first. */
export function photoIdFor(uploadFileID: string): string {
  return createHash('sha256').update(uploadFileID).digest('hex').slice(0, 32)
}

/** Where a registered photo's copy without metadata is kept. */
export function photoPathOf(photoId: string, extension: string): string {
  return `photos/${photoId}.${extension}`
}

/** The photo id a registered photo's fileID carries; null for any other file. */
export function photoIdOf(photoFileID: string): string | null {
  return /\/photos\/([0-9a-f]{32})\.[a-z]+$/.exec(photoFileID)?.[1] ?? null
}
