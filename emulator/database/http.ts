/**
 * HTTP endpoint that lets the unmodified `@cloudbase/node-sdk` reach the emulator's database.
 *
 * With `tcb.init({ serviceUrl: 'http://127.0.0.1:PORT/tcb', ... })` node-sdk POSTs every API call to
 * that URL itself (plus `?env=…&seqId=…`), JSON body `{ action: 'database.getDocument',
 * collectionName, query, …, envName, sessionToken, … }`, signed with the (dummy) secret key. It
 * reads a 200 JSON answer; if that answer has a `code`, node-sdk throws `TcbError{code, message}`.
 * A non-200 status loses the message (node-sdk reports only "400 Bad Request | url"), so engine
 * errors are answered 200 `{code, message, requestId}`, and only a request that cannot be read as
 * a database call at all, or that lacks the emulator's token, gets 4xx.
 *
 * The token (see ../access-token.ts) arrives as the body's `sessionToken`: node-sdk sends its configured
 * `sessionToken`, or the platform's `TENCENTCLOUD_SESSIONTOKEN`, with every request, as in the cloud.
 */
import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { sameSecret } from '../access-token'
import type { DatabaseEngine } from './engine'
import { DatabaseEmulatorError, errorMessage } from './errors'
import { networkTurn } from './meter'

/** Fields node-sdk adds for transport/auth; they are not parameters of the database action. */
const TRANSPORT_FIELDS = [
  'action',
  'envName',
  'wxCloudApiToken',
  'wxCloudbaseAccesstoken',
  'tcb_sessionToken',
  'sessionToken',
  'crossAuthorizationToken',
  'instance',
  'database',
]

function reply(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  })
  res.end(text)
}

function badRequest(res: ServerResponse, message: string): void {
  reply(res, 400, { code: 'INVALID_PARAM', message, requestId: randomUUID() })
}

export type DatabaseHttpHandler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void

/** True when a request body is a node-sdk database call (lets a router share one URL with other handlers). */
export function isDatabaseRequestBody(body: Buffer): boolean {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'))
    const action = (parsed as { action?: unknown } | null)?.action
    return typeof action === 'string' && action.startsWith('database.')
  } catch {
    return false
  }
}

export interface DatabaseHttpOptions {
  /** The secret every request must carry as its `sessionToken`. */
  token: string
}

export function createDatabaseHttpHandler(
  engine: DatabaseEngine,
  options: DatabaseHttpOptions,
): DatabaseHttpHandler {
  if (!options.token) throw new Error('the database endpoint needs a token')
  return (req, res, body) => {
    try {
      if (req.method !== 'POST') {
        reply(res, 405, {
          code: 'INVALID_PARAM',
          message: `database endpoint expects POST, got ${req.method ?? 'no method'}`,
        })
        return
      }
      let parsed: unknown
      try {
        parsed = JSON.parse(body.toString('utf8'))
      } catch (error) {
        badRequest(res, `request body is not valid JSON: ${errorMessage(error)}`)
        return
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        badRequest(res, 'request body must be a JSON object')
        return
      }
      const request = parsed as Record<string, unknown>
      if (!sameSecret(request.sessionToken, options.token)) {
        reply(res, 401, {
          code: 'PERMISSION_DENIED',
          message:
            "the emulator's database needs its token: pass the contents of tcb-token in the emulator's data folder as node-sdk's sessionToken",
          requestId: randomUUID(),
        })
        return
      }
      const action = request.action
      if (typeof action !== 'string' || !action.startsWith('database.')) {
        badRequest(
          res,
          `request body needs an "action" naming a database action (database.*), got ${JSON.stringify(action)}`,
        )
        return
      }
      const params: Record<string, unknown> = { ...request }
      for (const field of TRANSPORT_FIELDS) delete params[field]
      if (engine.latencyMs > 0) {
        void networkTurn(engine.latencyMs).then(() => answer(res, () => engine.execute(action, params)))
      } else {
        answer(res, () => engine.execute(action, params))
      }
    } catch (error) {
      replyError(res, error)
    }
  }
}

function answer(res: ServerResponse, execute: () => Record<string, unknown>): void {
  try {
    reply(res, 200, execute())
  } catch (error) {
    replyError(res, error)
  }
}

function replyError(res: ServerResponse, error: unknown): void {
  if (error instanceof DatabaseEmulatorError) {
    reply(res, 200, { code: error.code, message: error.message, requestId: randomUUID() })
  } else {
    // Internals stay in the emulator's log; the caller gets the id to find them there.
    const requestId = randomUUID()
    console.error(`[emulator] database request ${requestId} failed`, error)
    reply(res, 500, { code: 'SYS_ERR', message: `internal error (request ${requestId})`, requestId })
  }
}
