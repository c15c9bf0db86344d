import type { DevAccount, DevSession } from './types'

// In the mini-program WeChat supplies the caller's identity; there is no dev login.
export const supportsDevLogin = false

function absent(): Promise<never> {
  return Promise.reject(new Error('dev login exists only in the emulator'))
}

export const devAccounts = (): Promise<DevAccount[]> => absent()
export const devSession = (): Promise<DevSession> => absent()
export const devLogin = (_openid: string): Promise<void> => absent()
export const devLogout = (): Promise<void> => absent()
