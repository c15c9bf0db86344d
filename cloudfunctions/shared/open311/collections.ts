import type { CollectionDeclaration } from '../db/declaration'

export const open311Schema = {
  collections: { open311Key: 'open311_key' },
  indexes: [
    // A district's keys, newest first (the office's list). A post reads its key by id.
    { collection: 'open311_key', fields: ['districtId', 'registeredAt', '_id'] },
    // The case collection gets no index for Open311: its reads use the boards' and the desk's.
  ],
} as const satisfies CollectionDeclaration<Record<string, string>>
