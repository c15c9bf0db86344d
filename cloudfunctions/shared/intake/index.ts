import type { intakeActions } from '../../../src/domain/intake/contract'
import type { HandlerMap } from '../api/handler'
import { intakeSchema } from './collections'
import { listStations, registerStation, stationEpisode } from './handlers'
import { recordHotlineCall } from './hotline'

const handlers: HandlerMap<keyof typeof intakeActions> = {
  'hotline.record': recordHotlineCall,
  'station.register': registerStation,
  'station.episode': stationEpisode,
  'station.list': listStations,
}

/**
 * The channels besides a person's report: monitoring stations (registered by the district office, their signed
 * readings taken by the `intake` function) and the complaint line's operator.
 */
export const intakeContext = { name: 'intake', handlers, jobs: [], ...intakeSchema }
