import { AsyncLocalStorage } from 'node:async_hooks'
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Runtime } from '../cloudfunctions/shared/runtime/runtime'
import { countRequests, type RequestCounts } from './database'
import { HttpError } from './http-utils'

/** What the emulator knows about one invocation: who called, passed explicitly rather than via env. */
export interface InvocationScope {
  openid: string | null
}

/** A request as CloudBase's HTTP access service hands it to a function. */
export interface HttpAccessEvent {
  path: string
  httpMethod: string
  headers: Record<string, string>
  queryStringParameters: Record<string, string>
  body: string
  isBase64Encoded: boolean
  requestContext: { requestId: string; httpMethod: string; path: string }
}

interface DeployedFunction {
  main: (event: unknown, context: unknown) => Promise<unknown>
  bindRuntime?: (runtime: Runtime) => void
}

/**
 * Runs `cloudfunctions/<name>/index.js` (the same bundle that is deployed) in this process. Each call
 * runs inside its own async scope, so concurrent invocations never see each other's caller.
 */
export class FunctionHost {
  private readonly scope = new AsyncLocalStorage<InvocationScope>()
  private readonly loaded = new Map<string, DeployedFunction>()

  constructor(
    private readonly functionsDir: string,
    private readonly runtimeBase: Omit<Runtime, 'callerOpenid'>,
  ) {}

  /** The runtime handed to functions: the caller comes from the current invocation's scope. */
  get runtime(): Runtime {
    return { ...this.runtimeBase, callerOpenid: () => this.scope.getStore()?.openid ?? null }
  }

  names(): string[] {
    return fs
      .readdirSync(this.functionsDir, { withFileTypes: true })
      .filter(
        (entry) => entry.isDirectory() && fs.existsSync(path.join(this.functionsDir, entry.name, 'index.js')),
      )
      .map((entry) => entry.name)
  }

  /**
   * A client's callFunction, which /fn/<name> stands in for: its context states the trigger source 'tcb',
   * as CloudBase does. Nothing a caller sends can change that: only `fireTimer` states a timer.
   */
  async invoke(name: string, event: unknown, caller: InvocationScope): Promise<unknown> {
    return (await this.invokeMetered(name, event, caller)).result
  }

  /** Like `invoke`, also reporting the database requests this invocation made (and no other's). */
  async invokeMetered(
    name: string,
    event: unknown,
    caller: InvocationScope,
  ): Promise<{ result: unknown; database: RequestCounts }> {
    return this.run(name, event, caller, 'tcb')
  }

  /**
   * A request through CloudBase's HTTP access service, which /http/<name> stands in for: the event is the
   * request as that service shapes it, and no user comes with it (the context states 'http', the emulator's
   * own label: what CloudBase states for this source is not documented).
   */
  async invokeHttp(
    name: string,
    event: HttpAccessEvent,
  ): Promise<{ result: unknown; database: RequestCounts }> {
    return this.run(name, event, { openid: null }, 'http')
  }

  /**
   * A timer trigger firing, in this process only (the emulator's own timers): the event is built here from
   * the trigger's name and the instant, with no user, and the context states 'timer'.
   */
  async fireTimer(name: string, triggerName: string, instant: Date): Promise<unknown> {
    const event = { Type: 'Timer', TriggerName: triggerName, Time: instant.toISOString() }
    return (await this.run(name, event, { openid: null }, 'timer')).result
  }

  /**
   * A WeChat message push (消息推送) reaching a function, such as an image's `wxa_media_check` verdict: no
   * user, as WeChat's own delivery (what its context states in the cloud is not documented; nothing here
   * relies on it).
   */
  async deliverPush(name: string, event: unknown): Promise<unknown> {
    return (await this.run(name, event, { openid: null }, 'wx_message')).result
  }

  private async run(
    name: string,
    event: unknown,
    caller: InvocationScope,
    triggerSource: 'tcb' | 'timer' | 'http' | 'wx_message',
  ): Promise<{ result: unknown; database: RequestCounts }> {
    const fn = this.load(name)
    const context = { request_id: randomUUID(), function_name: name, environ: `TRIGGER_SRC=${triggerSource}` }
    const { value, counts } = await countRequests(() => this.scope.run(caller, () => fn.main(event, context)))
    return { result: value, database: counts }
  }

  private load(name: string): DeployedFunction {
    const cached = this.loaded.get(name)
    if (cached) return cached
    if (!/^[a-z][a-z0-9-]*$/.test(name))
      throw new HttpError(404, 'function-not-found', `没有名为 ${name} 的云函数`)
    const entry = path.join(this.functionsDir, name, 'index.js')
    if (!fs.existsSync(entry)) {
      throw new HttpError(
        404,
        'function-not-found',
        `没有名为 ${name} 的云函数（未构建？请运行 npm run build:cloud）`,
      )
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fn = require(entry) as DeployedFunction
    if (typeof fn.main !== 'function')
      throw new HttpError(500, 'function-invalid', `云函数 ${name} 没有导出 main`)
    fn.bindRuntime?.(this.runtime)
    this.loaded.set(name, fn)
    return fn
  }
}
