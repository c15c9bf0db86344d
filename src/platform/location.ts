// Type face of the location platform module; see cloud.ts.
import type { Conforms, LocationPlatform } from './types'
import type * as Weapp from './location.weapp'
import type * as H5 from './location.h5'

export type WeappConforms = Conforms<LocationPlatform, typeof Weapp>
export type H5Conforms = Conforms<LocationPlatform, typeof H5>

function unresolved(): never {
  throw new Error(
    'platform/location: no platform implementation was resolved (build with Taro or mock it in tests)',
  )
}

export const supportsMapPicker: boolean = false
export const chooseOnMap: LocationPlatform['chooseOnMap'] = unresolved
