import type { Manager, ServiceName } from './manager'

/** One manager-node call, with the exact arguments it will receive. */
export interface PlannedCall {
  service: ServiceName
  method: string
  args: unknown[]
  /** Why the call is made, in a few words. */
  purpose: string
  /** Repeat the call until it succeeds (a collection is not usable at once after creation). */
  pollUntilOk?: { timeoutMs: number; intervalMs: number }
}

/** What a plan step prints: the call with its arguments, secrets and uploads summarised. */
export function describeCall(call: PlannedCall): string {
  const args = call.args.map((arg) => JSON.stringify(redact(arg))).join(', ')
  const poll = call.pollUntilOk
    ? ` (repeated until it answers, up to ${call.pollUntilOk.timeoutMs / 1000} s)`
    : ''
  return `${call.service}.${call.method}(${args})${poll}  # ${call.purpose}`
}

const redactedKeys = new Set(['secretId', 'secretKey', 'token'])

/** Values of environment variables and credentials become `<redacted>`; a zip becomes its size. */
export function redact(value: unknown, key = ''): unknown {
  if (key === 'base64Code' && typeof value === 'string') {
    return `<zip, ${Buffer.byteLength(value, 'base64').toLocaleString('en-US')} bytes>`
  }
  if (redactedKeys.has(key)) return '<redacted>'
  if (Array.isArray(value)) return value.map((item) => redact(item))
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
    if (key === 'envVariables') return Object.fromEntries(entries.map(([name]) => [name, '<redacted>']))
    return Object.fromEntries(entries.map(([name, item]) => [name, redact(item, name)]))
  }
  return value
}

export interface Clock {
  now(): number
  sleep(ms: number): Promise<void>
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
}

/** Makes one planned call on the client, repeating it while it fails if the step says so. */
export async function runCall(
  manager: Manager,
  call: PlannedCall,
  clock: Clock = systemClock,
): Promise<unknown> {
  const service = manager[call.service] as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>
  const invoke = () => service[call.method]!.apply(service, call.args)
  if (!call.pollUntilOk) return invoke()
  const deadline = clock.now() + call.pollUntilOk.timeoutMs
  for (;;) {
    try {
      return await invoke()
    } catch (error) {
      if (clock.now() >= deadline) {
        throw new Error(
          `${call.service}.${call.method} still failing after ${call.pollUntilOk.timeoutMs} ms: ${(error as Error).message}`,
        )
      }
      await clock.sleep(call.pollUntilOk.intervalMs)
    }
  }
}
