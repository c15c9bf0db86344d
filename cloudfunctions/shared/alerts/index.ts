import type { alertActions } from '../../../src/domain/alerts/contract'
import type { HandlerMap } from '../api/handler'
import type { Job } from '../jobs/job'
import { alertSchema } from './collections'
import { currentAlert, liftAlert, listAlerts, setAlert } from './handlers'

const handlers: HandlerMap<keyof typeof alertActions> = {
  'alert.set': setAlert,
  'alert.lift': liftAlert,
  'alert.current': currentAlert,
  'alert.list': listAlerts,
}

// No jobs: an alert's end is a time in its book, and cases carry the deadlines it gave them.
const jobs: Job[] = []

/** Heavy-pollution alerts (重污染天气预警): a district's levels in force, their history, their effect on reports. */
export const alertsContext = { name: 'alerts', handlers, jobs, ...alertSchema }
