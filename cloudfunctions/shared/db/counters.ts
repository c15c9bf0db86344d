import type { Db } from '@cloudbase/database'
import type { CollectionDeclaration } from './declaration'
import { firstOf, isDuplicateKey, updatedCount } from './results'
import { LostRace, retry } from './retry'

/** The database's own bookkeeping: per-day serials and rate-limit windows. */
export const counterSchema = {
  collections: { counter: 'counter' },
  indexes: [],
} as const satisfies CollectionDeclaration<Record<string, string>>

const { collections } = counterSchema

/** Rounds per value: every concurrent caller must get a number, and each round gives one of them its own. */
const counterAttempts = 50

/**
 * Takes the next value of a named counter. Compare-and-set on the stored value, so concurrent callers
 * (in one process or many) each get a distinct number without relying on transactions.
 */
export async function nextCounterValue(db: Db, name: string): Promise<number> {
  const counters = db.collection(collections.counter)
  return retry(
    async () => {
      const current = firstOf<{ value: number }>(await counters.doc(name).get())
      if (!current) {
        try {
          await counters.add({ _id: name, value: 1 })
          return 1
        } catch (error) {
          // Another caller created the counter first: read it again.
          throw isDuplicateKey(error) ? new LostRace() : error
        }
      }
      const next = current.value + 1
      const result = await counters.where({ _id: name, value: current.value }).update({ value: next })
      if (updatedCount(result) !== 1) throw new LostRace()
      return next
    },
    { attempts: counterAttempts },
  )
}

/** Gives a taken value back (an atomic decrement), for a quota whose use did not happen after all. */
export async function returnCounterValue(db: Db, name: string): Promise<void> {
  const _ = db.command
  await db
    .collection(collections.counter)
    .doc(name)
    .update({ value: _.inc(-1) })
}

/** The only code that touches the `counter` collection: per-day serials and rate-limit windows. */
export class CounterStore {
  constructor(private readonly db: Db) {}

  next(name: string): Promise<number> {
    return nextCounterValue(this.db, name)
  }

  giveBack(name: string): Promise<void> {
    return returnCounterValue(this.db, name)
  }
}
