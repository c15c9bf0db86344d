import { z } from '../../../src/domain/shared/zod'
import { systemActor } from '../../../src/domain/case/decide'
import type { PhotoVerdict } from '../../../src/domain/content/screening'
import { AppError } from '../../../src/domain/shared/errors'
import { actOnCase } from '../cases/act'
import type { PhotoCheck, PhotoRecord } from '../photos/store'
import { photoIdOf } from '../photos/paths'
import { storesFor } from '../runtime/context'
import type { Runtime } from '../runtime/runtime'
import type { Job, SweepReport } from '../jobs/job'
import { failureOf } from '../jobs/runner'

/** How long WeChat may take to fetch the image: its verdict comes within 30 minutes. */
const mediaUrlMaxAgeSeconds = 2 * 60 * 60
/** Past this a photo without a verdict counts as unchecked: the case goes to staff instead of waiting on. */
export const verdictWaitMinutes = 40

/**
 * Starts WeChat's image check of a registered photo (security.mediaCheckAsync v2, image, as the uploader)
 * on a temporary URL of its stored copy. The check that could not start is `unchecked`, which keeps any
 * case naming the photo with staff. No database request: the photo's record carries the answer.
 */
export async function startMediaCheck(
  runtime: Runtime,
  openid: string,
  fileID: string,
  at: string,
): Promise<PhotoCheck> {
  const unchecked: PhotoCheck = { traceId: null, verdict: 'unchecked', at }
  try {
    const url = (await runtime.files.temporaryUrls([fileID], mediaUrlMaxAgeSeconds)).get(fileID)
    if (!url) return unchecked
    const answer = await runtime.wechat.call('security.mediaCheckAsync', {
      version: 2,
      openid,
      scene: 3,
      mediaUrl: url,
      mediaType: 2,
    })
    if (answer.errCode !== 0 || !answer.traceId) {
      console.warn(`[content] image check not started: ${answer.errCode} ${answer.errMsg}`)
      return unchecked
    }
    return { traceId: answer.traceId, verdict: 'pending', at }
  } catch (error) {
    console.warn('[content] image check not started:', String(error))
    return unchecked
  }
}

/** The `wxa_media_check` event as WeChat pushes it (消息推送); what else it carries is ignored. */
export const mediaCheckPushSchema = z.object({
  Event: z.literal('wxa_media_check'),
  trace_id: z.string().min(1).max(128),
  errcode: z.number().int().optional(),
  result: z.object({ suggest: z.string().optional(), label: z.number().int().optional() }).optional(),
})
export type MediaCheckEvent = z.infer<typeof mediaCheckPushSchema>

export function isMediaCheckPush(event: unknown): boolean {
  return mediaCheckPushSchema.safeParse(event).success
}

export function pushedVerdictOf(event: MediaCheckEvent): Exclude<PhotoVerdict, 'pending'> {
  if ((event.errcode ?? 0) !== 0) return 'unchecked'
  const suggest = event.result?.suggest
  return suggest === 'pass' || suggest === 'review' || suggest === 'risky' ? suggest : 'unchecked'
}

export interface MediaCheckOutcome {
  ok: boolean
  /** Why nothing was recorded: not such an event, or a trace id no photo of ours carries. */
  ignored?: 'not-a-media-check' | 'unknown-trace'
  verdict?: PhotoVerdict
  /** Cases the verdict was applied to. */
  cases?: number
}

/**
 * The receiver of WeChat's image verdicts. The trace id is the only link to the photo, and it never leaves
 * the functions, so a forged push names no photo. The verdict is recorded on the photo (once), then applied
 * to each case that names the photo, as the system's `screen` act (an event on each case's trail). A
 * report sent after the verdict arrived takes it from the screening sweep.
 */
