import { handleIntakeEvent } from '../shared/app'
import { createCloudRuntime } from '../shared/runtime/cloud'
import type { Runtime } from '../shared/runtime/runtime'

let runtime: Runtime | undefined

/** See api/main.ts: only a local host calls this. */
export function bindRuntime(hostRuntime: Runtime): void {
  runtime = hostRuntime
}

/**
 * Monitoring stations' readings, through the HTTP access service (path /intake). No user stands behind an
 * HTTP request: the station's signature is the only authority, whatever the invocation's context says.
 */
export async function main(event: unknown) {
  runtime ??= createCloudRuntime()
  return handleIntakeEvent(runtime, event)
}
