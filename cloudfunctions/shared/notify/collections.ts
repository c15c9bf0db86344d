import type { CollectionDeclaration } from '../db/declaration'

export const notifySchema = {
  collections: { outbox: 'outbox' },
  indexes: [],
} as const satisfies CollectionDeclaration<Record<string, string>>
