import type { CollectionDeclaration } from '../db/declaration'

export const patrolSchema = {
  collections: { patrol: 'patrol', patrolRound: 'patrol_round' },
  indexes: [
    { collection: 'patrol', fields: ['openid', 'at'] },
    // A walker's latest round, to find the open one before starting another.
    { collection: 'patrol_round', fields: ['openid', 'startedAt'] },
  ],
} as const satisfies CollectionDeclaration<Record<string, string>>
