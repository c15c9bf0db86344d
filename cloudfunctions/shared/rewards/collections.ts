import type { CollectionDeclaration } from '../db/declaration'

export const rewardsSchema = {
  collections: {
    pointsEntry: 'points_entry',
    pointsTally: 'points_tally',
    pointsRank: 'points_rank',
    pointsCursor: 'points_cursor',
    award: 'award',
  },
  indexes: [
    { collection: 'points_entry', fields: ['openid', 'at', '_id'] },
    { collection: 'points_entry', fields: ['caseId'] },
    // Rankings, one index per scope: the top of a period and list and the tie counts read rankKey
    // (period:list:padded points) values, then accepted reports desc, first entry asc, openid asc (the
    // fields are stored ascending and read backwards).
    { collection: 'points_tally', fields: ['rankKey', 'acceptedReports', '-firstAt', '-openid'] },
    {
      collection: 'points_tally',
      fields: ['districtId', 'rankKey', 'acceptedReports', '-firstAt', '-openid'],
    },
    { collection: 'points_tally', fields: ['streetId', 'rankKey', 'acceptedReports', '-firstAt', '-openid'] },
    // The ranking index's buckets that hold someone, by points.
    { collection: 'points_rank', fields: ['period', 'list', 'scope', 'count', 'points'] },
    // The honour roll: published awards, and a district's drafts.
    { collection: 'award', fields: ['status', 'kind', '-periodEnd', '_id'] },
    { collection: 'award', fields: ['districtId', 'status', 'kind', '-periodEnd', '_id'] },
  ],
} as const satisfies CollectionDeclaration<Record<string, string>>
