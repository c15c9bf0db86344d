import { AppError } from '../../../src/domain/shared/errors'
import type { HandlerContext } from '../runtime/context'
import { isOwnUpload, photoIdFor, photoIdOf } from './paths'

/**
 * How many of a person's latest registered photos their user document lists, so that an act naming them
 * (which reads the caller anyway) checks them without another request. Three full reports' worth.
 */
export const recentPhotoCount = 30

/**
 * The stored copies of the uploads an act names, in order, when every one is the caller's own registered
 * upload; otherwise a refusal, before anything is written. Photos among the caller's recent ones cost
 * nothing; the rest are looked up in one read.
 */
export async function ownPhotos(ctx: HandlerContext, uploads: readonly string[]): Promise<string[]> {
  if (uploads.length === 0) return []
  const refuse = (fileIDs: readonly string[]) =>
    new AppError('file-rejected', '照片无效，请重新上传', {
      fields: { photos: '照片无效，请重新上传' },
      details: { fileIDs: [...fileIDs] },
    })
  const foreign = uploads.filter((upload) => !isOwnUpload(upload, ctx.actor.openid))
  if (foreign.length) throw refuse(foreign)

  const copies = new Map<string, string>()
  for (const fileID of ctx.user.recentPhotos ?? []) {
    const id = photoIdOf(fileID)
    if (id) copies.set(id, fileID)
  }
  const ids = uploads.map(photoIdFor)
  const missing = ids.filter((id) => !copies.has(id))
  if (missing.length) {
    for (const photo of await ctx.stores.photos.ownedBy(ctx.actor.openid, missing))
      copies.set(photo._id, photo.fileID)
  }
  const unknown = uploads.filter((_, index) => !copies.has(ids[index]!))
  if (unknown.length) throw refuse(unknown)
  return ids.map((id) => copies.get(id)!)
}
