import { act, renderHook } from '@testing-library/react'
import { useAction } from '../../../src/hooks/use-action'
import { fail, ok, onAction, resetPlatform } from '../../fakes/platform'
import { caseView } from '../fixtures'
import { deferred } from '../support/deferred'

jest.mock('@/platform/cloud', () => require('../../fakes/platform').cloud)

beforeEach(() => resetPlatform())

describe('a write action', () => {
  it('is running until the server answers, and resolves with its answer', async () => {
    const answer = deferred<unknown>()
    onAction('case.claim', () => answer.promise)
    const { result } = renderHook(() => useAction('case.claim'))

    let run!: Promise<unknown>
    act(() => {
      run = result.current.run({ caseId: 'case-1' })
    })
    expect(result.current.running).toBe(true)
    await act(async () => {
      answer.resolve(ok({ case: caseView({ status: 'claimed' }) }))
      await expect(run).resolves.toMatchObject({ case: { status: 'claimed' } })
    })
    expect(result.current.running).toBe(false)
  })

  it('rejects with the server’s words, keeps them in error until reset, and sends nothing twice', async () => {
    onAction('case.claim', () => fail('not-claimable', '该问题已被秦网格长认领'))
    const { result } = renderHook(() => useAction('case.claim'))

    await act(async () => {
      await expect(result.current.run({ caseId: 'case-1' })).rejects.toMatchObject({
        code: 'not-claimable',
        message: '该问题已被秦网格长认领',
      })
    })
    expect(result.current.error?.message).toBe('该问题已被秦网格长认领')
    act(() => result.current.reset())
    expect(result.current.error).toBeUndefined()
  })
})
