import type { ActionOutput, ActionParsedInput } from '../../../src/domain/contract'
import { AppError } from '../../../src/domain/shared/errors'
import type { HandlerContext } from '../runtime/context'
import { stripMetadata } from './metadata'
import { startMediaCheck } from '../content/media-check'
import { recentPhotoCount } from './ownership'
import {
  isOwnUpload,
  maxPhotoBytes,
  parseFileId,
  photoIdFor,
  photoIdOf,
  photoPathOf,
  uploadPrefixOf,
} from './paths'

/** Where the caller's uploads go; the weapp client builds its cloudPath under it. */
export async function preparePhotoUpload(ctx: HandlerContext): Promise<ActionOutput<'photo.prepare'>> {
  return { prefix: uploadPrefixOf(ctx.actor.openid) }
}

/**
 * Registers an upload of the caller's own: reads it back from storage (so it exists), takes its metadata
 * out (refusing what cannot be taken apart), stores that copy where only the functions reach, and records
 * who uploaded what. Until then nothing names the upload; afterwards cases name the copy. Every step is
 * idempotent (the copy's path and the record's id derive from the upload), so a retry does it again.
 */
export async function registerPhoto(
  ctx: HandlerContext,
  input: ActionParsedInput<'photo.register'>,
): Promise<ActionOutput<'photo.register'>> {
  const upload = input.fileID
  const invalid = () =>
    new AppError('file-rejected', '照片无效，请重新上传', { fields: { fileID: '照片无效，请重新上传' } })
  if (!isOwnUpload(upload, ctx.actor.openid)) throw invalid()
  const content = await ctx.runtime.files.download(upload, maxPhotoBytes)
  if (!content) throw invalid()
  const stripped = stripMetadata(content)
  if (!stripped.ok) {
    console.warn('[photos] an upload was refused:', stripped.reason)
    throw new AppError('file-rejected', '无法识别这张照片，请重新拍摄或换一张（支持 JPEG、PNG、WebP）', {
      fields: { fileID: '照片格式无法识别' },
    })
  }
  const id = photoIdFor(upload)
  const bucket = parseFileId(upload)!.bucket
  const fileID = await ctx.runtime.files.upload(photoPathOf(id, stripped.type.extension), stripped.content)
  // A storage that names its files otherwise would break the link from the id to the copy.
  if (!fileID.startsWith(`cloud://${bucket}/`)) throw new Error(`storage stored the photo as ${fileID}`)
  // WeChat checks the copy others would see; its verdict comes later, to the media-check function.
  const check = await startMediaCheck(ctx.runtime, ctx.actor.openid, fileID, ctx.now.toISOString())
  await ctx.stores.photos.record({
    _id: id,
    owner: ctx.actor.openid,
    upload,
    fileID,
    contentType: stripped.type.contentType,
    bytes: stripped.content.length,
    registeredAt: ctx.now.toISOString(),
    check,
  })
  const recent = ctx.user.recentPhotos ?? []
  const dropping = recent.slice(0, Math.max(0, recent.length + 1 - recentPhotoCount)).flatMap((copy) => {
    const dropped = photoIdOf(copy)
    return dropped && dropped !== id ? [dropped] : []
  })
  // A check that could not start is known now; a started one is answered later, to the receiver.
  const known = check.verdict === 'pending' ? undefined : { photoId: id, verdict: check.verdict }
  await ctx.stores.users.rememberPhoto(ctx.actor.openid, fileID, recentPhotoCount, dropping, known)
  return { fileID: upload }
}
