import type { CollectionDeclaration } from '../db/declaration'

export const peopleSchema = {
  collections: { user: 'user' },
  // Joint enforcement: the staff working in a case's grid, its ancestors and its children.
  indexes: [{ collection: 'user', fields: ['gridIds', 'role'] }],
} as const satisfies CollectionDeclaration<Record<string, string>>
