import { handleOpen311Event } from '../shared/app'
import { createCloudRuntime } from '../shared/runtime/cloud'
import type { Runtime } from '../shared/runtime/runtime'

let runtime: Runtime | undefined

/** See api/main.ts: only a local host calls this. */
export function bindRuntime(hostRuntime: Runtime): void {
  runtime = hostRuntime
}

/**
 * Open311 GeoReport v2, through the HTTP access service (path /open311): civic apps read the public summary of
 * cases and post new ones with a registered api key. No user stands behind an HTTP request: the api key is the
 * only authority, whatever the invocation's context says.
 */
export async function main(event: unknown) {
  runtime ??= createCloudRuntime()
  return handleOpen311Event(runtime, event)
}
