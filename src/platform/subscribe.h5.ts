import type { SubscribeAnswer } from './types'

// Browsers have no WeChat subscription messages: the in-app message list (notification.list) is the channel.
export const subscriptionsAvailable = false

export async function requestCaseUpdates(): Promise<SubscribeAnswer> {
  return { outcome: 'skipped', accepted: [] }
}
