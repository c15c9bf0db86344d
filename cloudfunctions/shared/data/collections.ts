/** Collection names, singular snake_case, in one place so that indexes and code agree. */
export const collections = {
  case: 'case',
  caseEvent: 'case_event',
  gridNode: 'grid_node',
  user: 'user',
  counter: 'counter',
  outbox: 'outbox',
  pointsEntry: 'points_entry',
  pointsTally: 'points_tally',
  pointsRank: 'points_rank',
  pointsCursor: 'points_cursor',
  patrol: 'patrol',
  award: 'award',
} as const

/** Indexes the emulator declares and the deploy description mirrors (fields queried together). */
export const declaredIndexes: { collection: string; fields: string[]; unique?: boolean }[] = [
  { collection: collections.case, fields: ['gridPath', 'createdAt'] },
  { collection: collections.case, fields: ['reporterId', 'createdAt'] },
  { collection: collections.case, fields: ['status', 'createdAt'] },
  { collection: collections.caseEvent, fields: ['caseId', 'seq'], unique: true },
  { collection: collections.gridNode, fields: ['parentId'] },
  // Joint enforcement: the staff working in a case's grid, its ancestors and its children.
  { collection: collections.user, fields: ['gridIds', 'role'] },
  // Rewards: the points job reads events after its cursor by time.
  { collection: collections.caseEvent, fields: ['at'] },
  { collection: collections.pointsEntry, fields: ['openid', 'at'] },
  { collection: collections.pointsEntry, fields: ['caseId'] },
  // Rankings: the top of a period and list and a tie group are ranges of rankKey (period:list:padded points);
  // the ranking index buckets count tallies per points value.
  { collection: collections.pointsTally, fields: ['rankKey', 'acceptedReports', 'firstAt'] },
  { collection: collections.pointsRank, fields: ['period', 'list', 'scope', 'points'] },
  { collection: collections.patrol, fields: ['openid', 'at'] },
  { collection: collections.award, fields: ['status', 'periodEnd'] },
]
