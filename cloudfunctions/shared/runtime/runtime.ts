import type { Db } from '@cloudbase/database'
import { defaultPolicy, type Policy } from '../../../src/domain/case/policy'

/**
 * What a cloud function needs from the outside world. The cloud builds it from @cloudbase/node-sdk and
 * the WeChat context; the emulator and tests build it from the embedded database and the dev session.
 */
export interface Runtime {
  db: Db
  /** The caller's OPENID for this invocation, or null when there is none (e.g. a timer). */
  callerOpenid(context: unknown): string | null
  now(): Date
  /** Settings that differ between deployments. */
  settings: RuntimeSettings
}

export interface RuntimeSettings {
  /** The lifecycle rules (src/domain/catalog/policy.json unless a deployment overrides them). */
  policy: Policy
}

export const defaultSettings: RuntimeSettings = {
  policy: defaultPolicy,
}
