import { isApiError, photoUrl, uploadPhoto } from '../../src/services/api'
import { cloud, fail, ok, onAction, payloadsOf, resetPlatform } from '../fakes/platform'

jest.mock('@/platform/cloud', () => require('../fakes/platform').cloud)

beforeEach(() => resetPlatform())

describe('services/api uploadPhoto()', () => {
  it('uploads into the folder the server names, then registers the upload before handing it to the form', async () => {
    onAction('photo.prepare', () => ok({ prefix: 'uploads/o-reporter/' }))
    const progress: number[] = []
    const fileID = await uploadPhoto('blob:photo-1', (percent) => progress.push(percent))
    expect(cloud.uploadPhoto).toHaveBeenCalledWith(
      'blob:photo-1',
      { prefix: 'uploads/o-reporter/' },
      expect.any(Function),
    )
    expect(payloadsOf('photo.register')).toEqual([{ fileID }])
    expect(progress.at(-1)).toBe(100)

    // The folder is asked for once.
    await uploadPhoto('blob:photo-2')
    expect(payloadsOf('photo.prepare')).toHaveLength(1)
    expect(payloadsOf('photo.register')).toHaveLength(2)
  })

  it('fails with the server’s Chinese reason when the registration is refused', async () => {
    onAction('photo.register', () =>
      fail('file-rejected', '无法识别这张照片，请重新拍摄或换一张（支持 JPEG、PNG、WebP）'),
    )
    const error = await uploadPhoto('blob:photo-3').catch((caught: unknown) => caught)
    expect(isApiError(error) && error.message).toMatch(/无法识别这张照片/)
  })
})

describe('services/api photoUrl()', () => {
  it('shows an answer’s temporary URLs as they are, and a form’s own uploads through the platform', () => {
    const temporary = '/storage/file?fileID=cloud%3A%2F%2Fenv.b%2Fphotos%2Fx.jpg&t=1&sign=ab'
    expect(photoUrl(temporary)).toBe(temporary)
    expect(photoUrl('https://tcb.example/photos/x.jpg?sign=1')).toBe(
      'https://tcb.example/photos/x.jpg?sign=1',
    )
    expect(photoUrl('cloud://env.b/uploads/o/a.jpg')).toBe(
      `/storage/file?fileID=${encodeURIComponent('cloud://env.b/uploads/o/a.jpg')}`,
    )
  })
})
