import { useEffect, useRef } from 'react'
import { PhotoGrid, type PhotoTile } from '@/components/photo-grid'
import { usePhotoUploads, type PhotoPipeline, type UploadPhoto } from '@/hooks/use-photo-uploads'
import { previewImages } from '@/utils/preview'

export interface PhotoFieldProps {
  /** The stored photos' fileIDs, in the user's order. */
  value: string[]
  /** Called with the whole new list when a photo has been stored or removed. */
  onChange: (photos: string[]) => void
  /** Stores one compressed photo and resolves with its fileID, reporting progress. */
  upload: UploadPhoto
  /** How a stored photo is shown. */
  photoUrl: (fileID: string) => string
  /** Defaults to the platform's compression; a photo it fails on is never uploaded. */
  compress?: PhotoPipeline['compress']
  max?: number
  /** Runs the pick once photos may be taken (a privacy gate); without one it runs at once. */
  gate?: (action: () => void) => void
  /** Told when photos start or stop compressing or uploading, e.g. to hold a submit until they are stored. */
  onBusyChange?: (busy: boolean) => void
}

const runAtOnce = (action: () => void) => action()

/** Photos a form takes: choose, compress, upload with progress, preview, retry, remove. Controlled. */
export function PhotoField({
  value,
  onChange,
  upload,
  photoUrl,
  compress,
  max = 9,
  gate = runAtOnce,
  onBusyChange,
}: PhotoFieldProps) {
  // The latest list, so that uploads finishing together each add to what the others added.
  const latest = useRef(value)
  latest.current = value
  const uploads = usePhotoUploads(
    (fileID) => {
      const next = [...latest.current, fileID].slice(0, max)
      latest.current = next
      onChange(next)
    },
    { upload, compress },
  )

  const onBusyChangeRef = useRef(onBusyChange)
  onBusyChangeRef.current = onBusyChange
  useEffect(() => onBusyChangeRef.current?.(uploads.busy), [uploads.busy])

  const tiles: PhotoTile[] = [
    ...value.map((fileID) => ({ key: fileID, url: photoUrl(fileID) })),
    ...uploads.pending.map((item) => ({
      key: item.key,
      url: item.localPath,
      progress: item.progress,
      error: item.error,
    })),
  ]
  const room = max - value.length - uploads.pending.length

  const remove = (key: string) => {
    if (value.includes(key)) onChange(value.filter((photo) => photo !== key))
    else uploads.discard(key)
  }

  return (
    <PhotoGrid
      photos={tiles}
      max={max}
      onAdd={room > 0 ? () => gate(() => void uploads.pick(room)) : undefined}
      onRemove={remove}
      onRetry={uploads.retry}
      onPreview={(index) =>
        previewImages(
          tiles.map((tile) => tile.url),
          index,
        )
      }
    />
  )
}
