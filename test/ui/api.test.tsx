import { ApiError, call, isApiError, networkErrorMessage } from '../../src/services/api'
import { cloud, fail, ok, onAction, resetPlatform } from '../fakes/platform'

jest.mock('@/platform/cloud', () => require('../fakes/platform').cloud)

beforeEach(() => resetPlatform())

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise
  } catch (error) {
    if (isApiError(error)) return error
    throw error
  }
  throw new Error('expected the call to fail')
}

describe('services/api call()', () => {
  it('sends { action, payload } to the api function and unwraps a successful envelope', async () => {
    onAction('case.get', () => ok({ case: { id: 'c1' }, events: [] }))
    const result = await call('case.get', { caseId: 'c1' })
    expect(result).toEqual({ case: { id: 'c1' }, events: [] })
    expect(cloud.callFunction).toHaveBeenCalledWith('api', { action: 'case.get', payload: { caseId: 'c1' } })
  })

  it('sends the payload as the schema parsed it (defaults filled in)', async () => {
    onAction('case.mine', () => ok({ items: [], total: 0, hasMore: false, page: 1, pageSize: 20 }))
    await call('case.mine', {})
    expect(cloud.callFunction).toHaveBeenCalledWith('api', {
      action: 'case.mine',
      payload: { page: 1, pageSize: 20 },
    })
  })

  it('throws an ApiError carrying the server’s code, message and fields when the envelope is not ok', async () => {
    onAction('case.claim', () => fail('not-claimable', '该问题已被秦网格长认领'))
    const error = await rejection(call('case.claim', { caseId: 'c1' }))
    expect(error).toBeInstanceOf(ApiError)
    expect(error.code).toBe('not-claimable')
    expect(error.message).toBe('该问题已被秦网格长认领')

    onAction('case.get', () =>
      fail('outside-service-area', '该位置不在服务范围内', { location: '不在服务范围内' }),
    )
    const withFields = await rejection(call('case.get', { caseId: 'c1' }))
    expect(withFields.fields).toEqual({ location: '不在服务范围内' })
  })

  it('maps a transport failure to the network error with a Chinese message', async () => {
    cloud.callFunction.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    const error = await rejection(call('me.get', {}))
    expect(error.code).toBe('network')
    expect(error.message).toBe(networkErrorMessage)
    expect(networkErrorMessage).toBe('网络异常，请检查网络后重试')
  })

  it('refuses an invalid payload with Chinese field messages, without calling the cloud', async () => {
    const error = await rejection(
      call('case.submit', {
        requestId: 'r-abcdefgh',
        categoryId: '',
        checkId: '',
        photos: [],
        location: { lng: 200, lat: 34.7 },
      }),
    )
    expect(error.code).toBe('invalid-input')
    expect(error.fields).toMatchObject({
      categoryId: '请选择问题类别',
      checkId: '请选择具体问题',
      photos: '请至少拍摄或选择一张照片',
      'location.lng': '经度超出范围',
    })
    expect(cloud.callFunction).not.toHaveBeenCalled()
  })

  it('treats an answer that is not an envelope as an internal error', async () => {
    onAction('me.get', () => ({ hello: 'world' }))
    const error = await rejection(call('me.get', {}))
    expect(error.code).toBe('internal')
    expect(error.message).toBe('系统繁忙，请稍后再试')
  })

  it('maps an unknown error code from the server to internal but keeps its message', async () => {
    onAction('me.get', () => fail('teapot', '服务器开小差了'))
    const error = await rejection(call('me.get', {}))
    expect(error.code).toBe('internal')
    expect(error.message).toBe('服务器开小差了')
  })
})
