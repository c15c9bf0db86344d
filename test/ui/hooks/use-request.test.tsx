import { act, renderHook, waitFor } from '@testing-library/react'
import { ApiError } from '../../../src/services/api'
import { useRequest } from '../../../src/hooks/use-request'
import { deferred, type Deferred } from '../support/deferred'

describe('the request state every hook shares', () => {
  it('is loading while a request runs, then holds its answer', async () => {
    const answer = deferred<string>()
    const { result } = renderHook(() => useRequest(() => answer.promise))
    expect(result.current.loading).toBe(false)

    let run!: Promise<string>
    act(() => {
      run = result.current.run()
    })
    expect(result.current.loading).toBe(true)
    await act(async () => {
      answer.resolve('first')
      await run
    })
    expect(result.current).toMatchObject({ loading: false, data: 'first', error: undefined })
  })

  it('keeps an ApiError for anything thrown, rejects with it, and clears it when run again', async () => {
    const request = jest.fn(async (_id: string): Promise<string> => {
      throw new TypeError('boom')
    })
    const { result } = renderHook(() => useRequest(request))

    await act(async () => {
      await expect(result.current.run('a')).rejects.toBeInstanceOf(ApiError)
    })
    expect(result.current.error?.code).toBe('internal')

    request.mockResolvedValueOnce('again')
    await act(async () => {
      await result.current.retry()
    })
    expect(request).toHaveBeenLastCalledWith('a')
    expect(result.current).toMatchObject({ error: undefined, data: 'again' })
  })

  it('lets only the latest run decide what is shown, while each caller still gets its own answer', async () => {
    const answers: Record<string, Deferred<string>> = { slow: deferred(), fast: deferred() }
    const onData = jest.fn()
    const { result } = renderHook(() => useRequest((name: string) => answers[name]!.promise, { onData }))

    let slow!: Promise<string>
    let fast!: Promise<string>
    act(() => {
      slow = result.current.run('slow')
      fast = result.current.run('fast')
    })
    await act(async () => {
      answers.fast!.resolve('fast answer')
      await fast
    })
    await act(async () => {
      answers.slow!.resolve('slow answer')
      await expect(slow).resolves.toBe('slow answer')
    })
    expect(result.current.data).toBe('fast answer')
    expect(onData).toHaveBeenCalledTimes(1)
    expect(onData).toHaveBeenCalledWith('fast answer', ['fast'])
  })

  it('drops the answer and the error of a cancelled run', async () => {
    const answer = deferred<string>()
    const { result } = renderHook(() => useRequest(() => answer.promise))
    let run!: Promise<string>
    act(() => {
      run = result.current.run()
    })
    act(() => result.current.cancel())
    expect(result.current.loading).toBe(false)
    await act(async () => {
      answer.reject(new ApiError('network', '网络异常，请检查网络后重试'))
      await run.catch(() => undefined)
    })
    await waitFor(() => expect(result.current).toMatchObject({ loading: false, error: undefined }))
  })
})
