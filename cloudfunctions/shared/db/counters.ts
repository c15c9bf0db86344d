import type { Db } from '@cloudbase/database'
import type { CollectionDeclaration } from './declaration'
import { checked, isDuplicateKey, listOf } from './results'
import { LostRace, retry } from './retry'

/** The database's own bookkeeping: per-day serials. */
export const counterSchema = {
  collections: { counter: 'counter' },
  indexes: [],
} as const satisfies CollectionDeclaration<Record<string, string>>

const { collections } = counterSchema

/** Rounds for a counter's first value of a day: only the callers racing to create it can lose one. */
const counterAttempts = 50

/**
 * Takes the next value of a named counter: one atomic increment that answers the new value, so concurrent
 * callers (in one process or many) each get a distinct number in one request. The first caller of a new
 * counter creates it; one that loses that race increments the winner's.
 */
export async function nextCounterValue(db: Db, name: string): Promise<number> {
  const _ = db.command
  const counters = db.collection(collections.counter)
  return retry(
    async () => {
      const result = (await counters.where({ _id: name }).updateAndReturn({ value: _.inc(1) })) as {
        doc?: { value?: unknown } | null
      }
      const value = checked(result).doc?.value
      if (typeof value === 'number') return value
      try {
        checked(await counters.add({ _id: name, value: 1 }))
        return 1
      } catch (error) {
        throw isDuplicateKey(error) ? new LostRace() : error
      }
    },
    { attempts: counterAttempts },
  )
}

/**
 * Creates the named counters that do not exist yet, at 0, in a read and at most one batch insert, so that
 * their first takers need one request too. Returns how many it created.
 */
export async function prepareCounters(db: Db, names: string[]): Promise<number> {
  const counters = db.collection(collections.counter)
  const present = new Set(
    listOf<{ _id: string }>(
      await counters
        .where({ _id: db.command.in(names) })
        .field({ _id: true })
        .limit(names.length)
        .get(),
    ).map((doc) => doc._id),
  )
  const missing = names.filter((name) => !present.has(name))
  try {
    if (missing.length > 0) checked(await counters.add(missing.map((name) => ({ _id: name, value: 0 }))))
  } catch (error) {
    // A submission created one of them meanwhile: it exists, which is all this wanted.
    if (!isDuplicateKey(error)) throw error
  }
  return missing.length
}

/** The only code that touches the `counter` collection: per-day serials. */
export class CounterStore {
  constructor(private readonly db: Db) {}

  next(name: string): Promise<number> {
    return nextCounterValue(this.db, name)
  }
}
