import { handleApiEvent } from '../shared/app'
import { createCloudRuntime } from '../shared/runtime/cloud'
import type { Runtime } from '../shared/runtime/runtime'

let runtime: Runtime | undefined

/**
 * Lets a host supply the runtime (the local emulator does, with its database and dev session). CloudBase
 * never calls it, so a deployed function always uses the real SDK and the WeChat context.
 */
export function bindRuntime(hostRuntime: Runtime): void {
  runtime = hostRuntime
}

export async function main(event: unknown, context: unknown) {
  runtime ??= createCloudRuntime()
  return handleApiEvent(runtime, event, context)
}
