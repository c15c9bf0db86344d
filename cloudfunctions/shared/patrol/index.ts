import type { patrolActions } from '../../../src/domain/patrol/contract'
import type { HandlerMap } from '../api/handler'
import { patrolSchema } from './collections'
import { patrolCheckIn } from './handlers'

const handlers: HandlerMap<keyof typeof patrolActions> = {
  'patrol.checkIn': patrolCheckIn,
}

/** Volunteers' and grid workers' patrol check-ins (巡查打卡), paid through the rewards ledger. */
export const patrolContext = { name: 'patrol', handlers, jobs: [], ...patrolSchema }
