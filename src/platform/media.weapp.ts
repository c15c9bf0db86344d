import Taro from '@tarojs/taro'
import { PhotoCompressionError, type PickedPhoto } from './types'

const maxLongSide = 1280

function isCancel(error: unknown): boolean {
  return /cancel/i.test((error as { errMsg?: string } | null)?.errMsg ?? '')
}

export async function choosePhotos(count: number): Promise<PickedPhoto[]> {
  try {
    const result = await Taro.chooseMedia({
      count,
      mediaType: ['image'],
      sourceType: ['album', 'camera'],
      sizeType: ['compressed'],
    })
    return result.tempFiles.map((file) => ({ path: file.tempFilePath, size: file.size }))
  } catch (error) {
    if (isCancel(error)) return []
    throw error
  }
}

export async function compressPhoto(path: string): Promise<string> {
  try {
    const info = await Taro.getImageInfo({ src: path })
    const longSide = Math.max(info.width, info.height)
    const options: Taro.compressImage.Option & { compressedWidth?: number; compressedHeight?: number } = {
      src: path,
      quality: 70,
    }
    if (longSide > maxLongSide) {
      // compressedWidth/compressedHeight exist from base library 2.26; older ones ignore them and keep the size.
      const scale = maxLongSide / longSide
      if (info.width >= info.height) options.compressedWidth = Math.round(info.width * scale)
      else options.compressedHeight = Math.round(info.height * scale)
    }
    const result = await Taro.compressImage(options)
    return result.tempFilePath
  } catch (error) {
    // Never fall back to the original: it would go up full size, with its EXIF location.
    throw new PhotoCompressionError(error)
  }
}
