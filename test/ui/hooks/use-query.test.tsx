import { act, renderHook, waitFor } from '@testing-library/react'
import { useQuery } from '../../../src/hooks/use-query'
import { fail, ok, onAction, payloadsOf, resetPlatform } from '../../fakes/platform'
import { caseView, meView } from '../fixtures'
import { deferred } from '../support/deferred'

jest.mock('@/platform/cloud', () => require('../../fakes/platform').cloud)

beforeEach(() => resetPlatform())

const detailOf = (id: string) => ok({ case: caseView({ id }), events: [] })

describe('a query', () => {
  it('asks when mounted and again when the payload changes, showing only the newest answer', async () => {
    const slow = deferred<unknown>()
    onAction('case.get', (payload) => {
      const { caseId } = payload as { caseId: string }
      return caseId === 'case-old' ? slow.promise : detailOf(caseId)
    })
    const { result, rerender } = renderHook(({ caseId }) => useQuery('case.get', { caseId }), {
      initialProps: { caseId: 'case-old' },
    })
    expect(result.current.loading).toBe(true)

    rerender({ caseId: 'case-new' })
    await waitFor(() => expect(result.current.data?.case.id).toBe('case-new'))
    await act(async () => {
      slow.resolve(detailOf('case-old'))
      await slow.promise
    })
    expect(result.current.data?.case.id).toBe('case-new')
    expect(result.current.loading).toBe(false)
  })

  it('shows the server’s words when it fails, and the data once a reload succeeds', async () => {
    onAction('me.get', () => fail('not-signed-in', '请先登录'))
    const { result } = renderHook(() => useQuery('me.get', {}))
    await waitFor(() => expect(result.current.error?.message).toBe('请先登录'))

    onAction('me.get', () => ok(meView({ nickname: '林女士' })))
    await act(async () => {
      await result.current.reload()
    })
    expect(result.current.error).toBeUndefined()
    expect(result.current.data?.nickname).toBe('林女士')
  })

  it('asks nothing and is not loading while switched off', async () => {
    onAction('me.get', () => ok(meView()))
    const { result, rerender } = renderHook(({ enabled }) => useQuery('me.get', {}, { enabled }), {
      initialProps: { enabled: false },
    })
    expect(result.current.loading).toBe(false)
    expect(payloadsOf('me.get')).toEqual([])

    rerender({ enabled: true })
    await waitFor(() => expect(result.current.data?.nickname).toBe('网格员小许'))
    expect(payloadsOf('me.get')).toHaveLength(1)
  })
})
