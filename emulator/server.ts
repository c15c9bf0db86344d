import { randomUUID } from 'node:crypto'
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { isStaff } from '../src/domain/people/roles'
import type { DatabaseEngine } from './database/engine'
import { createDatabaseHttpHandler } from './database/http'
import { callerOf, findDevAccount, listDevAccounts, publicAccount, sessionCookie } from './dev-login'
import type { FunctionHost } from './function-host'
import type { FakeWeChat, Scripted } from './wechat'
import type { OpenApiName } from '../cloudfunctions/shared/runtime/wechat'
import { HttpError, parseJsonBody, readBody, securityHeaders, sendError, sendJson } from './http-utils'
import { createRequestGuard, emulatorHosts } from './request-guard'
import type { LocalStorage } from './storage'
import { serveStatic } from './static-files'

export interface ServerParts {
  host: FunctionHost
  storage: LocalStorage
  engine: DatabaseEngine
  /** The secret node-sdk must present at /tcb (written to the data folder by the emulator). */
  databaseToken: string
  /** Host names besides the loopback ones that requests may name (see request-guard.ts). */
  allowedHosts: readonly string[]
  h5Root: string
  maxUploadBytes: number
  now: () => Date
  /** WeChat's open APIs as the emulator plays them (shown and scripted at /dev/wechat/*). */
  wechat: FakeWeChat
}

const jsonLimitBytes = 1024 * 1024
const verdictSuggestions = ['pass', 'review', 'risky'] as const
const scriptableApis: readonly OpenApiName[] = [
  'subscribeMessage.send',
  'security.msgSecCheck',
  'security.mediaCheckAsync',
  'wxacode.getUnlimited',
]

/** Dev endpoints anyone may use: picking an account, and reading or ending one's own session. */
const openDevRoutes = new Set([
  'GET /dev/accounts',
  'POST /dev/login',
  'GET /dev/session',
  'POST /dev/logout',
])

/**
 * The emulator's HTTP face: functions at /fn/<name>, HTTP-triggered functions at /http/<name> (and the open311
 * function at /open311/v2/), storage at /storage/*, dev login at /dev/*, the
 * database wire endpoint for @cloudbase/node-sdk at /tcb, and the H5 build for everything else.
 * Only requests that name this emulator as their Host, and (unless GET) come from its own origin or from
 * no browser at all, get in. Every failure is answered as JSON naming the problem, except internal ones,
 * which are logged here and answered with a request id; no request can bring the process down.
 */
export function createServer(parts: ServerParts): http.Server {
  const databaseHandler = createDatabaseHttpHandler(parts.engine, { token: parts.databaseToken })
  let hosts: ReadonlySet<string> | undefined
  // The port is known once listening (0 picks a free one); it cannot change afterwards.
  const guard = createRequestGuard(
    () => (hosts ??= emulatorHosts((server.address() as AddressInfo).port, parts.allowedHosts)),
  )
  const server = http.createServer((req, res) => {
    for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value)
    const refusal = guard.refusalOf(req)
    const handled = refusal ? Promise.reject(refusal) : route(parts, databaseHandler, req, res)
    handled.catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy()
        return
      }
      if (error instanceof HttpError) return sendError(res, error)
      const requestId = randomUUID()
      console.error(`[emulator] request ${requestId} failed: ${req.method} ${req.url}`, error)
      sendJson(
        res,
        500,
        {
          ok: false,
          error: {
            code: 'internal',
            message: `模拟器内部错误，详情见模拟器日志（请求编号 ${requestId}）`,
            requestId,
          },
        },
        { 'x-request-id': requestId },
      )
    })
  })
  return server
}

