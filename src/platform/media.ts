// Type face of the media platform module; see cloud.ts.
import type { Conforms, MediaPlatform } from './types'
import type * as Weapp from './media.weapp'
import type * as H5 from './media.h5'

export type WeappConforms = Conforms<MediaPlatform, typeof Weapp>
export type H5Conforms = Conforms<MediaPlatform, typeof H5>

function unresolved(): never {
  throw new Error(
    'platform/media: no platform implementation was resolved (build with Taro or mock it in tests)',
  )
}

export const choosePhotos: MediaPlatform['choosePhotos'] = unresolved
export const compressPhoto: MediaPlatform['compressPhoto'] = unresolved
