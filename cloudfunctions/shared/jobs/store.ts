import type { Db } from '@cloudbase/database'
import { checked, firstOf } from '../db/results'
import { jobsSchema } from './collections'
import type { SweepReport } from './job'

const { collections } = jobsSchema

/** A run worth keeping: one where something failed or time ran out before the work did. */
export interface JobRunRecord {
  startedAt: string
  elapsedMs: number
  budgetMs: number
  /** Every job's report, failures (at most a few per job) included. */
  reports: SweepReport[]
  failed: string[]
  leftOver: string[]
}

/** The only code that touches the jobs' collections (`job_cursor`, `job_run`). */
export class JobStore {
  constructor(private readonly db: Db) {}

  /** A job's saved progress, or undefined before its first save. */
  async cursor<T>(job: string): Promise<T | undefined> {
    return firstOf<{ value: T }>(await this.db.collection(collections.jobCursor).doc(job).get())?.value
  }

  async saveCursor<T>(job: string, value: T, now: Date): Promise<void> {
    checked(
      await this.db.collection(collections.jobCursor).doc(job).set({ value, updatedAt: now.toISOString() }),
    )
  }

  async recordRun(record: JobRunRecord): Promise<void> {
    checked(await this.db.collection(collections.jobRun).add(record))
  }
}
