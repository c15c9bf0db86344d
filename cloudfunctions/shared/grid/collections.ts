import type { CollectionDeclaration } from '../db/declaration'

export const gridSchema = {
  collections: { gridNode: 'grid_node', gridImport: 'grid_import' },
  indexes: [
    { collection: 'grid_node', fields: ['parentId'] },
    { collection: 'grid_node', fields: ['code'] },
    // grid_import is an append-only log of imports (who, when, what came of it); nothing queries it yet.
  ],
} as const satisfies CollectionDeclaration<Record<string, string>>
