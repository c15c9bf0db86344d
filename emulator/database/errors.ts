/**
 * Error type for everything the database emulator refuses or fails to do.
 *
 * The SDK (`@cloudbase/database`, and node-sdk on top of it) decides what to do with a failed call
 * by looking at `error.code`: `runTransaction` retries only when the code is
 * `DATABASE_TRANSACTION_CONFLICT`, so codes here reuse CloudBase's names where CloudBase has one.
 */
export type DatabaseErrorCode =
  /** The request itself is malformed: missing/mistyped parameter, bad EJSON, bad collection name. */
  | 'INVALID_PARAM'
  /** An action name the emulator does not implement. */
  | 'UNSUPPORTED_ACTION'
  /** A query/update operator or aggregate stage the emulator does not implement. */
  | 'UNSUPPORTED_OPERATOR'
  | 'DATABASE_COLLECTION_ALREADY_EXIST'
  /** A read or write on a collection that was never created. */
  | 'DATABASE_COLLECTION_NOT_EXIST'
  /** Same `_id` inserted twice, or a unique index violated. */
  | 'DATABASE_DUPLICATE_WRITE'
  /** A document read or written in a transaction changed underneath it; the SDK retries. */
  | 'DATABASE_TRANSACTION_CONFLICT'
  /** Unknown, finished or expired transaction id. */
  | 'DATABASE_TRANSACTION_FAIL'
  /** Strict mode: no declared index serves the query (CloudBase would scan, or refuse, it). */
  | 'INDEX_NOT_DECLARED'
  /** Anything else that went wrong while executing a well-formed request. */
  | 'DATABASE_REQUEST_FAILED'

export class DatabaseEmulatorError extends Error {
  readonly code: DatabaseErrorCode

  constructor(code: DatabaseErrorCode, message: string) {
    super(message)
    this.name = 'DatabaseEmulatorError'
    this.code = code
  }
}

export function invalidParam(message: string): DatabaseEmulatorError {
  return new DatabaseEmulatorError('INVALID_PARAM', message)
}

/** CloudBase's own words for a missing collection, so callers match on the same text locally and in the cloud. */
export const COLLECTION_NOT_EXIST_MESSAGE =
  '[ResourceNotFound] Db or Table not exist. Please check your request, but if the problem cannot be solved, contact us.'

export function collectionNotExist(): DatabaseEmulatorError {
  return new DatabaseEmulatorError('DATABASE_COLLECTION_NOT_EXIST', COLLECTION_NOT_EXIST_MESSAGE)
}

/** A request CloudBase refuses inside a transaction; the message names the rule. */
export function notInTransaction(what: string, rule: string): DatabaseEmulatorError {
  return invalidParam(`${what} is not allowed inside a transaction (${rule})`)
}

export function unsupportedOperator(kind: 'query' | 'update', operator: string): DatabaseEmulatorError {
  return new DatabaseEmulatorError('UNSUPPORTED_OPERATOR', `unsupported ${kind} operator ${operator}`)
}

export function unsupportedStage(stage: string): DatabaseEmulatorError {
  return new DatabaseEmulatorError('UNSUPPORTED_OPERATOR', `unsupported aggregate stage ${stage}`)
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
