import type { CollectionDeclaration } from '../db/declaration'

export const caseSchema = {
  collections: { case: 'case', caseEvent: 'case_event' },
  indexes: [
    { collection: 'case', fields: ['gridPath', 'createdAt'] },
    { collection: 'case', fields: ['reporterId', 'createdAt'] },
    { collection: 'case', fields: ['status', 'createdAt'] },
    { collection: 'case_event', fields: ['caseId', 'seq'], unique: true },
    // Projections (the points job and the coming read models) read events after their cursor by time.
    { collection: 'case_event', fields: ['at'] },
  ],
} as const satisfies CollectionDeclaration<Record<string, string>>
