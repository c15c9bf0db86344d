/** Collection names, singular snake_case, in one place so that indexes and code agree. */
export const collections = {
  case: 'case',
  caseEvent: 'case_event',
  gridNode: 'grid_node',
  user: 'user',
  counter: 'counter',
  outbox: 'outbox',
} as const

/** Indexes the emulator declares and the deploy description mirrors (fields queried together). */
export const declaredIndexes: { collection: string; fields: string[]; unique?: boolean }[] = [
  { collection: collections.case, fields: ['gridPath', 'createdAt'] },
  { collection: collections.case, fields: ['reporterId', 'createdAt'] },
  { collection: collections.case, fields: ['status', 'createdAt'] },
  { collection: collections.caseEvent, fields: ['caseId', 'seq'], unique: true },
  { collection: collections.gridNode, fields: ['parentId'] },
]
