/**
 * DatabaseEngine executes the requests `@cloudbase/database` sends (`database.getDocument`,
 * `database.modifyDocument`, …) against SQLite, and answers in exactly the shape the SDK reads.
 *
 * Matching, update operators and aggregation are mingo's; SQLite stores the documents, prefilters
 * with json_extract (pushdown.ts) and provides the write lock that makes read-check-write atomic.
 * Everything is synchronous: one `execute` call is one indivisible step for this process, and
 * every multi-row write additionally runs in a BEGIN IMMEDIATE transaction against other processes.
 */
import { randomUUID } from 'node:crypto'
import type Database from 'better-sqlite3'
import { isPlainObject } from './codec'
import { EngineCore, RequestParams } from './core'
import { DatabaseEmulatorError, errorMessage, invalidParam } from './errors'
import { HANDLERS } from './handlers'
import { DatabaseMeter } from './meter'
import { operatorFromMingoMessage } from './operators'
import { SqliteStore } from './store'

export interface DatabaseEngineOptions {
  /** SQLite file path, or ':memory:'. */
  file: string
  /** Clock for `db.serverDate()`; tests may pin it. */
  now?: () => number
  /** Delay before each request is served, modelling CloudBase as a network service (default 0). */
  latencyMs?: number
  /** Seed of the order of rows a sort leaves tied (default: BLUEGRID_DB_SEED, else a fixed seed). */
  tieSeed?: number
  /**
   * Refuse every query no declared index serves (default true), so the production index list is complete
   * by construction. Off only for tests of the query language itself on ad hoc collections.
   */
  requireIndexes?: boolean
}

function defaultTieSeed(): number {
  const fromEnv = Number(process.env.BLUEGRID_DB_SEED)
  return Number.isInteger(fromEnv) ? fromEnv : 0x5eed
}

export interface EnsureIndexOptions {
  unique?: boolean
}

function toEmulatorError(action: string, error: unknown): DatabaseEmulatorError {
  if (error instanceof DatabaseEmulatorError) return error
  const message = errorMessage(error)
  const operator = operatorFromMingoMessage(message)
  if (operator) {
    return new DatabaseEmulatorError('UNSUPPORTED_OPERATOR', `unsupported operator ${operator} (${message})`)
  }
  return new DatabaseEmulatorError('DATABASE_REQUEST_FAILED', `${action} failed: ${message}`)
}

export class DatabaseEngine {
  readonly file: string
  private latency: number
  readonly meter = new DatabaseMeter()
  private readonly store: SqliteStore
  private readonly core: EngineCore
  private readonly clock: () => number

  constructor(options: string | DatabaseEngineOptions) {
    const {
      file,
      now,
      latencyMs = 0,
      tieSeed = defaultTieSeed(),
      requireIndexes = true,
    } = typeof options === 'string' ? { file: options } : options
    this.file = file
    this.latency = 0
    this.latencyMs = latencyMs
    this.clock = now ?? Date.now
    this.store = new SqliteStore(file)
    this.core = new EngineCore(this.store, tieSeed, requireIndexes)
  }

  /** The delay before each request is served; a benchmark seeds at 0 and then measures at a cloud-like one. */
  get latencyMs(): number {
    return this.latency
  }

  set latencyMs(value: number) {
    if (!Number.isFinite(value) || value < 0) throw new Error(`latencyMs must be >= 0, got ${value}`)
    this.latency = value
  }

  /** The underlying connection, for inspection (e.g. sqlite_master) and maintenance scripts. */
  get sqlite(): Database.Database {
    return this.store.db
  }

  /**
   * Executes one SDK request. Returns the response object the SDK expects (always with a
   * `requestId`); throws DatabaseEmulatorError for anything malformed, unsupported or failed.
   */
  execute(action: string, params: Record<string, unknown> = {}): Record<string, unknown> {
    const known = typeof action === 'string' && Object.prototype.hasOwnProperty.call(HANDLERS, action)
    this.meter.record(known ? action.replace(/^database\./, '') : 'unsupported')
    try {
      if (typeof action !== 'string') throw invalidParam('action must be a string')
      if (!isPlainObject(params)) throw invalidParam(`parameters of ${action} must be an object`)
      const handler = Object.prototype.hasOwnProperty.call(HANDLERS, action) ? HANDLERS[action] : undefined
      if (!handler) throw new DatabaseEmulatorError('UNSUPPORTED_ACTION', `unsupported action ${action}`)
      if (!this.store.db.open) {
        throw new DatabaseEmulatorError('DATABASE_REQUEST_FAILED', 'the database engine is closed')
      }
      const response = handler(this.core, new RequestParams(action, params, this.clock()))
      return { requestId: randomUUID(), ...response }
    } catch (error) {
      throw toEmulatorError(String(action), error)
    }
  }

  /** Creates a collection; false when it existed already. */
  createCollection(name: string): boolean {
    try {
      return this.store.createCollection(name)
    } catch (error) {
      throw toEmulatorError('createCollection', error)
    }
  }

  /**
   * Declares an index (like a CloudBase console index) and fills it from the stored documents. Fields are
   * dotted paths, `-` in front for descending.
   */
  ensureIndex(collection: string, fieldPaths: readonly string[], options: EnsureIndexOptions = {}): void {
    this.ensureIndexes(collection, [{ fields: fieldPaths, unique: options.unique }])
  }

  /** Declares several indexes of one collection; new ones are filled in a single pass over its documents. */
  ensureIndexes(
    collection: string,
    indexes: ReadonlyArray<{ fields: readonly string[]; unique?: boolean }>,
  ): void {
    try {
      this.store.ensureIndexes(
        collection,
        indexes.map((index) => ({ fields: index.fields, unique: index.unique === true })),
      )
    } catch (error) {
      throw toEmulatorError('ensureIndex', error)
    }
  }

  listCollections(): string[] {
    return this.store.listCollections()
  }

  close(): void {
    this.store.close()
  }
}
