import type { CollectionDeclaration } from '../db/declaration'

/**
 * The jobs function's own bookkeeping: `job_cursor` holds the saved progress of a job that needs one (one
 * document per job), `job_run` a record of each run that failed somewhere or left work for the next tick.
 * Both are read by `_id` or not at all (operators look in the console), so neither needs an index.
 */
export const jobsSchema = {
  collections: { jobCursor: 'job_cursor', jobRun: 'job_run' },
  indexes: [],
} as const satisfies CollectionDeclaration<Record<string, string>>
