import type { CollectionDeclaration } from '../db/declaration'

/**
 * `supervision_note`: the notes a supervisor attaches to a grid's record (`<openid>:<requestId>`, so a
 * retried request records one). `supervision_bulletin`: one daily bulletin per street and day
 * (`<street>:<day>`), drafted by the jobs function.
 */
export const supervisionSchema = {
  collections: { supervisionNote: 'supervision_note', supervisionBulletin: 'supervision_bulletin' },
  indexes: [
    // A district's notes of a day, for its bulletins.
    { collection: 'supervision_note', fields: ['districtId', 'at', '_id'] },
  ],
} as const satisfies CollectionDeclaration<Record<string, string>>