export async function handleMediaCheckPush(runtime: Runtime, event: unknown): Promise<MediaCheckOutcome> {
  const parsed = mediaCheckPushSchema.safeParse(event)
  if (!parsed.success) return { ok: false, ignored: 'not-a-media-check' }
  const stores = storesFor(runtime)
  const photo = await stores.photos.byTraceId(parsed.data.trace_id)
  if (!photo) {
    console.warn('[content] a verdict for an unknown trace id was ignored')
    return { ok: false, ignored: 'unknown-trace' }
  }
  const verdict = pushedVerdictOf(parsed.data)
  const label = parsed.data.result?.label
  const check: PhotoCheck = {
    traceId: parsed.data.trace_id,
    verdict,
    ...(label !== undefined ? { label } : {}),
    at: runtime.now().toISOString(),
  }
  await stores.photos.recordVerdict(photo._id, check)
  // On the uploader's document too, where a report sent after this finds it without another read.
  await stores.users.rememberPhotoCheck(photo.owner, photo._id, verdict)
  const cases = await applyToCases(runtime, photo, check)
  return { ok: true, verdict, cases }
}

async function applyToCases(runtime: Runtime, photo: PhotoRecord, check: PhotoCheck): Promise<number> {
  if (check.verdict === 'pending') return 0
  const stores = storesFor(runtime)
  let applied = 0
  for (const record of await stores.cases.namingPhoto(photo.fileID)) {
    if (record.screening?.photos[photo._id] !== 'pending') continue
    if (await screen(runtime, record._id, photo._id, check.verdict, check.label)) applied += 1
  }
  return applied
}

/** The system's `screen` act on one case; a case that moved on (closed, already settled) is left as it is. */
async function screen(
  runtime: Runtime,
  caseId: string,
  photoId: string,
  verdict: Exclude<PhotoVerdict, 'pending'>,
  label: number | undefined,
): Promise<boolean> {
  try {
    await actOnCase(
      runtime,
      storesFor(runtime),
      caseId,
      { type: 'screen', photoId, verdict, ...(label !== undefined ? { label } : {}) },
      systemActor,
      runtime.now(),
    )
    return true
  } catch (error) {
    if (error instanceof AppError && error.code === 'illegal-transition') return false
    throw error
  }
}

/** Cases the screening sweep reads per run: those still waiting are few (a verdict takes minutes). */
const sweepBatch = 100

/**
 * Settles cases still waiting for a verdict: a photo whose verdict arrived before its report was sent
 * passes it on now; a photo without one after `verdictWaitMinutes` counts as unchecked, so the case goes
 * to staff. Two reads for the whole batch, then one act per verdict.
 */
export async function runScreeningSweep(runtime: Runtime): Promise<SweepReport[]> {
  const stores = storesFor(runtime)
  const now = runtime.now()
  const waitedOut = new Date(now.getTime() - verdictWaitMinutes * 60_000).toISOString()
  const waiting = await stores.cases.awaitingScreening(sweepBatch)
  const pendingIds = waiting.flatMap((record) =>
    Object.entries(record.screening?.photos ?? {})
      .filter(([, verdict]) => verdict === 'pending')
      .map(([id]) => id),
  )
  const photos = new Map((await stores.photos.byIds(pendingIds)).map((photo) => [photo._id, photo]))
  const report: SweepReport = { job: 'content-screening', acted: 0 }
  for (const record of waiting) {
    for (const [photoId, verdict] of Object.entries(record.screening?.photos ?? {})) {
      if (verdict !== 'pending') continue
      const known = photos.get(photoId)?.check
      const settled =
        known && known.verdict !== 'pending'
          ? known.verdict
          : record.createdAt < waitedOut
            ? 'unchecked'
            : null
      if (!settled) continue
      try {
        if (await screen(runtime, record._id, photoId, settled, known?.label)) report.acted += 1
      } catch (error) {
        ;(report.failures ??= []).push(failureOf(record._id, error))
      }
    }
  }
  return [report]
}

export const screeningJob: Job = { name: 'content-screening', run: (runtime) => runScreeningSweep(runtime) }

/** The photo ids of a case's photos (their stored copies' fileIDs), for its screening. */
export function photoIdsOf(fileIDs: readonly string[]): string[] {
  return fileIDs.flatMap((fileID) => {
    const id = photoIdOf(fileID)
    return id ? [id] : []
  })
}
