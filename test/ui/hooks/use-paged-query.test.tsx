import { act, renderHook, waitFor } from '@testing-library/react'
import { usePagedQuery } from '../../../src/hooks/use-paged-query'
import { fail, ok, onAction, resetPlatform } from '../../fakes/platform'
import { caseView } from '../fixtures'
import { deferred } from '../support/deferred'

jest.mock('@/platform/cloud', () => require('../../fakes/platform').cloud)

beforeEach(() => resetPlatform())

/** A page of two as the api answers it: the total only on the last page. */
const pageOf = (ids: string[], page: number, total: number) => {
  const hasMore = page * 2 < total
  return ok({
    items: ids.map((id) => caseView({ id })),
    total: hasMore ? null : total,
    hasMore,
    page,
    pageSize: 2,
  })
}

describe('a paged list', () => {
  it('adds further pages without showing twice a case that moved between pages', async () => {
    onAction('case.mine', (payload) =>
      (payload as { page: number }).page === 1 ? pageOf(['a', 'b'], 1, 3) : pageOf(['b', 'c'], 2, 3),
    )
    const { result } = renderHook(() => usePagedQuery('case.mine', {}, { pageSize: 2 }))
    await waitFor(() => expect(result.current.items.map((item) => item.id)).toEqual(['a', 'b']))
    expect(result.current.hasMore).toBe(true)

    await act(async () => {
      await result.current.loadMore()
    })
    expect(result.current.items.map((item) => item.id)).toEqual(['a', 'b', 'c'])
    expect(result.current.hasMore).toBe(false)
    expect(result.current.last?.page).toBe(2)
  })

  it('keeps the items shown when a further page fails, and says so', async () => {
    onAction('case.mine', (payload) =>
      (payload as { page: number }).page === 1
        ? pageOf(['a', 'b'], 1, 4)
        : fail('internal', '服务暂时不可用，请稍后重试'),
    )
    const { result } = renderHook(() => usePagedQuery('case.mine', {}, { pageSize: 2 }))
    await waitFor(() => expect(result.current.items).toHaveLength(2))

    await act(async () => {
      await result.current.loadMore()
    })
    expect(result.current.moreError?.message).toBe('服务暂时不可用，请稍后重试')
    expect(result.current.error).toBeUndefined()
    expect(result.current.items).toHaveLength(2)
  })

  it('drops a further page still on its way when the list is reloaded', async () => {
    const second = deferred<unknown>()
    let firstPages = 0
    onAction('case.mine', (payload) => {
      if ((payload as { page: number }).page === 2) return second.promise
      firstPages += 1
      return firstPages === 1 ? pageOf(['a', 'b'], 1, 4) : pageOf(['x', 'y'], 1, 4)
    })
    const { result } = renderHook(() => usePagedQuery('case.mine', {}, { pageSize: 2 }))
    await waitFor(() => expect(result.current.items).toHaveLength(2))

    let more!: Promise<void>
    act(() => {
      more = result.current.loadMore()
    })
    expect(result.current.loadingMore).toBe(true)
    await act(async () => {
      await result.current.reload()
    })
    await act(async () => {
      second.resolve(pageOf(['c', 'd'], 2, 4))
      await more
    })
    expect(result.current.items.map((item) => item.id)).toEqual(['x', 'y'])
    expect(result.current.loadingMore).toBe(false)
  })
})
