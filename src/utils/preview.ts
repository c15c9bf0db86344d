import Taro from '@tarojs/taro'

/** Opens the full-screen viewer at one of the photos; a viewer that fails to open changes nothing. */
export function previewImages(urls: string[], index: number): void {
  void Taro.previewImage({ urls, current: urls[index] ?? urls[0] ?? '' }).catch(() => undefined)
}
