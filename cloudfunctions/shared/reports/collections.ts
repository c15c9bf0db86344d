import type { CollectionDeclaration } from '../db/declaration'

/**
 * The desk's read model: one document per home node (a street, or the district for its own figures) and
 * period, `<home>:<period>`, holding the figures of the home and every node below it. Read and written by
 * `_id` only, so it needs no index; the cases behind a figure are found on the case collection's own index
 * of desk marks (cases/collections.ts).
 *
 * The Thursday report: one document per community and report week (`<community>:<week>`), one per street
 * and week for its merged report (`<street>:<week>`), and one per version a submission or merge replaced
 * (`<id>:v<n>`, status `superseded`), kept as history.
 */
export const reportsSchema = {
  collections: { statsPeriod: 'stats_period', weeklyReport: 'weekly_report' },
  indexes: [
    // A street's reports of a week (its own and its communities'); a district's.
    { collection: 'weekly_report', fields: ['streetId', 'week', 'status', '_id'] },
    { collection: 'weekly_report', fields: ['districtId', 'week', 'status', '_id'] },
  ],
} as const satisfies CollectionDeclaration<Record<string, string>>
