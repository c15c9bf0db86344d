/**
 * The interfaces every platform implementation satisfies. `x.weapp.ts` and `x.h5.ts` implement them; the
 * plain `x.ts` is what `tsc` and jest see (Taro's build resolves the platform suffix first and never
 * bundles it), and it checks at compile time that both implementations conform.
 */

/** Upload progress, 0–100. */
export type ProgressListener = (percent: number) => void

export interface CloudPlatform {
  /** Called once at launch: weapp initialises `wx.cloud`; H5 has nothing to set up. */
  initCloud(): void
  /** Invokes a cloud function and resolves with its raw result; rejects only on transport failure. */
  callFunction(name: string, data: unknown): Promise<unknown>
  /** Uploads a local photo (a weapp temp path or an H5 blob URL); resolves with its `cloud://` fileID. */
  uploadPhoto(localPath: string, onProgress?: ProgressListener): Promise<string>
  /** A URL the Image component can show for a stored photo. */
  photoUrl(fileID: string): string
}

export interface PickedPhoto {
  /** A local path (weapp temp file) or a blob URL (H5). */
  path: string
  size: number
}

export interface MediaPlatform {
  /** Lets the user take or pick up to `count` photos; resolves with [] when cancelled. */
  choosePhotos(count: number): Promise<PickedPhoto[]>
  /** Shrinks a photo so its long side is at most 1280 px, JPEG quality about 70%; resolves with a new path. */
  compressPhoto(path: string): Promise<string>
}

export interface PickedPlace {
  lng: number
  lat: number
  address: string
}

export interface LocationPlatform {
  /** Whether a map picker (`chooseLocation`) is available: weapp only. */
  readonly supportsMapPicker: boolean
  /** Opens the map picker; resolves with null when cancelled. GCJ-02. */
  chooseOnMap(): Promise<PickedPlace | null>
}

export interface DevAccount {
  openid: string
  nickname: string
  role: string
  roleLabel: string
  description: string
}

export interface DevSession {
  account: (DevAccount & Record<string, unknown>) | null
}

export interface DevLoginPlatform {
  /** True only where the emulator's dev login exists (H5); the weapp knows users by their WeChat identity. */
  readonly supportsDevLogin: boolean
  devAccounts(): Promise<DevAccount[]>
  devSession(): Promise<DevSession>
  devLogin(openid: string): Promise<void>
  devLogout(): Promise<void>
}

/** Compile-time check that a module's exports implement a platform interface. */
export type Conforms<Interface, Module extends Interface> = Module
