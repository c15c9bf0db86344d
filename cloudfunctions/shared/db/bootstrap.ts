import type { IndexDeclaration } from './declaration'

/**
 * What bootstrapping needs from a database's administration: the emulator's engine locally, the
 * CloudBase manager API at deploy time.
 */
export interface DatabaseAdminPort {
  /** Creates a collection; false (or nothing) when it existed already. */
  createCollection(name: string): boolean | void | Promise<boolean | void>
  /** Creates an index unless it exists. */
  ensureIndex(collection: string, fields: string[], options: { unique?: boolean }): void | Promise<void>
}

export interface DatabaseDeclaration {
  collections: readonly string[]
  indexes: readonly IndexDeclaration[]
}

export interface BootstrapReport {
  created: string[]
  indexes: number
}

/**
 * Creates every declared collection and index that is missing, and nothing else: run it again and it
 * changes nothing. Collections come first, as an index needs its collection.
 */
export async function bootstrapDatabase(
  admin: DatabaseAdminPort,
  declaration: DatabaseDeclaration,
): Promise<BootstrapReport> {
  const created: string[] = []
  for (const name of new Set(declaration.collections)) {
    if ((await admin.createCollection(name)) === true) created.push(name)
  }
  for (const index of declaration.indexes) {
    await admin.ensureIndex(index.collection, [...index.fields], { unique: index.unique })
  }
  return { created, indexes: declaration.indexes.length }
}
