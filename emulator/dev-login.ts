import type { IncomingMessage } from 'node:http'
import { roleLabels } from '../src/domain/people/roles'
import { demoAccounts, findDemoAccount, type DemoAccount } from './demo/accounts'
import { parseCookies } from './http-utils'

/**
 * Dev login exists only in the emulator: it stands in for WeChat's identity by letting a person pick a
 * demo account. Nothing here is bundled into a cloud function.
 */
export const devSessionCookie = 'bg_dev_user'
export const devUserHeader = 'x-dev-user'

export function publicAccount(account: DemoAccount) {
  return {
    openid: account.openid,
    nickname: account.nickname,
    role: account.role,
    roleLabel: roleLabels[account.role],
    description: account.description,
  }
}

export function listDevAccounts() {
  return demoAccounts.map(publicAccount)
}

/** The caller of a request: the `x-dev-user` header (for curl) or the session cookie (for the browser). */
export function callerOf(req: IncomingMessage): DemoAccount | undefined {
  const header = req.headers[devUserHeader]
  const openid =
    (Array.isArray(header) ? header[0] : header) ?? parseCookies(req.headers.cookie)[devSessionCookie]
  return openid ? findDemoAccount(openid) : undefined
}

export function sessionCookie(openid: string | null): string {
  if (openid === null) return `${devSessionCookie}=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly`
  return `${devSessionCookie}=${encodeURIComponent(openid)}; Path=/; SameSite=Lax; HttpOnly`
}
