import { act, renderHook } from '@testing-library/react'
import { useRefreshOnShow } from '../../../src/hooks/use-refresh-on-show'
import { showPageAgain } from '../support/page-shows'

jest.mock('@tarojs/taro', () => require('../support/page-shows').taro)

describe('refresh on show', () => {
  it('leaves the first show to the loading on mount, and refreshes every later show', () => {
    const refresh = jest.fn()
    renderHook(() => useRefreshOnShow(refresh))
    expect(refresh).not.toHaveBeenCalled()

    act(() => showPageAgain())
    act(() => showPageAgain())
    expect(refresh).toHaveBeenCalledTimes(2)
  })

  it('calls the latest refresh the page rendered with', () => {
    const first = jest.fn()
    const latest = jest.fn()
    const { rerender } = renderHook(({ refresh }) => useRefreshOnShow(refresh), {
      initialProps: { refresh: first },
    })
    rerender({ refresh: latest })
    act(() => showPageAgain())
    expect(first).not.toHaveBeenCalled()
    expect(latest).toHaveBeenCalledTimes(1)
  })
})
