import { createCloudRuntime } from '../shared/runtime/cloud'
import { handleJobsEvent } from '../shared/app'
import type { Runtime } from '../shared/runtime/runtime'

let runtime: Runtime | undefined

/** See api/main.ts: only a local host calls this. */
export function bindRuntime(hostRuntime: Runtime): void {
  runtime = hostRuntime
}

export async function main(event: unknown, _context: unknown) {
  runtime ??= createCloudRuntime()
  return handleJobsEvent(runtime, event)
}
