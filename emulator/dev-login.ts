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

/** New people for trying onboarding by hand and in tests: `dev-` plus letters and digits. */
export const devOpenidPattern = /^dev-[A-Za-z0-9]{1,32}$/

/**
 * Who an openid signs in as: a demo account, or a first-time WeChat user for a `dev-…` openid (the api
 * registers them as a resident on their first call, as the cloud does for a new OPENID). Nobody else.
 */
export function findDevAccount(openid: string): DemoAccount | undefined {
  const demo = findDemoAccount(openid)
  if (demo || !devOpenidPattern.test(openid)) return demo
  return {
    openid,
    nickname: '新用户',
    role: 'resident',
    gridIds: [],
    description: '本地新用户：首次登录为市民，可用邀请码加入',
  }
}

/** The caller of a request: the `x-dev-user` header (for curl) or the session cookie (for the browser). */
export function callerOf(req: IncomingMessage): DemoAccount | undefined {
  const header = req.headers[devUserHeader]
  const openid =
    (Array.isArray(header) ? header[0] : header) ?? parseCookies(req.headers.cookie)[devSessionCookie]
  return openid ? findDevAccount(openid) : undefined
}

export function sessionCookie(openid: string | null): string {
  if (openid === null) return `${devSessionCookie}=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly`
  return `${devSessionCookie}=${encodeURIComponent(openid)}; Path=/; SameSite=Lax; HttpOnly`
}
