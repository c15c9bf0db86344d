/**
 * `createEmulatorDb` gives local code and tests the real `Db` of `@cloudbase/database` (the same
 * module instance node-sdk's `app.database()` uses) whose requests run on a DatabaseEngine.
 *
 * `Db.reqClass` is a *static* property shared by every Db in the process, and node-sdk reassigns it
 * to its HTTP requester on every `app.database()` call. Assigning our own class there would break
 * node-sdk (or be undone by it). Instead the property becomes a router: Dbs created here are
 * recognised by their config object and served by their engine; every other Db gets whatever
 * class was last assigned to `Db.reqClass` (node-sdk's), exactly as before.
 */
import type { Db as CloudbaseDb } from '@cloudbase/database'
import { DatabaseEngine, type DatabaseEngineOptions } from './engine'
import { networkTurn } from './meter'

export type Db = CloudbaseDb
export { DatabaseEngine } from './engine'
export type { DatabaseEngineOptions, EnsureIndexOptions } from './engine'
export { DatabaseEmulatorError } from './errors'
export type { DatabaseErrorCode } from './errors'
export { createDatabaseHttpHandler, isDatabaseRequestBody } from './http'
export type { DatabaseHttpHandler } from './http'
export { countRequests } from './meter'
export type { RequestCounts } from './meter'

// CommonJS on purpose: it must be the exact module object node-sdk `require`s, so there is one Db class.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- see comment above
const cloudbaseDatabase = require('@cloudbase/database') as { Db: typeof CloudbaseDb }
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the Query class of that same module
const cloudbaseQuery = require('@cloudbase/database/dist/commonjs/query') as {
  Query: { prototype: Record<string, unknown> }
}

interface RequestClass {
  new (config: unknown): { send(action: string, params?: unknown, options?: unknown): Promise<unknown> }
}

interface Routing {
  engines: WeakMap<object, DatabaseEngine>
  fallback: RequestClass | undefined
}

/** Shared through the Db class itself, so two copies of this module would still agree. */
const ROUTING = Symbol.for('bluegrid.emulator.database.routing')

interface Sender {
  send(action: string, params?: Record<string, unknown>, options?: unknown): Promise<unknown>
}
interface QueryInternals {
  _transactionId?: string
  _request: Sender
}

/**
 * The SDK sends `where().count()`, `where().update()` and `where().remove()` without the transaction id
 * even when they are called on a transaction, so in the cloud they silently run outside it. Here they
 * carry it, and the engine refuses them naming the rule.
 */
function carryTransactionIds(prototype: Record<string, unknown>): void {
  for (const method of ['count', 'update', 'remove']) {
    const original = prototype[method] as (this: QueryInternals, ...args: unknown[]) => Promise<unknown>
    prototype[method] = function (this: QueryInternals, ...args: unknown[]) {
      const transactionId = this._transactionId
      if (!transactionId) return original.apply(this, args)
      const request = this._request
      const withId: Sender = {
        send: (action, params, options) => request.send(action, { ...params, transactionId }, options),
      }
      return original.apply(Object.create(this, { _request: { value: withId } }) as QueryInternals, args)
    }
  }
}

function installRouting(DbClass: typeof CloudbaseDb): Routing {
  const holder = DbClass as unknown as Record<symbol, Routing | undefined>
  const existing = holder[ROUTING]
  if (existing) return existing

  const routing: Routing = { engines: new WeakMap(), fallback: DbClass.reqClass as RequestClass | undefined }

  class RoutingRequest {
    private readonly engine: DatabaseEngine | undefined

    constructor(private readonly config: unknown) {
      this.engine = typeof config === 'object' && config !== null ? routing.engines.get(config) : undefined
    }

    async send(action: string, params?: unknown, options?: unknown): Promise<unknown> {
      if (!this.engine) {
        const Fallback = routing.fallback
        if (!Fallback)
          throw new Error(
            `no request class for ${action}: this Db was not created by createEmulatorDb and no SDK has set Db.reqClass`,
          )
        return new Fallback(this.config).send(action, params, options)
      }
      await networkTurn(this.engine.latencyMs)
      // Rejects with DatabaseEmulatorError ({code, message}), as node-sdk rejects with TcbError.
      return this.engine.execute(action, (params ?? {}) as Record<string, unknown>)
    }
  }

  Object.defineProperty(DbClass, 'reqClass', {
    configurable: true,
    enumerable: true,
    get: () => RoutingRequest,
    set: (value: RequestClass) => {
      if (value !== RoutingRequest) routing.fallback = value
    },
  })
  Object.defineProperty(DbClass, ROUTING, { value: routing })
  carryTransactionIds(cloudbaseQuery.Query.prototype)
  return routing
}

export interface CreateEmulatorDbOptions {
  /** SQLite file path or ':memory:'. Ignored when `engine` is given. */
  file?: string
  /** Environment id put in the Db config, like CloudBase's env (e.g. 'bluegrid-local'). */
  env?: string
  /** Share an existing engine (e.g. the one behind the HTTP endpoint) instead of opening one. */
  engine?: DatabaseEngine
  /** Passed to a newly opened engine: clock used for db.serverDate(). */
  now?: DatabaseEngineOptions['now']
  /** Passed to a newly opened engine: delay per request. */
  latencyMs?: DatabaseEngineOptions['latencyMs']
  /** Passed to a newly opened engine: refuse queries no declared index serves (default true). */
  requireIndexes?: DatabaseEngineOptions['requireIndexes']
}

export interface EmulatorDb {
  db: Db
  engine: DatabaseEngine
  /** Closes the engine if this call opened it; a shared `engine` is left to its owner. */
  close(): void
}

export function createEmulatorDb(options: CreateEmulatorDbOptions): EmulatorDb {
  const { Db } = cloudbaseDatabase
  const routing = installRouting(Db)
  const ownsEngine = !options.engine
  let engine = options.engine
  if (!engine) {
    if (!options.file) throw new Error('createEmulatorDb needs a file (or an engine)')
    engine = new DatabaseEngine({
      file: options.file,
      now: options.now,
      latencyMs: options.latencyMs,
      requireIndexes: options.requireIndexes,
    })
  }
  const env = options.env ?? 'bluegrid-local'
  const config = { env, envName: env }
  routing.engines.set(config, engine)
  const db = new Db(config)
  const opened = engine
  return {
    db,
    engine: opened,
    close: () => {
      routing.engines.delete(config)
      if (ownsEngine) opened.close()
    },
  }
}
