import { Image, Text, View } from '@tarojs/components'
import { cx } from '@/utils/class-name'

export interface PhotoTile {
  key: string
  url: string
  /** 0–100 while uploading; absent once stored. */
  progress?: number
  /** An upload failure; tapping the tile asks for a retry. */
  error?: string
}

export interface PhotoGridProps {
  photos: PhotoTile[]
  /** Shows the add tile while fewer than `max` photos are present. */
  max?: number
  onAdd?: () => void
  onRemove?: (key: string) => void
  onRetry?: (key: string) => void
  onPreview?: (index: number) => void
}

/** Photos in a 3-column grid: read-only (case detail) or editable with an add tile (report form). */
export function PhotoGrid({ photos, max = 9, onAdd, onRemove, onRetry, onPreview }: PhotoGridProps) {
  return (
    <View className="bg-photo-grid">
      {photos.map((photo, index) => {
        const uploading = photo.progress !== undefined && !photo.error
        return (
          <View
            key={photo.key}
            className={cx(
              'bg-photo-grid__tile',
              'bg-photo-item',
              photo.error && 'bg-photo-item--failed',
              uploading && 'bg-photo-item--uploading',
            )}
            onClick={() => (photo.error ? onRetry?.(photo.key) : onPreview?.(index))}
          >
            <Image className="bg-photo-grid__image" src={photo.url} mode="aspectFill" />
            {uploading ? (
              <View className="bg-photo-grid__overlay">
                <Text>{`${photo.progress ?? 0}%`}</Text>
              </View>
            ) : null}
            {photo.error ? (
              <View className="bg-photo-grid__overlay bg-photo-grid__overlay--error">
                <Text>{photo.error}</Text>
              </View>
            ) : null}
            {onRemove && !uploading ? (
              <View
                className="bg-photo-grid__remove bg-photo-remove"
                onClick={(event) => {
                  event.stopPropagation()
                  onRemove(photo.key)
                }}
              >
                <Text>×</Text>
              </View>
            ) : null}
          </View>
        )
      })}
      {onAdd && photos.length < max ? (
        <View
          id="bg-photo-input"
          className="bg-photo-grid__tile bg-photo-grid__add bg-photo-input"
          onClick={onAdd}
        >
          <Text className="bg-photo-grid__plus">+</Text>
          <Text className="bg-photo-grid__hint">{`拍照/相册 ${photos.length}/${max}`}</Text>
        </View>
      ) : null}
    </View>
  )
}
