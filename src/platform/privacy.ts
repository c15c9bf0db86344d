// Type face of the privacy-consent platform module; see cloud.ts.
import type { Conforms, PrivacyPlatform } from './types'
import type * as Weapp from './privacy.weapp'
import type * as H5 from './privacy.h5'

export type WeappConforms = Conforms<PrivacyPlatform, typeof Weapp>
export type H5Conforms = Conforms<PrivacyPlatform, typeof H5>

function unresolved(): never {
  throw new Error(
    'platform/privacy: no platform implementation was resolved (build with Taro or mock it in tests)',
  )
}

export const consentMode: PrivacyPlatform['consentMode'] = 'notice'
export const agreeButtonId: string = 'bg-privacy-agree'
export const hasConsent: PrivacyPlatform['hasConsent'] = unresolved
export const rememberConsent: PrivacyPlatform['rememberConsent'] = unresolved
export const listenForConsentRequests: PrivacyPlatform['listenForConsentRequests'] = unresolved
