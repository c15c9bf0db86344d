import type { CollectionDeclaration } from '../db/declaration'

export const intakeSchema = {
  collections: { station: 'station', stationReading: 'station_reading', sensorEpisode: 'sensor_episode' },
  indexes: [
    // A sensor case's episode, found from the case.
    { collection: 'sensor_episode', fields: ['caseId'] },
    // A station's readings in time order (keyed by station and nonce, the replay guard): its record.
    { collection: 'station_reading', fields: ['stationId', 'at'] },
    // The district office's list of its stations (`gridPath` holds the station's grid and its ancestors),
    // newest registration first.
    { collection: 'station', fields: ['gridPath', 'registeredAt', '_id'] },
  ],
} as const satisfies CollectionDeclaration<Record<string, string>>
