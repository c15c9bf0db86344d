import {
  invocationEnvironment,
  isTimerInvocation,
  wechatCallerOf,
} from '../../../cloudfunctions/shared/runtime/invocation'
import { httpCall, timerCall, wechatCall } from '../../factories/invocations'

describe('the caller of an invocation', () => {
  it('is the WeChat user the platform put in the invocation’s context, in either form', () => {
    expect(wechatCallerOf(wechatCall('api', 'o-resident', {}, 'environ').context)).toBe('o-resident')
    expect(wechatCallerOf(wechatCall('api', 'o-resident', {}, 'json').context)).toBe('o-resident')
  })

  it('is nobody for a timer or an HTTP request', () => {
    expect(wechatCallerOf(timerCall('api').context)).toBeNull()
    expect(wechatCallerOf(httpCall('api', { action: 'me.get' }).context)).toBeNull()
  })

  it('is never taken from process.env, where a warm instance may keep an earlier caller', () => {
    const earlier = { WX_OPENID: 'o-earlier-caller', WX_CONTEXT_KEYS: 'WX_OPENID', TRIGGER_SRC: 'tcb' }
    Object.assign(process.env, earlier)
    try {
      expect(wechatCallerOf(httpCall('api', {}).context)).toBeNull()
      expect(wechatCallerOf({ environ: '' })).toBeNull()
      expect(wechatCallerOf(wechatCall('api', 'o-now', {}).context)).toBe('o-now')
    } finally {
      for (const key of Object.keys(earlier)) delete process.env[key]
    }
  })

  it('is nobody when the context does not say it is a client’s call', () => {
    expect(wechatCallerOf({ environ: 'WX_OPENID=o-resident' })).toBeNull()
    expect(wechatCallerOf({ environ: 'WX_OPENID=o-resident;TRIGGER_SRC=timer' })).toBeNull()
    expect(
      wechatCallerOf({ environment: JSON.stringify({ WX_OPENID: 'o-resident', TRIGGER_SRC: 'http' }) }),
    ).toBeNull()
  })

  it('is nobody when the context is malformed or ambiguous', () => {
    for (const context of [
      null,
      undefined,
      'WX_OPENID=o-resident;TRIGGER_SRC=tcb',
      { openid: 'o-resident' },
      { environment: '{broken', environ: 'WX_OPENID=o-resident;TRIGGER_SRC=tcb' },
      { environment: JSON.stringify({ WX_OPENID: ['o-resident'], TRIGGER_SRC: 'tcb' }) },
      { environ: 'WX_OPENID=o-resident;TRIGGER_SRC=tcb;WX_OPENID=o-other' },
      { environ: 'WX_OPENID=;TRIGGER_SRC=tcb' },
    ]) {
      expect(wechatCallerOf(context)).toBeNull()
    }
  })

  it('reads an environ value that itself contains "="', () => {
    expect(invocationEnvironment({ environ: 'WX_API_TOKEN=abc==;TRIGGER_SRC=tcb' })).toEqual({
      WX_API_TOKEN: 'abc==',
      TRIGGER_SRC: 'tcb',
    })
  })
})

describe('a timer’s invocation', () => {
  it('is a timer event in a context that carries no user', () => {
    const { event, context } = timerCall('jobs')
    expect(isTimerInvocation(event, context)).toBe(true)
    expect(isTimerInvocation(event, {})).toBe(true)
    expect(isTimerInvocation(event, { environ: 'TCB_SOURCE=wx_trigger;TRIGGER_SRC=tcb' })).toBe(true)
  })

  it('is not a client that sends a timer’s event as its data', () => {
    const { event } = timerCall('jobs')
    expect(isTimerInvocation(event, wechatCall('jobs', 'o-resident', event).context)).toBe(false)
    expect(isTimerInvocation(event, { environ: 'TRIGGER_SRC=tcb;TCB_UUID=anonymous-web-user' })).toBe(false)
    expect(isTimerInvocation(event, { environ: 'TRIGGER_SRC=tcb' })).toBe(false)
  })

  it('is not an HTTP request or a call without the timer’s event', () => {
    const http = httpCall('jobs', timerCall('jobs').event)
    expect(isTimerInvocation(http.event, http.context)).toBe(false)
    const { context } = timerCall('jobs')
    for (const event of [{}, null, { Type: 'Timer' }, { Type: 'timer', TriggerName: 't', Time: 'now' }]) {
      expect(isTimerInvocation(event, context)).toBe(false)
    }
  })
})
