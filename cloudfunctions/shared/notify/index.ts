import type { notifyActions } from '../../../src/domain/notify/contract'
import type { HandlerMap } from '../api/handler'
import { notifySchema } from './collections'
import { listNotifications } from './handlers'

const handlers: HandlerMap<keyof typeof notifyActions> = {
  'notification.list': listNotifications,
}

/** The outbox: every notice the functions queue, keyed so that none is queued twice, and the in-app list. */
export const notifyContext = { name: 'notify', handlers, jobs: [], ...notifySchema }
