import { createCloudRuntime } from '../shared/runtime/cloud'
import { handleJobsEvent } from '../shared/app'
import { timerOnly } from '../shared/jobs/runner'
import { isTimerInvocation } from '../shared/runtime/invocation'
import type { Runtime } from '../shared/runtime/runtime'

let runtime: Runtime | undefined

/** See api/main.ts: only a local host calls this. */
export function bindRuntime(hostRuntime: Runtime): void {
  runtime = hostRuntime
}

/** Runs the jobs for the timer trigger only; any other caller is refused before anything is touched. */
export async function main(event: unknown, context: unknown) {
  if (!isTimerInvocation(event, context)) return timerOnly
  runtime ??= createCloudRuntime()
  return handleJobsEvent(runtime, event)
}
