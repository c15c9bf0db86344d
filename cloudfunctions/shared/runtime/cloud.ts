import type { Db } from '@cloudbase/database'
import type { Runtime } from './runtime'
import { cloudFiles } from './cloud-files'
import { wechatCallerOf } from './invocation'
import { loadSettings } from './settings'
import { cloudWeChat } from './wechat'
import { bootstrapHashVariable } from '../people/codes'
import { trailKeyFrom } from '../cases/trail'

/**
 * The runtime in CloudBase: the database from @cloudbase/node-sdk (installed in the cloud, not bundled)
 * and the caller from the invocation's own WeChat context, never from process.env or the payload.
 */
export function createCloudRuntime(): Runtime {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tcb = require('@cloudbase/node-sdk') as typeof import('@cloudbase/node-sdk')
  const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV })
  return {
    db: app.database() as unknown as Db,
    callerOpenid: wechatCallerOf,
    now: () => new Date(),
    files: cloudFiles(app),
    wechat: cloudWeChat(),
    settings: loadSettings(process.env),
    trailKey: trailKeyFrom(process.env),
    // Deploy configuration, fixed for the function's life (unlike the caller, which comes per invocation).
    ...(process.env[bootstrapHashVariable] ? { bootstrapCodeHash: process.env[bootstrapHashVariable] } : {}),
  }
}
