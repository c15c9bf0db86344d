/**
 * A collection index as declared by a context: the fields queried together, in order, each a dotted path
 * with `-` in front for descending. The filtered fields lead, the sort fields follow; the emulator refuses
 * any query no declared index serves, so this list is the production index list, complete.
 */
export interface IndexDeclaration {
  collection: string
  fields: string[]
  unique?: boolean
}

/** What each context owns in the database: its collection names (singular snake_case) and their indexes. */
export interface CollectionDeclaration<Names extends Record<string, string>> {
  collections: Names
  indexes: IndexDeclaration[]
}
