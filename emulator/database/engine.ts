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
import { operatorFromMingoMessage } from './operators'
import { SqliteStore } from './store'

export interface DatabaseEngineOptions {
  /** SQLite file path, or ':memory:'. */
  file: string
  /** Clock for `db.serverDate()`; tests may pin it. */
  now?: () => number
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
  private readonly store: SqliteStore
  private readonly core: EngineCore
  private readonly clock: () => number

  constructor(options: string | DatabaseEngineOptions) {
    const { file, now } = typeof options === 'string' ? { file: options, now: undefined } : options
    this.file = file
    this.clock = now ?? Date.now
    this.store = new SqliteStore(file)
    this.core = new EngineCore(this.store)
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

  /** Declares an index (like a CloudBase console index): SQLite expression index + ANALYZE. */
  ensureIndex(collection: string, fieldPaths: string[], options: EnsureIndexOptions = {}): void {
    try {
      this.store.ensureIndex(collection, fieldPaths, options.unique === true)
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
