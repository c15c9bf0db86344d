import type { IncomingMessage, ServerResponse } from 'node:http'

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra response headers, e.g. closing the connection after a refused body. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
  }
}

/** Set on every answer by the server: a JSON error or an upload must never be sniffed into HTML or script. */
export const securityHeaders = { 'x-content-type-options': 'nosniff' }

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  })
  res.end(text)
}

export function sendError(res: ServerResponse, error: HttpError): void {
  sendJson(
    res,
    error.status,
    { ok: false, error: { code: error.code, message: error.message } },
    error.headers,
  )
}

function sizeLabel(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.floor(bytes / 1024 / 1024)}MB` : `${Math.ceil(bytes / 1024)}KB`
}

/**
 * Reads a request body up to a limit; a larger body is refused before it fills memory. The refusal is
 * answered (413) while the rest of the body is read and dropped, and the connection is closed after the
 * answer: destroying the request instead would leave the client with a reset and no reason.
 */
export function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let refused = false
    req.on('data', (chunk: Buffer) => {
      if (refused) return
      size += chunk.length
      if (size > limitBytes) {
        refused = true
        chunks.length = 0
        reject(
          new HttpError(413, 'payload-too-large', `请求内容超过 ${sizeLabel(limitBytes)} 上限`, {
            connection: 'close',
          }),
        )
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (!refused) resolve(Buffer.concat(chunks))
    })
    req.on('error', reject)
  })
}

export function parseJsonBody(body: Buffer): unknown {
  if (body.length === 0) return {}
  try {
    return JSON.parse(body.toString('utf8'))
  } catch (error) {
    throw new HttpError(400, 'invalid-json', `请求体不是有效的 JSON：${(error as Error).message}`)
  }
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {}
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=')
    if (index < 0) continue
    const name = part.slice(0, index).trim()
    if (!name) continue
    try {
      cookies[name] = decodeURIComponent(part.slice(index + 1).trim())
    } catch {
      // A malformed cookie value is ignored rather than failing the request.
    }
  }
  return cookies
}
