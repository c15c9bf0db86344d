// Type face of the files platform module; see cloud.ts.
import type { Conforms } from './types'
import type * as Weapp from './files.weapp'
import type * as H5 from './files.h5'

/** A spreadsheet the user picked, read whole: its name and its bytes as base64. */
export interface PickedSheet {
  name: string
  base64: string
}

export interface FilesPlatform {
  /** Lets the user pick one .xlsx file (weapp: from a chat; H5: from disk); resolves with null when cancelled. */
  chooseSpreadsheet(): Promise<PickedSheet | null>
}

export type WeappConforms = Conforms<FilesPlatform, typeof Weapp>
export type H5Conforms = Conforms<FilesPlatform, typeof H5>

function unresolved(): never {
  throw new Error(
    'platform/files: no platform implementation was resolved (build with Taro or mock it in tests)',
  )
}

export const chooseSpreadsheet: FilesPlatform['chooseSpreadsheet'] = unresolved
