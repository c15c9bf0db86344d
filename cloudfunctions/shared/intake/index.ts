import type { intakeActions } from '../../../src/domain/intake/contract'
import type { HandlerMap } from '../api/handler'
import { intakeSchema } from './collections'
import { registerStation, stationEpisode } from './handlers'

const handlers: HandlerMap<keyof typeof intakeActions> = {
  'station.register': registerStation,
  'station.episode': stationEpisode,
}

/** Monitoring stations: registered by the district office, their signed readings taken by the `intake` function. */
export const intakeContext = { name: 'intake', handlers, jobs: [], ...intakeSchema }
