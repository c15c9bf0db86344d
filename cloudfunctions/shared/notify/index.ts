import type { notifyActions } from '../../../src/domain/notify/contract'
import type { HandlerMap } from '../api/handler'
import { notifySchema } from './collections'
import { listDeliveries, listNotifications, resendDelivery, subscribe } from './handlers'
import { senderJobs } from './sender'

const handlers: HandlerMap<keyof typeof notifyActions> = {
  'notification.list': listNotifications,
  'notification.subscribe': subscribe,
  'notification.deliveries': listDeliveries,
  'notification.resend': resendDelivery,
}

/** The outbox: every notice the functions queue, keyed so that none is queued twice, the in-app list, and
 * the sender that delivers them as subscription messages. */
export const notifyContext = { name: 'notify', handlers, jobs: senderJobs, ...notifySchema }
