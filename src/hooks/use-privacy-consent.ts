import { useCallback, useEffect, useRef, useState } from 'react'
import {
  agreeButtonId,
  consentMode,
  hasConsent,
  listenForConsentRequests,
  rememberConsent,
} from '@/platform/privacy'
import type { ConsentAnswer } from '@/platform/types'

export interface PrivacyConsent {
  /** Whether the notice is on screen. */
  visible: boolean
  mode: 'wechat' | 'notice'
  agreeButtonId: string
  /**
   * Runs an action that uses photos or location. With consent in place it runs at once (in WeChat, WeChat itself
   * pauses the API and asks for consent when needed); otherwise the notice shows first and the action runs from
   * the agree tap, so a browser's file chooser still opens inside a tap.
   */
  guard: (action: () => void) => void
  /** Call from the agree button's tap. */
  agree: () => void
  decline: () => void
}

/** The privacy consent flow of a page that takes photos or a location: see platform/privacy. */
export function usePrivacyConsent(onDeclined?: () => void): PrivacyConsent {
  const [visible, setVisible] = useState(false)
  const pendingAction = useRef<(() => void) | null>(null)
  const pendingAnswer = useRef<ConsentAnswer | null>(null)
  const onDeclinedRef = useRef(onDeclined)
  onDeclinedRef.current = onDeclined

  useEffect(
    () =>
      listenForConsentRequests((answer) => {
        pendingAnswer.current?.(false)
        pendingAnswer.current = answer
        setVisible(true)
      }),
    [],
  )

  const guard = useCallback((action: () => void) => {
    if (consentMode === 'notice' && !hasConsent()) {
      pendingAction.current = action
      setVisible(true)
      return
    }
    action()
  }, [])

  const agree = useCallback(() => {
    setVisible(false)
    rememberConsent()
    const action = pendingAction.current
    const answer = pendingAnswer.current
    pendingAction.current = null
    pendingAnswer.current = null
    answer?.(true)
    action?.()
  }, [])

  const decline = useCallback(() => {
    setVisible(false)
    const answer = pendingAnswer.current
    pendingAction.current = null
    pendingAnswer.current = null
    answer?.(false)
    onDeclinedRef.current?.()
  }, [])

  return { visible, mode: consentMode, agreeButtonId, guard, agree, decline }
}
