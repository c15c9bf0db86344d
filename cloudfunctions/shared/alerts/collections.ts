import type { CollectionDeclaration } from '../db/declaration'

/**
 * `pollution_alert`: one alert book per district (`_id` is the district's), an append-only list of the
 * district's alert entries (every set and every lift) and a version that each append moves on, so two
 * offices setting at once cannot both pass the overlap check. Read by id only: no index beyond `_id`.
 */
export const alertSchema = {
  collections: { pollutionAlert: 'pollution_alert' },
  indexes: [],
} as const satisfies CollectionDeclaration<Record<string, string>>
