import type { ActionName } from '../../../src/domain/contract'
import type { ActionHandler } from '../api/handler'
import type { FileStorage } from '../runtime/files'

/** How long a photo URL in an answer loads: long enough for a page left open, short enough to go stale. */
export const photoUrlMaxAgeSeconds = 2 * 60 * 60

/** Fields of an answer that hold photos (case and check-in photos, an event's evidence). */
const photoFields = new Set(['photos', 'evidence'])
/** Fields that hold one photo (a photo staff are asked to judge). */
const singlePhotoFields = new Set(['photo'])

/**
 * Every handler, answering with temporary URLs in place of the fileIDs of the photos it shows, in one
 * storage call per answer. No fileID reaches a client: storage serves the stored copies to no client
 * directly, so who sees a photo is decided by who gets the answer, and a URL passed on stops working.
 */
export function presentingPhotos(handlers: { [A in ActionName]: ActionHandler<A> }): {
  [A in ActionName]: ActionHandler<A>
} {
  const wrap =
    (handler: ActionHandler<ActionName>): ActionHandler<ActionName> =>
    async (ctx, input) =>
      withPhotoUrls(ctx.runtime.files, await handler(ctx, input))
  return Object.fromEntries(
    Object.entries(handlers).map(([action, handler]) => [action, wrap(handler as ActionHandler<ActionName>)]),
  ) as { [A in ActionName]: ActionHandler<A> }
}

export async function withPhotoUrls<T>(files: FileStorage, answer: T): Promise<T> {
  const fileIDs = new Set<string>()
  visit(answer, (photos) => photos.forEach((photo) => photo.startsWith('cloud://') && fileIDs.add(photo)))
  if (fileIDs.size === 0) return answer
  const urls = await files.temporaryUrls([...fileIDs], photoUrlMaxAgeSeconds)
  // A photo whose file is gone is left out rather than shown broken (a single one becomes '').
  return rebuild(answer, (photos) =>
    photos.flatMap((photo) =>
      photo.startsWith('cloud://') ? (urls.has(photo) ? [urls.get(photo)!] : []) : [photo],
    ),
  ) as T
}

function isPhotoList(key: string, value: unknown): value is string[] {
  return photoFields.has(key) && Array.isArray(value) && value.every((item) => typeof item === 'string')
}

function isSinglePhoto(key: string, value: unknown): value is string {
  return singlePhotoFields.has(key) && typeof value === 'string'
}

function visit(value: unknown, found: (photos: string[]) => void): void {
  if (Array.isArray(value)) value.forEach((item) => visit(item, found))
  else if (value && typeof value === 'object') {
    for (const [key, field] of Object.entries(value)) {
      if (isPhotoList(key, field)) found(field)
      else if (isSinglePhoto(key, field)) found([field])
      else visit(field, found)
    }
  }
}

function rebuild(value: unknown, replace: (photos: string[]) => string[]): unknown {
  if (Array.isArray(value)) return value.map((item) => rebuild(item, replace))
  if (!value || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [
      key,
      isPhotoList(key, field)
        ? replace(field)
        : isSinglePhoto(key, field)
          ? (replace([field])[0] ?? '')
          : rebuild(field, replace),
    ]),
  )
}
