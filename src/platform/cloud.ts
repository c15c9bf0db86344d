// Type face of the cloud platform module. Taro builds resolve cloud.weapp.ts / cloud.h5.ts instead;
// this file is what tsc checks callers against and what jest tests mock.
import type { CloudPlatform, Conforms } from './types'
import type * as Weapp from './cloud.weapp'
import type * as H5 from './cloud.h5'

export type WeappConforms = Conforms<CloudPlatform, typeof Weapp>
export type H5Conforms = Conforms<CloudPlatform, typeof H5>

function unresolved(): never {
  throw new Error(
    'platform/cloud: no platform implementation was resolved (build with Taro or mock it in tests)',
  )
}

export const initCloud: CloudPlatform['initCloud'] = unresolved
export const callFunction: CloudPlatform['callFunction'] = unresolved
export const uploadPhoto: CloudPlatform['uploadPhoto'] = unresolved
export const photoUrl: CloudPlatform['photoUrl'] = unresolved
