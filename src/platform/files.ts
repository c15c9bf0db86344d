// Type face of the files platform module; see cloud.ts.
import type { Conforms, FilesPlatform } from './types'
import type * as Weapp from './files.weapp'
import type * as H5 from './files.h5'

export type { PickedSheet } from './types'

export type WeappConforms = Conforms<FilesPlatform, typeof Weapp>
export type H5Conforms = Conforms<FilesPlatform, typeof H5>

function unresolved(): never {
  throw new Error(
    'platform/files: no platform implementation was resolved (build with Taro or mock it in tests)',
  )
}

export const chooseSpreadsheet: FilesPlatform['chooseSpreadsheet'] = unresolved
