import type { Db } from '@cloudbase/database'
import type { Settings } from '../../../src/domain/settings'
import type { FileStorage } from './files'
import type { WeChatOpenApi } from './wechat'

/**
 * What a cloud function needs from the outside world. The cloud builds it from @cloudbase/node-sdk and
 * the WeChat context; the emulator and tests build it from the embedded database and the dev session.
 */
export interface Runtime {
  db: Db
  /** The caller's OPENID for this invocation, or null when there is none (e.g. a timer). */
  callerOpenid(context: unknown): string | null
  now(): Date
  /** Storage, as the functions reach it (exempt from the storage rule). */
  files: FileStorage
  /** WeChat's open APIs (cloud calls): wx-server-sdk in the cloud, the emulator's stand-in locally. */
  wechat: WeChatOpenApi
  /** Every configurable table (policy, deadlines, holidays, categories, points rules), validated once. */
  settings: Settings
  /**
   * The key that seals every case's trail (HMAC) and signs its checkpoints: from the functions' environment
   * (the emulator's data folder locally), never stored in the database.
   */
  trailKey: string
  /**
   * SHA-256 (hex) of the one-time code that creates the first district office (`bootstrap.claim`), from deploy
   * configuration; absent, no bootstrap is possible.
   */
  bootstrapCodeHash?: string
}
