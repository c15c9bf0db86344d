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
    { collection: 'points_entry', fields: ['openid', 'at'] },
    { collection: 'points_entry', fields: ['caseId'] },
    // Rankings: the top of a period and list and a tie group are ranges of rankKey (period:list:padded
    // points); the ranking index buckets count tallies per points value.
    { collection: 'points_tally', fields: ['rankKey', 'acceptedReports', 'firstAt'] },
    { collection: 'points_rank', fields: ['period', 'list', 'scope', 'points'] },
    { collection: 'award', fields: ['status', 'periodEnd'] },
  ],
} as const satisfies CollectionDeclaration<Record<string, string>>
