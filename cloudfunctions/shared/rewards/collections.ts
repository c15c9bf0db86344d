import type { CollectionDeclaration } from '../db/declaration'

export const rewardsSchema = {
  collections: {
    pointsEntry: 'points_entry',
    pointsTally: 'points_tally',
    pointsCursor: 'points_cursor',
    award: 'award',
  },
  indexes: [
    // An entry's number is unique per person: of two payments that read the same account, one takes the
    // number and the other learns it lost. The same index finds a person's entries after a number, and
    // pages their ledger newest first.
    { collection: 'points_entry', fields: ['openid', 'seq'], unique: true },
    { collection: 'points_entry', fields: ['caseId', '_id'] },
    // Rankings, one index per scope, in the ranking order: points desc, accepted reports desc, first entry
    // asc, openid asc. The top N is the start of it, "ahead of me" a count over it.
    {
      collection: 'points_tally',
      fields: ['period', 'list', '-points', '-acceptedReports', 'firstAt', 'openid'],
    },
    {
      collection: 'points_tally',
      fields: ['districtId', 'period', 'list', '-points', '-acceptedReports', 'firstAt', 'openid'],
    },
    {
      collection: 'points_tally',
      fields: ['streetId', 'period', 'list', '-points', '-acceptedReports', 'firstAt', 'openid'],
    },
    // The honour roll: published awards, and a district's drafts.
    { collection: 'award', fields: ['status', 'kind', '-periodEnd', '_id'] },
    { collection: 'award', fields: ['districtId', 'status', 'kind', '-periodEnd', '_id'] },
  ],
} as const satisfies CollectionDeclaration<Record<string, string>>
