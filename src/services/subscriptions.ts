import { requestCaseUpdates } from '@/platform/subscribe'
import type { SubscribeAnswer } from '@/platform/types'
import { call } from './api'

/**
 * Asks WeChat for case-update sends. It must be called inside the tap, before anything is awaited: WeChat
 * shows its request only then. It never rejects, and does nothing on H5 or when no template is configured
 * (the in-app messages remain the channel). `recordAccepted` is called once the act itself succeeded: the
 * sends the user allowed are counted server side, so the sender knows it may write to them. A failure to
 * record costs only WeChat notices, never the act.
 */
export function askForCaseUpdatesInTap(): { recordAccepted: () => Promise<void> } {
  const asked: Promise<SubscribeAnswer> = requestCaseUpdates()
  return {
    recordAccepted: async () => {
      const { accepted } = await asked
      if (accepted.length > 0) void call('notification.subscribe', { accepted }).catch(() => undefined)
    },
  }
}

/** A tap that asks nothing (a form still missing something is refused before any request). */
export const noSubscriptionAsked = { recordAccepted: async () => undefined }
