import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { PhotoField, type PhotoFieldProps } from '../../../src/components/photo-field'
import { resetTaro } from '../../fakes/taro'
import { media, resetPlatform } from '../../fakes/platform'
import { deferred } from '../support/deferred'

jest.mock('@tarojs/taro', () => require('../../fakes/taro'))
jest.mock('@tarojs/components', () => require('../../fakes/taro-components'))
jest.mock('@/platform/cloud', () => require('../../fakes/platform').cloud)
jest.mock('@/platform/media', () => require('../../fakes/platform').media)

beforeEach(() => {
  resetTaro()
  resetPlatform()
})

const photoUrl = (fileID: string) => `https://files.test/${fileID}`
const picked = (...paths: string[]) => paths.map((path) => ({ path, size: 1000 }))

/** The field as a form holds it: the value lives outside, every change is recorded. */
function renderField(initial: string[], props: Partial<PhotoFieldProps> = {}) {
  const changes: string[][] = []
  function Form() {
    const [value, setValue] = useState(initial)
    return (
      <PhotoField
        value={value}
        onChange={(next) => {
          changes.push(next)
          setValue(next)
        }}
        upload={async (path) => `cloud://test/${path}`}
        compress={async (path) => `${path}-small`}
        photoUrl={photoUrl}
        {...props}
      />
    )
  }
  render(<Form />)
  return changes
}

function $(selector: string): HTMLElement {
  const element = document.querySelector<HTMLElement>(selector)
  if (!element) throw new Error(`no element matches ${selector}`)
  return element
}

async function addPhotos() {
  await act(async () => {
    fireEvent.click($('.bg-photo-input'))
  })
}

describe('photo field', () => {
  it('uploads the compressed photos, never the originals, and adds each fileID to the value', async () => {
    media.choosePhotos.mockResolvedValueOnce(picked('tmp-1', 'tmp-2'))
    const upload = jest.fn(async (path: string) => `cloud://test/${path}`)
    const changes = renderField(['cloud://test/kept'], { upload })
    await addPhotos()

    await waitFor(() => expect(changes.at(-1)).toHaveLength(3))
    expect(upload.mock.calls.map(([path]) => path).sort()).toEqual(['tmp-1-small', 'tmp-2-small'])
    expect([...changes.at(-1)!].sort()).toEqual([
      'cloud://test/kept',
      'cloud://test/tmp-1-small',
      'cloud://test/tmp-2-small',
    ])
    expect(media.choosePhotos).toHaveBeenCalledWith(8)
  })

  it('shows the progress of a photo while it uploads, and tells the form it is busy until it is stored', async () => {
    const stored = deferred<string>()
    const busy = jest.fn()
    renderField([], {
      upload: (_path, onProgress) => {
        onProgress(40)
        return stored.promise
      },
      onBusyChange: busy,
    })
    await addPhotos()
    expect(await screen.findByText('40%')).toBeTruthy()
    expect(busy).toHaveBeenLastCalledWith(true)

    await act(async () => {
      stored.resolve('cloud://test/one')
      await stored.promise
    })
    await waitFor(() => expect(busy).toHaveBeenLastCalledWith(false))
    expect(screen.queryByText('40%')).toBeNull()
  })

  it('when compression fails the photo is not uploaded and the user is told why; a tap tries again', async () => {
    const upload = jest.fn(async (path: string) => `cloud://test/${path}`)
    const compress = jest
      .fn<Promise<string>, [string]>()
      .mockRejectedValueOnce(new Error('compressImage:fail'))
      .mockImplementation(async (path) => `${path}-small`)
    const changes = renderField([], { upload, compress })
    await addPhotos()

    expect(await screen.findByText('照片压缩失败，未上传，点按重试')).toBeTruthy()
    expect(upload).not.toHaveBeenCalled()
    expect(changes).toEqual([])

    await act(async () => {
      fireEvent.click($('.bg-photo-item--failed'))
    })
    await waitFor(() => expect(changes).toEqual([['cloud://test/blob:photo-1-small']]))
    expect(upload).toHaveBeenCalledWith('blob:photo-1-small', expect.any(Function))
  })

  it('removing a photo drops it from the value', () => {
    const changes = renderField(['cloud://test/a', 'cloud://test/b'])
    fireEvent.click(document.querySelectorAll<HTMLElement>('.bg-photo-remove')[0]!)
    expect(changes).toEqual([['cloud://test/b']])
    expect(document.querySelectorAll('.bg-photo-item')).toHaveLength(1)
  })

  it('opens the picker only through the gate, and offers no add tile once full', async () => {
    const gate = jest.fn()
    renderField(['cloud://test/a'], { gate, max: 2 })
    fireEvent.click($('.bg-photo-input'))
    expect(gate).toHaveBeenCalledTimes(1)
    expect(media.choosePhotos).not.toHaveBeenCalled()

    await act(async () => {
      gate.mock.calls[0][0]()
    })
    await waitFor(() => expect(document.querySelectorAll('.bg-photo-item')).toHaveLength(2))
    expect(media.choosePhotos).toHaveBeenCalledWith(1)
    expect(document.querySelector('.bg-photo-input')).toBeNull()
  })

  it('previews the tapped photo among all of them', () => {
    renderField(['cloud://test/a', 'cloud://test/b'])
    fireEvent.click(document.querySelectorAll<HTMLElement>('.bg-photo-item')[1]!)
    expect(Taro.previewImage).toHaveBeenCalledWith({
      urls: [photoUrl('cloud://test/a'), photoUrl('cloud://test/b')],
      current: photoUrl('cloud://test/b'),
    })
  })
})
