import type { CollectionDeclaration } from '../db/declaration'

export const photoSchema = {
  // Who uploaded what, recorded by the functions when an upload is registered; no client reads it (deploy
  // gives every declared collection the ADMINONLY rule).
  collections: { photo: 'photo' },
  indexes: [
    // The photos an act names that are not among the caller's recent ones: the caller's, by id, in one read.
    { collection: 'photo', fields: ['owner', '_id'] },
  ],
} as const satisfies CollectionDeclaration<Record<string, string>>
