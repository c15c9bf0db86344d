import type { deskActions } from '../../../src/domain/desk/contract'
import type { HandlerMap } from '../api/handler'
import type { Job } from '../jobs/job'
import { deskSchema } from './collections'
import { deskMap } from './handlers'

const handlers: HandlerMap<keyof typeof deskActions> = {
  'desk.map': deskMap,
}

// No jobs: the map reads the stats projection the reports context keeps.
const jobs: Job[] = []

/** The district's desk views over the grid tree: 挂图作战, the map on the wall. */
export const deskContext = { name: 'desk', handlers, jobs, ...deskSchema }
