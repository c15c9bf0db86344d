import Taro from '@tarojs/taro'
import type { SubscribeOutcome } from './types'

/** Template ids from TARO_APP_SUBSCRIBE_TEMPLATE_IDS (comma-separated); WeChat takes at most three per request. */
export function templateIds(raw: string | undefined = process.env.TARO_APP_SUBSCRIBE_TEMPLATE_IDS): string[] {
  return (raw ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean)
    .slice(0, 3)
}

export const subscriptionsAvailable =
  templateIds().length > 0 && typeof Taro.requestSubscribeMessage === 'function'

export async function requestCaseUpdates(): Promise<SubscribeOutcome> {
  const tmplIds = templateIds()
  if (!tmplIds.length || typeof Taro.requestSubscribeMessage !== 'function') return 'skipped'
  try {
    const result = (await Taro.requestSubscribeMessage({
      tmplIds,
    } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>
    return tmplIds.some((id) => result[id] === 'accept') ? 'accepted' : 'rejected'
  } catch {
    // Refused by WeChat (e.g. templates not set up, or the user switched subscriptions off): in-app messages remain.
    return 'rejected'
  }
}