/** A dev endpoint that shows what others did (the outbox names anonymous reporters) is for staff only. */
function requireStaff(req: IncomingMessage): void {
  const caller = callerOf(req)
  if (!caller) throw new HttpError(401, 'not-signed-in', '请先以工作人员身份登录')
  if (!isStaff(caller.role)) throw new HttpError(403, 'forbidden', '开发接口只对工作人员开放')
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

  if (pathname === '/tcb') {
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

  const httpMatch = /^\/http\/([^/]+)(\/.*)?$/.exec(pathname)
  if (httpMatch) return routeHttpFunction(parts, req, res, url, httpMatch[1]!, pathname.slice('/http'.length))
  // Open311 GeoReport v2 at its conventional place, as the HTTP access service would serve the open311
  // function at the path /open311.
  if (pathname === '/open311' || pathname.startsWith('/open311/'))
    return routeHttpFunction(parts, req, res, url, 'open311', pathname)

  if (pathname.startsWith('/storage/')) return routeStorage(parts, req, res, url)
  if (pathname.startsWith('/dev/')) return routeDev(parts, req, res, pathname, method)

  if (method !== 'GET' && method !== 'HEAD')
    throw new HttpError(404, 'not-found', `没有这个接口：${method} ${pathname}`)
  serveStatic(parts.h5Root, pathname, res)
}

/**
 * An HTTP-triggered function, as CloudBase's HTTP access service runs it: the request becomes the event
 * (path, method, headers, query, body as text or base64), and an integration response (`statusCode`,
 * `headers`, `body`, `isBase64Encoded`) becomes the reply; any other answer is sent as JSON.
 */
async function routeHttpFunction(
  parts: ServerParts,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  name: string,
  path: string,
): Promise<void> {
  const raw = await readBody(req, jsonLimitBytes)
  const text = raw.toString('utf8')
  const isText = Buffer.from(text, 'utf8').equals(raw)
  const headers = Object.fromEntries(
    Object.entries(req.headers).flatMap(([key, value]) =>
      value === undefined ? [] : [[key, Array.isArray(value) ? value.join(', ') : value]],
    ),
  )
  const httpMethod = req.method ?? 'GET'
  const { result, database } = await parts.host.invokeHttp(name, {
    path,
    httpMethod,
    headers,
    queryStringParameters: Object.fromEntries(url.searchParams),
    body: isText ? text : raw.toString('base64'),
    isBase64Encoded: !isText,
    requestContext: { requestId: randomUUID(), httpMethod, path: url.pathname },
  })
  const metered = { 'x-db-requests': String(database.requests) }
  const response = result as {
    statusCode?: unknown
    headers?: unknown
    body?: unknown
    isBase64Encoded?: unknown
  }
  if (typeof result !== 'object' || result === null || typeof response.statusCode !== 'number')
    return sendJson(res, 200, result, metered)
  const replyHeaders = (typeof response.headers === 'object' && response.headers) || {}
  const body = typeof response.body === 'string' ? response.body : ''
  res.writeHead(response.statusCode, { ...(replyHeaders as Record<string, string>), ...metered })
  res.end(response.isBase64Encoded === true ? Buffer.from(body, 'base64') : body)
}

async function routeStorage(
  parts: ServerParts,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const method = req.method ?? 'GET'
  const caller = callerOf(req)
  if (url.pathname === '/storage/upload' && method === 'POST') {
    if (!caller) throw new HttpError(401, 'not-signed-in', '请先登录再上传照片')
    const body = await readBody(req, parts.maxUploadBytes + 1)
    const stored = parts.storage.upload(body, caller.openid, parts.now())
    return sendJson(res, 200, stored)
  }
  if (url.pathname === '/storage/file' && method === 'GET') {
    const fileID = url.searchParams.get('fileID')
    if (!fileID) throw new HttpError(400, 'missing-file-id', '缺少 fileID 参数')
    // As the deployed storage rule: a client reads its own uploads by fileID; everything else (other
    // people's uploads, the stored copies cases show) loads only through a temporary URL, until it expires.
    const sign = url.searchParams.get('sign')
    const signed = parts.storage.isSigned(fileID, url.searchParams.get('t'), sign, parts.now())
    if (!signed) {
      if (sign) throw new HttpError(403, 'link-expired', '照片链接已失效，请刷新页面')
      if (!caller) throw new HttpError(401, 'not-signed-in', '请先登录再查看照片')
      if (!parts.storage.mayRead(fileID, caller.openid))
        throw new HttpError(403, 'forbidden', '只能查看自己上传的照片')
    }
    const { content, contentType } = parts.storage.read(fileID)
    res.writeHead(200, { 'content-type': contentType, 'cache-control': 'private, max-age=300' })
    res.end(content)
    return
  }
  if (url.pathname === '/storage/temp-urls' && method === 'POST') {
    // A client's getTempFileURL: bound by the rule like any client read.
    if (!caller) throw new HttpError(401, 'not-signed-in', '请先登录')
    const body = parseJsonBody(await readBody(req, jsonLimitBytes)) as { fileList?: unknown }
    const files = Array.isArray(body.fileList) ? body.fileList.map(tempUrlRequestOf) : [null]
    if (files.some((file) => file === null)) {
      throw new HttpError(400, 'invalid-file-list', 'fileList 必须是 fileID 字符串或 {fileID, maxAge} 的数组')
    }
    const base = `http://${req.headers.host ?? '127.0.0.1'}`
    const fileList = (files as { fileID: string; maxAge: number }[]).map(({ fileID, maxAge }) => {
      if (!parts.storage.mayRead(fileID, caller.openid))
        return { fileID, tempFileURL: '', code: 'STORAGE_EXCEED_AUTHORITY' }
      if (!parts.storage.exists(fileID)) return { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST' }
      const tempFileURL = parts.storage.temporaryUrl(fileID, maxAge, parts.now(), base)
      return { fileID, tempFileURL, code: 'SUCCESS' }
    })
    return sendJson(res, 200, { fileList })
  }
  throw new HttpError(404, 'not-found', `没有这个存储接口：${method} ${url.pathname}`)
}

/** One entry of a getTempFileURL fileList: a fileID, or `{fileID, maxAge}` (seconds, at most a day). */
function tempUrlRequestOf(entry: unknown): { fileID: string; maxAge: number } | null {
  if (typeof entry === 'string') return { fileID: entry, maxAge: 3600 }
  const { fileID, maxAge } = (entry ?? {}) as { fileID?: unknown; maxAge?: unknown }
  if (typeof fileID !== 'string' || typeof maxAge !== 'number' || !(maxAge > 0)) return null
  return { fileID, maxAge: Math.min(maxAge, 86400) }
}

async function routeDev(
  parts: ServerParts,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  method: string,
): Promise<void> {
  if (!openDevRoutes.has(`${method} ${pathname}`)) requireStaff(req)
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
  if (pathname === '/dev/wechat/calls' && method === 'GET') {
    // The subscription messages (and any other cloud call) the functions made, newest first: locally they
    // reach this stand-in instead of WeChat.
    return sendJson(res, 200, { items: parts.wechat.calls.slice(-100).reverse() })
  }
  if (pathname === '/dev/wechat/answer' && method === 'POST') {
    // Scripts WeChat's next answers, e.g. {"errCode":43101} or {"throws":"timeout","times":3} (a
    // subscription send unless "api" names another), or content security's verdict on texts or images:
    // {"kind":"media","suggest":"risky","label":20002} (from now on, or for the next "times" checks).
    const body = parseJsonBody(await readBody(req, jsonLimitBytes)) as {
      errCode?: unknown
      errMsg?: unknown
      throws?: unknown
      times?: unknown
      api?: unknown
      kind?: unknown
      suggest?: unknown
      label?: unknown
    }
    const times = Number.isInteger(body.times) ? Math.min(Math.max(body.times as number, 1), 100) : 1
    if (body.kind !== undefined || body.suggest !== undefined) {
      if (
        (body.kind !== 'text' && body.kind !== 'media') ||
        !verdictSuggestions.includes(body.suggest as never)
      )
        throw new HttpError(
          400,
          'invalid-verdict',
          '请给出 kind（text 或 media）与 suggest（pass、review 或 risky）',
        )
      const verdict = {
        suggest: body.suggest as 'pass' | 'review' | 'risky',
        ...(Number.isInteger(body.label) ? { label: body.label as number } : {}),
      }
      parts.wechat.setVerdict(body.kind, verdict, body.times === undefined ? undefined : times)
      return sendJson(res, 200, {
        verdict: body.kind,
        times: body.times === undefined ? 'from-now-on' : times,
      })
    }
    const api = body.api === undefined ? 'subscribeMessage.send' : body.api
    if (!scriptableApis.includes(api as never))
      throw new HttpError(400, 'invalid-api', `api 只能是 ${scriptableApis.join('、')}`)
    let answer: Scripted
    if (typeof body.throws === 'string') answer = { throws: body.throws.slice(0, 200) }
    else if (Number.isInteger(body.errCode))
      answer = {
        errCode: body.errCode as number,
        ...(typeof body.errMsg === 'string' ? { errMsg: body.errMsg.slice(0, 200) } : {}),
      }
    else throw new HttpError(400, 'invalid-answer', '请给出 errCode（整数）或 throws（文字）')
    parts.wechat.answerNext(answer, times, api as OpenApiName)
    return sendJson(res, 200, { scripted: times })
  }
  throw new HttpError(404, 'not-found', `没有这个开发接口：${method} ${pathname}`)
}
