import type { CollectionDeclaration } from '../db/declaration'

export const gridSchema = {
  collections: { gridNode: 'grid_node' },
  indexes: [
    { collection: 'grid_node', fields: ['parentId'] },
    { collection: 'grid_node', fields: ['code'] },
  ],
} as const satisfies CollectionDeclaration<Record<string, string>>
