import Taro from '@tarojs/taro'
import * as mediaH5 from '../../src/platform/media.h5'
import * as mediaWeapp from '../../src/platform/media.weapp'
import { PhotoCompressionError } from '../../src/platform/types'
import { resetTaro } from '../fakes/taro'

jest.mock('@tarojs/taro', () => require('../fakes/taro'))

const taro = Taro as unknown as Record<string, jest.Mock | undefined>

beforeEach(() => resetTaro())

describe('photo compression in the mini-program', () => {
  it('hands back the compressed copy, never the original', async () => {
    taro.getImageInfo = jest.fn().mockResolvedValue({ width: 4000, height: 3000 })
    taro.compressImage = jest.fn().mockResolvedValue({ tempFilePath: 'wxfile://small.jpg' })
    await expect(mediaWeapp.compressPhoto('wxfile://original.jpg')).resolves.toBe('wxfile://small.jpg')
    expect(taro.compressImage).toHaveBeenCalledWith(expect.objectContaining({ compressedWidth: 1280 }))
  })

  it('refuses to hand back the original when WeChat cannot compress it', async () => {
    taro.getImageInfo = jest.fn().mockResolvedValue({ width: 800, height: 600 })
    taro.compressImage = jest.fn().mockRejectedValue({ errMsg: 'compressImage:fail' })
    await expect(mediaWeapp.compressPhoto('wxfile://original.jpg')).rejects.toBeInstanceOf(
      PhotoCompressionError,
    )
  })
})

describe('photo compression in the browser', () => {
  const RealImage = global.Image
  afterEach(() => {
    global.Image = RealImage
  })

  /** An image that loads (or fails to) as soon as its src is set. */
  function fakeImage(outcome: 'load' | 'error') {
    global.Image = class {
      naturalWidth = 4000
      naturalHeight = 3000
      onload: (() => void) | null = null
      onerror: (() => void) | null = null
      set src(_value: string) {
        setTimeout(() => (outcome === 'load' ? this.onload?.() : this.onerror?.()), 0)
      }
    } as unknown as typeof Image
  }

  it('refuses a photo the browser cannot read', async () => {
    fakeImage('error')
    await expect(mediaH5.compressPhoto('blob:original')).rejects.toBeInstanceOf(PhotoCompressionError)
  })

  it('refuses a photo it has no canvas to redraw on, rather than sending the original', async () => {
    fakeImage('load')
    const getContext = jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null)
    await expect(mediaH5.compressPhoto('blob:original')).rejects.toBeInstanceOf(PhotoCompressionError)
    getContext.mockRestore()
  })
})
