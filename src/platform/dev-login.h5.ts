import type { DevAccount, DevSession } from './types'

// The emulator's dev login: it sets a same-origin session cookie that the function host reads.
export const supportsDevLogin = true

async function request(method: 'GET' | 'POST', url: string, body?: unknown): Promise<unknown> {
  const response = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  let json: unknown = null
  try {
    json = text ? JSON.parse(text) : null
  } catch {
    // not JSON: reported below
  }
  if (!response.ok) {
    const message = (json as { error?: { message?: unknown } } | null)?.error?.message
    throw new Error(typeof message === 'string' ? message : `HTTP ${response.status}`)
  }
  return json
}

export async function devAccounts(): Promise<DevAccount[]> {
  const body = await request('GET', '/dev/accounts')
  const list = Array.isArray(body) ? body : (body as { accounts?: unknown } | null)?.accounts
  return Array.isArray(list) ? (list as DevAccount[]) : []
}

export async function devSession(): Promise<DevSession> {
  const body = (await request('GET', '/dev/session')) as { account?: DevSession['account'] } | null
  return { account: body?.account ?? null }
}

export async function devLogin(openid: string): Promise<void> {
  await request('POST', '/dev/login', { openid })
}

export async function devLogout(): Promise<void> {
  await request('POST', '/dev/logout', {})
}
