import type { Db } from '@cloudbase/database'
import type { AlertEntry } from '../../../src/domain/alerts/book'
import { checked, firstOf, isDuplicateKey, updatedCount } from '../db/results'
import type { Runtime } from '../runtime/runtime'
import { alertSchema } from './collections'

const { collections } = alertSchema

/** A district's alert book as stored: its entries in the order they were made. */
export interface AlertBook {
  _id: string
  districtId: string
  version: number
  entries: AlertEntry[]
}

/**
 * How long a warm instance trusts the books it read: a report filed in that minute sees the alerts as they
 * were then (an alert's start and end themselves are exact, since they are in the book); this instance's
 * own sets and lifts are seen at once.
 */
export const alertCacheMillis = 60_000

const emptyBook = (districtId: string): AlertBook => ({
  _id: districtId,
  districtId,
  version: 0,
  entries: [],
})

/** The only code that touches the alert books. */
export class AlertStore {
  private readonly cached = new Map<string, { book: AlertBook; loadedAt: number }>()

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  /** A district's book as stored now (an empty one when it has none yet): one read by id. */
  async book(districtId: string): Promise<AlertBook> {
    const book = firstOf<AlertBook>(
      await this.db.collection(collections.pollutionAlert).doc(districtId).get(),
    )
    const found = book ?? emptyBook(districtId)
    this.cached.set(districtId, { book: found, loadedAt: this.now().getTime() })
    return found
  }

  /** A district's book as this instance last read it within the cache minute, else read now. */
  async cachedBook(districtId: string): Promise<AlertBook> {
    const hit = this.cached.get(districtId)
    if (hit && this.now().getTime() - hit.loadedAt < alertCacheMillis) return hit.book
    return this.book(districtId)
  }

  /**
   * Appends an entry to the book at the version it was read at, answering the book after it; null when
   * another append landed first (the caller decides again on the fresh book). A district's first entry
   * creates its book.
   */
  async append(book: AlertBook, entry: AlertEntry): Promise<AlertBook | null> {
    const alerts = this.db.collection(collections.pollutionAlert)
    const next: AlertBook = { ...book, version: book.version + 1, entries: [...book.entries, entry] }
    if (book.version === 0) {
      try {
        checked(await alerts.add(next))
      } catch (error) {
        if (isDuplicateKey(error)) return null
        throw error
      }
    } else {
      const updated = updatedCount(
        await alerts
          .where({ _id: book._id, version: book.version })
          .update({ version: next.version, entries: this.db.command.push({ each: [entry] }) }),
      )
      if (updated !== 1) return null
    }
    this.cached.set(book._id, { book: next, loadedAt: this.now().getTime() })
    return next
  }
}

const storesByRuntime = new WeakMap<Runtime, AlertStore>()

/** One store per runtime, so a warm instance keeps its cached books between calls. */
export function alertStoreFor(runtime: Runtime): AlertStore {
  let store = storesByRuntime.get(runtime)
  if (!store) storesByRuntime.set(runtime, (store = new AlertStore(runtime.db, () => runtime.now())))
  return store
}
