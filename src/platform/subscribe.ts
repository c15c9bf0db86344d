// Type face of the subscription-message platform module; see cloud.ts.
import type { Conforms, SubscribePlatform } from './types'
import type * as Weapp from './subscribe.weapp'
import type * as H5 from './subscribe.h5'

export type WeappConforms = Conforms<SubscribePlatform, typeof Weapp>
export type H5Conforms = Conforms<SubscribePlatform, typeof H5>

function unresolved(): never {
  throw new Error(
    'platform/subscribe: no platform implementation was resolved (build with Taro or mock it in tests)',
  )
}

export const subscriptionsAvailable: boolean = false
export const requestCaseUpdates: SubscribePlatform['requestCaseUpdates'] = unresolved
