import type { CollectionDeclaration } from '../db/declaration'

/**
 * The desk's read model: one document per home node (a street, or the district for its own figures) and
 * period, `<home>:<period>`, holding the figures of the home and every node below it. Read and written by
 * `_id` only, so it needs no index; the cases behind a figure are found on the case collection's own index
 * of desk marks (cases/collections.ts).
 */
export const reportsSchema = {
  collections: { statsPeriod: 'stats_period' },
  indexes: [],
} as const satisfies CollectionDeclaration<Record<string, string>>
