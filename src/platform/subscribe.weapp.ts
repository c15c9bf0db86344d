import Taro from '@tarojs/taro'
import type { SubscribeAnswer } from './types'

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

export async function requestCaseUpdates(): Promise<SubscribeAnswer> {
  const tmplIds = templateIds()
  if (!tmplIds.length || typeof Taro.requestSubscribeMessage !== 'function')
    return { outcome: 'skipped', accepted: [] }
  try {
    const result = (await Taro.requestSubscribeMessage({
      tmplIds,
    } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>
    const accepted = tmplIds.filter((id) => result[id] === 'accept')
    return { outcome: accepted.length > 0 ? 'accepted' : 'rejected', accepted }
  } catch {
    // Refused by WeChat (e.g. templates not set up, or the user switched subscriptions off): in-app messages remain.
    return { outcome: 'rejected', accepted: [] }
  }
}
