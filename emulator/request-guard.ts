import type { IncomingMessage } from 'node:http'
import { HttpError } from './http-utils'

/**
 * Who may reach the emulator at all. Its endpoints trust the caller named by a header or cookie, so a web
 * page the developer visits must not reach them: a page of another site names another Host only through
 * DNS rebinding (refused by the Host check), and sends a cross-site form or simple POST with its own Origin
 * (refused by the Origin check). The emulator's own H5 app is served from the emulator, so it is same-origin.
 */
export interface RequestGuard {
  /** The refusal for a request that did not come for this emulator, or undefined to let it through. */
  refusalOf(req: IncomingMessage): HttpError | undefined
}

const loopbackNames = ['localhost', '127.0.0.1', '[::1]']
const wildcardHosts = new Set(['0.0.0.0', '::', '[::]', ''])

/** `host` or `host:port` as a Host header spells it (IPv6 literals in brackets), lower-cased. */
function hostValues(entry: string, port: number): string[] {
  let name = entry.trim().toLowerCase()
  if (wildcardHosts.has(name)) return []
  // A bare IPv6 literal (two or more colons, no brackets) names the host only.
  if (!name.startsWith('[') && (name.match(/:/g) ?? []).length > 1) name = `[${name}]`
  const hasPort = /^\[[^\]]+\]:\d+$/.test(name) || /^[^:[\]]+:\d+$/.test(name)
  if (hasPort) return [name]
  // On port 80 browsers and curl leave the port out of Host and Origin.
  return port === 80 ? [`${name}:80`, name] : [`${name}:${port}`]
}

/** The Host values that name this emulator: the loopback names on its port, plus the configured hosts. */
export function emulatorHosts(port: number, configured: readonly string[]): Set<string> {
  return new Set([...loopbackNames, ...configured].flatMap((entry) => hostValues(entry, port)))
}

export function createRequestGuard(hosts: () => ReadonlySet<string>): RequestGuard {
  return {
    refusalOf(req) {
      const allowed = hosts()
      const host = req.headers.host?.toLowerCase()
      if (!host || !allowed.has(host)) {
        return new HttpError(
          403,
          'forbidden-host',
          '请求的主机名不是本模拟器的地址，已拒绝（请用 127.0.0.1 或 localhost 访问，或在 BLUEGRID_ALLOWED_HOSTS 中加入该主机名）',
        )
      }
      const method = req.method ?? 'GET'
      if (method === 'GET' || method === 'HEAD') return undefined
      // curl and node-sdk send no Origin; a browser always sends one with a POST, and it must be ours.
      const origin = req.headers.origin
      if (origin === undefined) return undefined
      const originHost = /^http:\/\/([^/]+)$/i.exec(origin)?.[1]?.toLowerCase()
      if (originHost === undefined || !allowed.has(originHost)) {
        return new HttpError(403, 'cross-origin', '模拟器不接受来自其他网页的请求')
      }
      return undefined
    },
  }
}
