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
  /**
   * Uploads a local photo (a weapp temp path or an H5 blob URL) into the caller's own folder (`target`, from
   * photo.prepare); resolves with its `cloud://` fileID. The emulator files an H5 upload there itself.
   */
  uploadPhoto(localPath: string, target: UploadTarget, onProgress?: ProgressListener): Promise<string>
  /** A URL the Image component can show for one of the caller's own uploads. */
  photoUrl(fileID: string): string
}

/** Where uploads go: the storage folder the server names for the caller (it ends in `/`). */
export interface UploadTarget {
  prefix: string
}

export interface PickedPhoto {
  /** A local path (weapp temp file) or a blob URL (H5). */
  path: string
  size: number
}

/**
 * A photo that could not be shrunk and re-encoded. It is never sent as it is: the original is full size and
 * carries its EXIF data, the shooting place included.
 */
export class PhotoCompressionError extends Error {
  constructor(readonly reason: unknown) {
    super('照片压缩失败')
    this.name = 'PhotoCompressionError'
  }
}

export interface MediaPlatform {
  /** Lets the user take or pick up to `count` photos; resolves with [] when cancelled. */
  choosePhotos(count: number): Promise<PickedPhoto[]>
  /**
   * Shrinks a photo so its long side is at most 1280 px, JPEG quality about 70%, and resolves with a new
   * path; rejects with PhotoCompressionError rather than ever handing back the original.
   */
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

/** What became of a request for subscription messages. */
export type SubscribeOutcome =
  /** The user allowed at least one of the templates. */
  | 'accepted'
  /** The user refused them all, or WeChat refused the request. */
  | 'rejected'
  /** Nothing was asked: no template is configured, or the platform has no subscription messages (H5). */
  | 'skipped'

/** What a subscription request came to, with the template ids the user allowed (each allows one message). */
export interface SubscribeAnswer {
  outcome: SubscribeOutcome
  accepted: string[]
}

export interface SubscribePlatform {
  /** Whether subscription messages exist here and templates are configured (weapp with TARO_APP_SUBSCRIBE_TEMPLATE_IDS). */
  readonly subscriptionsAvailable: boolean
  /**
   * Asks for case-update subscription messages. Call it straight from the user's tap, before any await:
   * WeChat shows the request only inside a tap. Never rejects.
   */
  requestCaseUpdates(): Promise<SubscribeAnswer>
}

/** Settles one consent request: WeChat resumes (agreed) or fails (declined) the paused API call. */
export type ConsentAnswer = (agreed: boolean) => void

export interface PrivacyPlatform {
  /**
   * How consent is given: `wechat` (the mini-program's privacy authorization: WeChat pauses a location or photo API
   * and asks the app to show its notice; agreeing goes through a button with open-type agreePrivacyAuthorization)
   * or `notice` (H5: a one-time notice the app shows itself before the first photo or location).
   */
  readonly consentMode: 'wechat' | 'notice'
  /** The id the agree button must carry (WeChat checks that this very button was tapped). */
  readonly agreeButtonId: string
  /** Whether the user has agreed already (notice mode: remembered on the device; wechat mode: always true, WeChat asks when needed). */
  hasConsent(): boolean
  /** Notice mode: remembers the agreement on the device. WeChat mode: nothing (WeChat records it). */
  rememberConsent(): void
  /**
   * WeChat mode: from now on, when WeChat needs consent it calls `show`, and the app answers through the given
   * function. Returns a function that stops listening. Notice mode: never calls `show`.
   */
  listenForConsentRequests(show: (answer: ConsentAnswer) => void): () => void
}

/** A spreadsheet the user picked, read whole: its name and its bytes as base64. */
export interface PickedSheet {
  name: string
  base64: string
}

export interface FilesPlatform {
  /** Lets the user pick one .xlsx file (weapp: from a chat; H5: from disk); resolves with null when cancelled. */
  chooseSpreadsheet(): Promise<PickedSheet | null>
}
