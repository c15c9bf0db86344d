import Taro from '@tarojs/taro'
import { PhotoGrid, type PhotoTile } from '@/components/photo-grid'
import type { NativeProps } from '../../native'

export interface PhotoGridNativeProps extends NativeProps {
  photos: PhotoTile[]
  max?: number
  /** The report form's picker: the add tile and remove buttons. Without it the grid is read-only (case detail). */
  editable?: boolean
}

/**
 * The app's PhotoGrid wired as the pages wire it: a tap on a photo opens WeChat's previewer on that photo
 * (src/pages/case-detail) and emits `preview` with the index; the picker's taps emit `add`, `remove`, `retry`.
 */
export default function PhotoGridNative({ photos, max, editable, $scope }: PhotoGridNativeProps) {
  const urls = photos.map((photo) => photo.url)
  return (
    <PhotoGrid
      photos={photos}
      max={max}
      onPreview={(index) => {
        $scope.triggerEvent('preview', { index })
        void Taro.previewImage({ urls, current: urls[index] ?? urls[0] ?? '' }).catch(() => undefined)
      }}
      onAdd={editable ? () => $scope.triggerEvent('add', { count: photos.length }) : undefined}
      onRemove={editable ? (key) => $scope.triggerEvent('remove', { key }) : undefined}
      onRetry={editable ? (key) => $scope.triggerEvent('retry', { key }) : undefined}
    />
  )
}
