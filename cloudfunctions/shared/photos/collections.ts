import type { CollectionDeclaration } from '../db/declaration'

export const photoSchema = {
  // Who uploaded what, recorded by the functions when an upload is registered; no client reads it (deploy
  // gives every declared collection the ADMINONLY rule).
  collections: { photo: 'photo' },
  indexes: [
    // The photos an act names that are not among the caller's recent ones: the caller's, by id, in one read.
    { collection: 'photo', fields: ['owner', '_id'] },
    // WeChat's image verdict names the check it answers by trace id.
    { collection: 'photo', fields: ['check.traceId'] },
  ],
} as const satisfies CollectionDeclaration<Record<string, string>>
