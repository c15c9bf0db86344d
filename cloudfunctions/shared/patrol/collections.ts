import type { CollectionDeclaration } from '../db/declaration'

export const patrolSchema = {
  collections: {
    patrol: 'patrol',
    patrolRound: 'patrol_round',
    patrolCoverage: 'patrol_coverage',
    // Patrol figures per grid node and period (`<node>:<period>`), read and written by `_id` only.
    patrolPeriod: 'patrol_period',
  },
  indexes: [
    { collection: 'patrol', fields: ['openid', 'at'] },
    // A walker's latest round, to find the open one before starting another.
    { collection: 'patrol_round', fields: ['openid', 'startedAt'] },
    // The coverage projection's feed: check-ins in time order from its cursor.
    { collection: 'patrol', fields: ['at', '_id'] },
    // A day's coverage, read per day for the desk.
    { collection: 'patrol_coverage', fields: ['dayKey', 'gridId'] },
  ],
} as const satisfies CollectionDeclaration<Record<string, string>>
