import type { CollectionDeclaration } from '../db/declaration'

export const patrolSchema = {
  collections: { patrol: 'patrol' },
  indexes: [{ collection: 'patrol', fields: ['openid', 'at'] }],
} as const satisfies CollectionDeclaration<Record<string, string>>
