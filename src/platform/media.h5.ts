import Taro from '@tarojs/taro'
import { PhotoCompressionError, type PickedPhoto } from './types'

const maxLongSide = 1280
const jpegQuality = 0.7

function isCancel(error: unknown): boolean {
  return /cancel/i.test((error as { errMsg?: string } | null)?.errMsg ?? '')
}

/**
 * Taro's H5 chooseImage adds an `<input type="file" id="taroChooseImage">` to the body and clicks it, so a
 * browser test answers it through Playwright's `filechooser` event (or `setInputFiles('#taroChooseImage')`
 * while the chooser is open). It must be called straight from a tap, with no await before it.
 */
export async function choosePhotos(count: number): Promise<PickedPhoto[]> {
  try {
    const result = await Taro.chooseImage({
      count,
      sourceType: ['album', 'camera'],
      sizeType: ['compressed'],
    })
    return result.tempFiles.map((file) => ({ path: file.path, size: file.size }))
  } catch (error) {
    if (isCancel(error)) return []
    throw error
  }
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image()
    image.onload = () => resolve(image)
    image.onerror = () => reject(new Error('image failed to load'))
    image.src = src
  })
}

/** Redraws the photo on a canvas (long side ≤ 1280) and exports JPEG; this also drops EXIF, GPS included. */
export async function compressPhoto(path: string): Promise<string> {
  let blob: Blob | null
  try {
    const image = await loadImage(path)
    const longSide = Math.max(image.naturalWidth, image.naturalHeight)
    if (!longSide) throw new Error('the photo has no size')
    const scale = Math.min(1, maxLongSide / longSide)
    const canvas = document.createElement('canvas')
    canvas.width = Math.max(1, Math.round(image.naturalWidth * scale))
    canvas.height = Math.max(1, Math.round(image.naturalHeight * scale))
    const context = canvas.getContext('2d')
    if (!context) throw new Error('no canvas to redraw the photo on')
    // JPEG has no transparency: paint white first so transparent PNGs do not turn black.
    context.fillStyle = '#fff'
    context.fillRect(0, 0, canvas.width, canvas.height)
    context.drawImage(image, 0, 0, canvas.width, canvas.height)
    blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', jpegQuality))
  } catch (error) {
    // Never fall back to the original: it would go up full size, with its EXIF location.
    throw new PhotoCompressionError(error)
  }
  if (!blob) throw new PhotoCompressionError(new Error('the canvas gave no JPEG'))
  return URL.createObjectURL(blob)
}
