import { caseSchema } from '../cases/collections'
import { gridSchema } from '../grid/collections'
import { notifySchema } from '../notify/collections'
import { patrolSchema } from '../patrol/collections'
import { peopleSchema } from '../people/collections'
import { rewardsSchema } from '../rewards/collections'
import type { IndexDeclaration } from './declaration'

/** The database's own bookkeeping: per-day serials and rate-limit windows. */
const infrastructureSchema = { collections: { counter: 'counter' }, indexes: [] as IndexDeclaration[] }

const schemas = [
  infrastructureSchema,
  caseSchema,
  gridSchema,
  peopleSchema,
  notifySchema,
  rewardsSchema,
  patrolSchema,
] as const

/**
 * The one declaration of collections and indexes, composed from every context's own: the emulator creates
 * exactly these, and deploy applies the same list, so the two cannot drift.
 */
export const collections = {
  ...infrastructureSchema.collections,
  ...caseSchema.collections,
  ...gridSchema.collections,
  ...peopleSchema.collections,
  ...notifySchema.collections,
  ...rewardsSchema.collections,
  ...patrolSchema.collections,
} as const

export const declaredIndexes: IndexDeclaration[] = schemas.flatMap((schema) =>
  schema.indexes.map((index) => ({ ...index, fields: [...index.fields] })),
)
