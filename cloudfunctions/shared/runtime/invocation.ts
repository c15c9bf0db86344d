/**
 * How CloudBase delivered an invocation, read from its event and its own context only. The platform states
 * each invocation's environment in `context.environment` (a JSON string) or, on older runtimes, in
 * `context.environ` (`KEY=value;KEY=value`). process.env is never read: a warm instance may still hold an
 * earlier invocation's caller there, and node-sdk's `getCloudbaseContext` merges it in.
 */

export type InvocationEnvironment = Readonly<Record<string, string>>

/** The invocation's own environment; anything malformed or ambiguous counts as absent. */
export function invocationEnvironment(context: unknown): InvocationEnvironment {
  if (typeof context !== 'object' || context === null) return {}
  const { environment, environ } = context as { environment?: unknown; environ?: unknown }
  if (environment !== undefined) return fromJson(environment)
  return typeof environ === 'string' ? fromEnviron(environ) : {}
}

function fromJson(environment: unknown): InvocationEnvironment {
  if (typeof environment !== 'string') return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(environment)
  } catch {
    return {}
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {}
  return Object.fromEntries(Object.entries(parsed).filter(([, value]) => typeof value === 'string'))
}

function fromEnviron(environ: string): InvocationEnvironment {
  const values = new Map<string, string | null>()
  for (const pair of environ.split(';')) {
    const equals = pair.indexOf('=')
    if (equals <= 0) continue
    const key = pair.slice(0, equals)
    const value = pair.slice(equals + 1)
    // A key stated twice with different values is ambiguous: it grants nothing.
    values.set(key, values.has(key) && values.get(key) !== value ? null : value)
  }
  return Object.fromEntries([...values].filter((entry): entry is [string, string] => entry[1] !== null))
}

/** Trigger sources of a client's callFunction: 'tcb' as WeChat's calls state it; 'wx' on some runtimes. */
const clientCallSources = new Set(['tcb', 'wx'])

/**
 * The WeChat user of a call from the mini-program: the OPENID the platform put in this invocation's
 * context, trusted only when the context says the invocation is a client's call.
 */
export function wechatCallerOf(context: unknown): string | null {
  const environment = invocationEnvironment(context)
  const openid = environment.WX_OPENID
  if (!openid || !clientCallSources.has(environment.TRIGGER_SRC ?? '')) return null
  return openid
}

/** What a timer trigger delivers as the event. */
export interface TimerEvent {
  Type: 'Timer'
  TriggerName: string
  Time: string
  Message?: string
}

export function isTimerEvent(event: unknown): event is TimerEvent {
  if (typeof event !== 'object' || event === null) return false
  const { Type, TriggerName, Time } = event as Record<string, unknown>
  return Type === 'Timer' && typeof TriggerName === 'string' && typeof Time === 'string'
}

/**
 * A timer's invocation: a timer event, and a context that carries no user and states no other source.
 * The event alone proves nothing (a client can send any data), but a client's call always states
 * TRIGGER_SRC 'tcb' or carries its user. A timer states 'timer', or, when WeChat DevTools uploaded it,
 * TCB_SOURCE 'wx_trigger'.
 */
export function isTimerInvocation(event: unknown, context: unknown): boolean {
  if (!isTimerEvent(event)) return false
  const environment = invocationEnvironment(context)
  if (environment.WX_OPENID || environment.TCB_UUID || environment.TCB_CUSTOM_USER_ID) return false
  const source = environment.TRIGGER_SRC
  return source === undefined || source === 'timer' || environment.TCB_SOURCE === 'wx_trigger'
}
