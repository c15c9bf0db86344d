import type { CollectionDeclaration } from '../db/declaration'

/**
 * The map keeps nothing of its own: it reads the stats projection (reports) and the case collection through
 * the boards' indexes (cases), so it declares no collection and no index.
 */
export const deskSchema = {
  collections: {},
  indexes: [],
} as const satisfies CollectionDeclaration<Record<string, string>>
