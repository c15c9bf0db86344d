import type { CollectionDeclaration } from '../db/declaration'

/**
 * `case_export`: one case-list export each, named by a hash of its owner and request id (so a retried
 * start finds the first), holding its selection, progress and cursor, and when done its file.
 */
export const exportsSchema = {
  collections: { caseExport: 'case_export' },
  indexes: [
    // The jobs function's queue: running exports, oldest first.
    { collection: 'case_export', fields: ['status', 'createdAt', '_id'] },
    // A person's recent exports, newest first.
    { collection: 'case_export', fields: ['owner', 'createdAt', '_id'] },
  ],
} as const satisfies CollectionDeclaration<Record<string, string>>
