import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import type { DatabaseEngine } from './database/engine'
import { createDatabaseHttpHandler } from './database/http'
import { callerOf, findDevAccount, listDevAccounts, publicAccount, sessionCookie } from './dev-login'
import type { FunctionHost } from './function-host'
import { HttpError, parseJsonBody, readBody, sendError, sendJson } from './http-utils'
import type { LocalStorage } from './storage'
import { serveStatic } from './static-files'

export interface ServerParts {
  host: FunctionHost
  storage: LocalStorage
  engine: DatabaseEngine
  h5Root: string
  maxUploadBytes: number
  now: () => Date
}

const jsonLimitBytes = 1024 * 1024

/**
 * The emulator's HTTP face: functions at /fn/<name>, storage at /storage/*, dev login at /dev/*, the
 * database wire endpoint for @cloudbase/node-sdk at /tcb, and the H5 build for everything else.
 * Every failure is answered as JSON naming the problem; no request can bring the process down.
 */
export function createServer(parts: ServerParts): http.Server {
  const databaseHandler = createDatabaseHttpHandler(parts.engine)
  return http.createServer((req, res) => {
    route(parts, databaseHandler, req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy()
        return
      }
      if (error instanceof HttpError) sendError(res, error)
      else {
        console.error('[emulator] request failed', error)
        sendError(res, new HttpError(500, 'internal', `模拟器内部错误：${String(error)}`))
      }
    })
  })
}

async function route(
  parts: ServerParts,
  databaseHandler: ReturnType<typeof createDatabaseHttpHandler>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://emulator.local')
  const method = req.method ?? 'GET'
  const pathname = url.pathname

  if (pathname === '/healthz') return sendJson(res, 200, { ok: true })

  if (pathname.startsWith('/tcb')) {
    const body = await readBody(req, jsonLimitBytes * 8)
    return databaseHandler(req, res, body)
  }

  const fnMatch = /^\/fn\/([^/]+)$/.exec(pathname)
  if (fnMatch) {
    if (method !== 'POST') throw new HttpError(405, 'method-not-allowed', '云函数只接受 POST 请求')
    const event = parseJsonBody(await readBody(req, jsonLimitBytes))
    const caller = callerOf(req)
    const { result, database } = await parts.host.invokeMetered(fnMatch[1]!, event, {
      openid: caller?.openid ?? null,
    })
    return sendJson(res, 200, result, { 'x-db-requests': String(database.requests) })
  }

  if (pathname.startsWith('/storage/')) return routeStorage(parts, req, res, url)
  if (pathname.startsWith('/dev/')) return routeDev(parts, req, res, pathname, method)

  if (method !== 'GET' && method !== 'HEAD')
    throw new HttpError(404, 'not-found', `没有这个接口：${method} ${pathname}`)
  serveStatic(parts.h5Root, pathname, res)
}

async function routeStorage(
  parts: ServerParts,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const method = req.method ?? 'GET'
  if (url.pathname === '/storage/upload' && method === 'POST') {
    if (!callerOf(req)) throw new HttpError(401, 'not-signed-in', '请先登录再上传照片')
    const body = await readBody(req, parts.maxUploadBytes + 1)
    const stored = parts.storage.upload(body, parts.now())
    return sendJson(res, 200, stored)
  }
  if (url.pathname === '/storage/file' && method === 'GET') {
    const fileID = url.searchParams.get('fileID')
    if (!fileID) throw new HttpError(400, 'missing-file-id', '缺少 fileID 参数')
    const { content, contentType } = parts.storage.read(fileID)
    res.writeHead(200, { 'content-type': contentType, 'cache-control': 'private, max-age=86400' })
    res.end(content)
    return
  }
  if (url.pathname === '/storage/temp-urls' && method === 'POST') {
    const body = parseJsonBody(await readBody(req, jsonLimitBytes)) as { fileList?: unknown }
    if (!Array.isArray(body.fileList) || !body.fileList.every((id) => typeof id === 'string')) {
      throw new HttpError(400, 'invalid-file-list', 'fileList 必须是 fileID 字符串数组')
    }
    const base = `http://${req.headers.host ?? '127.0.0.1'}`
    const fileList = (body.fileList as string[]).map((fileID) =>
      parts.storage.exists(fileID)
        ? { fileID, tempFileURL: parts.storage.temporaryUrl(fileID, base), code: 'SUCCESS' }
        : { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST' },
    )
    return sendJson(res, 200, { fileList })
  }
  throw new HttpError(404, 'not-found', `没有这个存储接口：${method} ${url.pathname}`)
}

async function routeDev(
  parts: ServerParts,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  method: string,
): Promise<void> {
  if (pathname === '/dev/accounts' && method === 'GET') return sendJson(res, 200, listDevAccounts())
  if (pathname === '/dev/stats' && method === 'GET') {
    // Database requests since start, by kind: the cost of what ran, as CloudBase would bill it.
    return sendJson(res, 200, { database: parts.engine.meter.stats() })
  }
  if (pathname === '/dev/session' && method === 'GET') {
    const caller = callerOf(req)
    return sendJson(res, 200, { account: caller ? publicAccount(caller) : null })
  }
  if (pathname === '/dev/login' && method === 'POST') {
    const body = parseJsonBody(await readBody(req, jsonLimitBytes)) as { openid?: unknown }
    const account = typeof body.openid === 'string' ? findDevAccount(body.openid) : undefined
    if (!account)
      throw new HttpError(
        400,
        'unknown-account',
        '没有这个演示账号（新用户请用 dev- 加字母数字，如 dev-zhang1）',
      )
    return sendJson(
      res,
      200,
      { account: publicAccount(account) },
      { 'set-cookie': sessionCookie(account.openid) },
    )
  }
  if (pathname === '/dev/logout' && method === 'POST') {
    return sendJson(res, 200, { account: null }, { 'set-cookie': sessionCookie(null) })
  }
  if (pathname === '/dev/outbox' && method === 'GET') {
    // The notifications the functions queued: locally they are shown here instead of being sent.
    const outbox = await parts.host.runtime.db
      .collection('outbox')
      .orderBy('createdAt', 'desc')
      .orderBy('_id', 'desc')
      .limit(100)
      .get()
    return sendJson(res, 200, { items: outbox.data })
  }
  throw new HttpError(404, 'not-found', `没有这个开发接口：${method} ${pathname}`)
}
