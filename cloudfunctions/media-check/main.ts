import { handleMediaCheckPush, isMediaCheckPush } from '../shared/content/media-check'
import { createCloudRuntime } from '../shared/runtime/cloud'
import type { Runtime } from '../shared/runtime/runtime'

let runtime: Runtime | undefined

/** See api/main.ts: only a local host calls this. */
export function bindRuntime(hostRuntime: Runtime): void {
  runtime = hostRuntime
}

/**
 * WeChat's image verdicts (消息推送 of `wxa_media_check` events, configured to this function in the
 * mini-program's settings). Anything else is refused before anything is touched; a forged verdict names no
 * photo, since trace ids never leave the functions.
 */
export async function main(event: unknown, _context: unknown) {
  if (!isMediaCheckPush(event)) return { ok: false, ignored: 'not-a-media-check' }
  runtime ??= createCloudRuntime()
  return handleMediaCheckPush(runtime, event)
}
