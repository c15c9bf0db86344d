import type { CollectionDeclaration } from '../db/declaration'

/**
 * One document per district and month (`<district>:<month>`, the live draft or the published result), and
 * one per earlier draft it replaced (`<district>:<month>:v<n>`, status `superseded`), kept as history.
 */
export const assessmentSchema = {
  collections: { assessment: 'assessment' },
  indexes: [
    // The months of a district, newest first: published ones for staff, drafts too for the office.
    { collection: 'assessment', fields: ['districtId', 'status', '-month', '_id'] },
  ],
} as const satisfies CollectionDeclaration<Record<string, string>>
