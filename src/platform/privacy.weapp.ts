import Taro from '@tarojs/taro'
import type { ConsentAnswer } from './types'

// WeChat's privacy authorization (基础库 2.32.3+): when a page calls a privacy API (getLocation, chooseLocation,
// chooseMedia…) before the user agreed to the mini-program's privacy guide, WeChat pauses the call and raises
// onNeedPrivacyAuthorization; the app shows its notice, and the call resumes once the user taps a button with
// open-type="agreePrivacyAuthorization" (or fails when they decline). Older base libraries have none of this.
export const consentMode = 'wechat' as const
export const agreeButtonId = 'bg-privacy-agree'

type Resolve = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void
type Listener = (resolve: Resolve) => void

interface PrivacyApis {
  onNeedPrivacyAuthorization?: (listener: Listener) => void
  offNeedPrivacyAuthorization?: (listener: Listener) => void
}

export function hasConsent(): boolean {
  return true
}

export function rememberConsent(): void {
  // WeChat records the agreement itself when the open-type button is tapped.
}

/** WeChat keeps one listener: the latest page to listen (e.g. the one on screen) gets the requests. */
export function listenForConsentRequests(show: (answer: ConsentAnswer) => void): () => void {
  const apis = Taro as unknown as PrivacyApis
  if (typeof apis.onNeedPrivacyAuthorization !== 'function') return () => undefined
  let active = true
  const listener: Listener = (resolve) => {
    if (!active) {
      resolve({ event: 'disagree' })
      return
    }
    resolve({ event: 'exposureAuthorization' })
    show((agreed) => resolve(agreed ? { event: 'agree', buttonId: agreeButtonId } : { event: 'disagree' }))
  }
  apis.onNeedPrivacyAuthorization(listener)
  return () => {
    active = false
  }
}
