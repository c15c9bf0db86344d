import Taro from '@tarojs/taro'
import type { PrivacySheetProps } from '@/components/privacy-sheet'
import { routes } from '@/utils/routes'
import { usePrivacyConsent } from './use-privacy-consent'

export interface PrivacyGate {
  /**
   * Runs an action that takes photos or a location once the user has consented: at once when they have,
   * otherwise from the agree tap of the notice. Call it from the tap itself.
   */
  run: (action: () => void) => void
  /** Everything the page's PrivacySheet needs: `<PrivacySheet {...gate.sheet} />`. */
  sheet: PrivacySheetProps
}

/** The privacy gate in front of the first photo or location of a page, with the notice it shows. */
export function usePrivacyGate(onDeclined?: () => void): PrivacyGate {
  const consent = usePrivacyConsent(onDeclined)
  return {
    run: consent.guard,
    sheet: {
      visible: consent.visible,
      agreeOpenType: consent.mode === 'wechat' ? 'agreePrivacyAuthorization' : undefined,
      agreeButtonId: consent.agreeButtonId,
      onAgree: consent.agree,
      onDecline: consent.decline,
      onReadMore: () => void Taro.navigateTo({ url: routes.privacy }),
    },
  }
}
