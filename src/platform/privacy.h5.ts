import Taro from '@tarojs/taro'
import type { ConsentAnswer } from './types'

// The browser has no WeChat privacy authorization: the app shows its own notice once, before the first photo or
// location, and remembers on this device that it was read and agreed to.
export const consentMode = 'notice' as const
export const agreeButtonId = 'bg-privacy-agree'

/** Bump the version when the notice changes materially, so everyone sees it again. */
export const consentStorageKey = 'bluegrid.privacy-consent.v1'

export function hasConsent(): boolean {
  try {
    return Boolean(Taro.getStorageSync(consentStorageKey))
  } catch {
    return false
  }
}

export function rememberConsent(): void {
  try {
    Taro.setStorageSync(consentStorageKey, new Date().toISOString())
  } catch {
    // Storage unavailable: the notice shows again next time, which is the safe side.
  }
}

export function listenForConsentRequests(_show: (answer: ConsentAnswer) => void): () => void {
  return () => undefined
}
