// Type face of the dev-login platform module; see cloud.ts.
import type { Conforms, DevLoginPlatform } from './types'
import type * as Weapp from './dev-login.weapp'
import type * as H5 from './dev-login.h5'

export type WeappConforms = Conforms<DevLoginPlatform, typeof Weapp>
export type H5Conforms = Conforms<DevLoginPlatform, typeof H5>

function unresolved(): never {
  throw new Error(
    'platform/dev-login: no platform implementation was resolved (build with Taro or mock it in tests)',
  )
}

export const supportsDevLogin: boolean = false
export const devAccounts: DevLoginPlatform['devAccounts'] = unresolved
export const devSession: DevLoginPlatform['devSession'] = unresolved
export const devLogin: DevLoginPlatform['devLogin'] = unresolved
export const devLogout: DevLoginPlatform['devLogout'] = unresolved
