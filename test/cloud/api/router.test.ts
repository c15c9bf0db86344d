import { createTestWorld, type TestWorld } from '../../factories/runtime'
import { handleApiEvent } from '../../../cloudfunctions/shared/app'

describe('the api function’s router', () => {
  let world: TestWorld
  beforeEach(async () => {
    world = await createTestWorld()
  })
  afterEach(() => world.close())

  it('refuses a call without a caller', async () => {
    expect(await world.call(null, 'me.get', {})).toMatchObject({
      ok: false,
      error: { code: 'not-signed-in', message: '请先登录' },
    })
  })

  it('refuses an unknown action by name', async () => {
    const answer = await handleApiEvent(
      world.runtime,
      { action: 'case.teleport', payload: {} },
      { openid: 'demo-resident' },
    )
    expect(answer).toEqual({
      ok: false,
      error: { code: 'unknown-action', message: '不支持的操作：case.teleport' },
    })
  })

  it('refuses an event that is not an action request', async () => {
    for (const event of [null, 'text', 42, { payload: {} }, { action: 7 }]) {
      const answer = await handleApiEvent(world.runtime, event, { openid: 'demo-resident' })
      expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-input', message: '请求格式不正确' } })
    }
  })

  it('takes identity from the context, never from the payload', async () => {
    const answer = await handleApiEvent(
      world.runtime,
      { action: 'me.get', payload: { openid: 'demo-supervisor' } },
      { openid: 'demo-resident' },
    )
    expect(answer).toMatchObject({ ok: true, data: { nickname: '林女士', role: 'resident' } })
  })

  it('answers an unexpected failure without internals', async () => {
    const broken = {
      ...world.runtime,
      db: {
        collection: () => {
          throw new Error('disk on fire')
        },
      } as never,
    }
    const spy = jest.spyOn(console, 'error').mockImplementation(() => {})
    const answer = await handleApiEvent(
      broken,
      { action: 'me.get', payload: {} },
      { openid: 'demo-resident' },
    )
    spy.mockRestore()
    expect(answer).toEqual({ ok: false, error: { code: 'internal', message: '系统繁忙，请稍后再试' } })
  })
})
