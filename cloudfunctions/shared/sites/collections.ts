import type { CollectionDeclaration } from '../db/declaration'

/**
 * The site register (一企一档): `site` holds one document per registered site, `site_case` one per case linked
 * to a site (its history), so that a site's cases are read without a single index on the case collection.
 */
export const siteSchema = {
  collections: { site: 'site', siteCase: 'site_case' },
  indexes: [
    // Staff lists by scope (`gridPath` holds the site's grid and its ancestors) and type ($in over all types
    // when the list is not filtered by one): newest change first, or by colour through the marks (rules.ts).
    { collection: 'site', fields: ['gridPath', 'type', 'updatedAt', '_id'] },
    { collection: 'site', fields: ['gridPath', 'type', 'redMark', '_id'] },
    { collection: 'site', fields: ['gridPath', 'type', 'yellowMark', 'redMark', '_id'] },
    // Suggestions near a reported place: the 0.002° cells a search box touches.
    { collection: 'site', fields: ['placeCell', '_id'] },
    // A site's history, newest report first.
    { collection: 'site_case', fields: ['siteId', 'reportedAt', '_id'] },
  ],
} as const satisfies CollectionDeclaration<Record<string, string>>
