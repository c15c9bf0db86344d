import { useCallback, useEffect, useRef, useState } from 'react'
import { compressPhoto, choosePhotos } from '@/platform/media'
import type { ProgressListener } from '@/platform/types'
import { uploadPhoto } from '@/services/api'

export interface PendingPhoto {
  key: string
  /** Local path or blob URL, for the preview while uploading. */
  localPath: string
  /** 0–100. */
  progress: number
  /** Set when compressing or uploading failed; tapping the tile retries. */
  error?: string
}

export interface PhotoUploads {
  pending: PendingPhoto[]
  /** True while any photo is still being compressed or uploaded. */
  busy: boolean
  /** Opens the picker for up to `room` photos, then compresses and uploads each. Call straight from a tap. */
  pick: (room: number) => Promise<void>
  retry: (key: string) => void
  discard: (key: string) => void
}

/** Stores one local photo and resolves with its fileID. */
export type UploadPhoto = (localPath: string, onProgress: ProgressListener) => Promise<string>

export interface PhotoPipeline {
  upload?: UploadPhoto
  /** Resolves with the compressed photo's path; rejects when it cannot compress. */
  compress?: (localPath: string) => Promise<string>
}

export const compressionFailedMessage = '照片压缩失败，未上传'

/** A failure's own Chinese words when it has them (the platform's upload errors do). */
function messageOf(error: unknown, fallback: string): string {
  return error instanceof Error && /[\u4e00-\u9fa5]/.test(error.message) ? error.message : fallback
}

let counter = 0

/**
 * The photo pipeline of a form: pick → compress → upload with progress → hand over the fileID.
 * A photo that could not be compressed is never uploaded: its tile says so and a tap tries again.
 */
export function usePhotoUploads(
  onUploaded: (fileID: string) => void,
  pipeline: PhotoPipeline = {},
): PhotoUploads {
  const [pending, setPending] = useState<PendingPhoto[]>([])
  const onUploadedRef = useRef(onUploaded)
  onUploadedRef.current = onUploaded
  const pipelineRef = useRef(pipeline)
  pipelineRef.current = pipeline
  const mounted = useRef(true)
  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  const patch = useCallback((key: string, change: Partial<PendingPhoto>) => {
    if (!mounted.current) return
    setPending((list) => list.map((item) => (item.key === key ? { ...item, ...change } : item)))
  }, [])

  const send = useCallback(
    async (key: string, originalPath: string) => {
      const { upload = uploadPhoto, compress = compressPhoto } = pipelineRef.current
      let path: string
      try {
        path = await compress(originalPath)
      } catch {
        patch(key, { error: `${compressionFailedMessage}，点按重试`, progress: 0 })
        return
      }
      try {
        const fileID = await upload(path, (progress) => patch(key, { progress: Math.min(99, progress) }))
        if (!mounted.current) return
        setPending((list) => list.filter((item) => item.key !== key))
        onUploadedRef.current(fileID)
      } catch (error) {
        patch(key, { error: `${messageOf(error, '上传失败')}，点按重试`, progress: 0 })
      }
    },
    [patch],
  )

  const pick = useCallback(
    async (room: number) => {
      if (room <= 0) return
      // No await before this call: the H5 file chooser only opens inside the tap that asked for it.
      const picked = await choosePhotos(room)
      const added = picked
        .slice(0, room)
        .map((photo) => ({ key: `p${++counter}`, localPath: photo.path, progress: 0 }))
      if (!added.length || !mounted.current) return
      setPending((list) => [...list, ...added])
      await Promise.all(added.map((item) => send(item.key, item.localPath)))
    },
    [send],
  )

  const retry = useCallback(
    (key: string) => {
      const item = pending.find((candidate) => candidate.key === key)
      if (!item || !item.error) return
      patch(key, { error: undefined, progress: 0 })
      void send(key, item.localPath)
    },
    [pending, patch, send],
  )

  const discard = useCallback((key: string) => {
    setPending((list) => list.filter((item) => item.key !== key))
  }, [])

  return { pending, busy: pending.some((item) => !item.error), pick, retry, discard }
}
