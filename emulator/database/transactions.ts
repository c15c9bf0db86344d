/**
 * Transactions as private write buffers with optimistic conflict detection.
 *
 * A SQLite transaction can't be held open across the awaits between SDK calls (every other request
 * on the connection would land inside it), so each CloudBase transaction instead records, per
 * document it touches, the stored JSON it first saw (`baseRaw`) and the JSON it wants to leave
 * (`raw`). Reads inside the transaction see its own writes and a stable snapshot of everything
 * else it touched. A write takes that document's write lock: a write to a document another open
 * transaction has written fails at once with DATABASE_TRANSACTION_CONFLICT (the code the SDK's
 * runTransaction retries on). Commit re-reads every touched document under one SQLite write lock:
 * if any changed since first seen, the commit fails with the same code; otherwise all buffered
 * writes are applied at once.
 */
import { randomBytes } from 'node:crypto'
import { DatabaseEmulatorError } from './errors'
import type { DocId } from './codec'

/** An abandoned transaction (caller crashed before commit/rollback) is dropped after this. */
const IDLE_TIMEOUT_MS = 10 * 60 * 1000

export interface TxEntry {
  collection: string
  id: DocId
  /** Stored JSON when first touched; null if the document did not exist. */
  baseRaw: string | null
  /** JSON this transaction will write; null = delete; undefined = only read. */
  raw: string | null | undefined
  /** Touch order, so documents inserted in the transaction list after the stored ones. */
  order: number
}

export function entryKey(collection: string, id: DocId): string {
  return `${collection}\u0000${typeof id}:${String(id)}`
}

export class TransactionState {
  readonly entries = new Map<string, TxEntry>()
  /** Keys of the documents whose write lock this transaction holds. */
  readonly locks = new Set<string>()
  lastUsed: number
  private nextOrder = 0

  constructor(
    readonly id: string,
    now: number,
  ) {
    this.lastUsed = now
  }

  /** The entry for a document, recording what storage holds now if this is the first touch. */
  touch(collection: string, id: DocId, loadBase: () => string | undefined): TxEntry {
    const key = entryKey(collection, id)
    let entry = this.entries.get(key)
    if (!entry) {
      entry = { collection, id, baseRaw: loadBase() ?? null, raw: undefined, order: this.nextOrder++ }
      this.entries.set(key, entry)
    }
    return entry
  }

  peek(collection: string, id: DocId): TxEntry | undefined {
    return this.entries.get(entryKey(collection, id))
  }

  /** What this transaction currently sees for a touched document; null = absent. */
  static visible(entry: TxEntry): string | null {
    return entry.raw !== undefined ? entry.raw : entry.baseRaw
  }

  entriesOf(collection: string): TxEntry[] {
    return [...this.entries.values()]
      .filter((e) => e.collection === collection)
      .sort((a, b) => a.order - b.order)
  }

  /** Runs `fn` so that a failure leaves the buffer as it was (a failed batch is all-or-nothing). */
  atomically<T>(fn: () => T): T {
    const saved = new Map([...this.entries].map(([key, entry]) => [key, { ...entry }]))
    const savedOrder = this.nextOrder
    try {
      return fn()
    } catch (error) {
      this.entries.clear()
      for (const [key, entry] of saved) this.entries.set(key, entry)
      this.nextOrder = savedOrder
      throw error
    }
  }

  writes(): TxEntry[] {
    return [...this.entries.values()].filter((e) => e.raw !== undefined).sort((a, b) => a.order - b.order)
  }
}

export class TransactionRegistry {
  private readonly open = new Map<string, TransactionState>()
  /** Document key → id of the open transaction that wrote it. */
  private readonly writers = new Map<string, string>()

  start(now: number): TransactionState {
    for (const [id, tx] of this.open) {
      if (now - tx.lastUsed > IDLE_TIMEOUT_MS) this.end(id)
    }
    const tx = new TransactionState(randomBytes(12).toString('hex'), now)
    this.open.set(tx.id, tx)
    return tx
  }

  get(id: unknown, now: number): TransactionState {
    if (typeof id !== 'string' || id === '') {
      throw new DatabaseEmulatorError('INVALID_PARAM', 'transactionId must be a non-empty string')
    }
    const tx = this.open.get(id)
    if (!tx)
      throw new DatabaseEmulatorError(
        'DATABASE_TRANSACTION_FAIL',
        `transaction ${id} does not exist or has already finished`,
      )
    if (now - tx.lastUsed > IDLE_TIMEOUT_MS) {
      this.end(id)
      throw new DatabaseEmulatorError(
        'DATABASE_TRANSACTION_FAIL',
        `transaction ${id} expired after ${IDLE_TIMEOUT_MS / 1000}s idle`,
      )
    }
    tx.lastUsed = now
    return tx
  }

  /** Takes the write lock on a document for `tx`, failing at once when another open transaction holds it. */
  lockForWrite(tx: TransactionState, collection: string, id: DocId): void {
    const key = entryKey(collection, id)
    const holderId = this.writers.get(key)
    if (holderId !== undefined && holderId !== tx.id) {
      const holder = this.open.get(holderId)
      if (holder && tx.lastUsed - holder.lastUsed <= IDLE_TIMEOUT_MS) {
        throw new DatabaseEmulatorError(
          'DATABASE_TRANSACTION_CONFLICT',
          `transaction ${tx.id} conflicts: ${collection}/${String(id)} is being written by another open transaction`,
        )
      }
      this.end(holderId)
    }
    this.writers.set(key, tx.id)
    tx.locks.add(key)
  }

  end(id: string): void {
    const tx = this.open.get(id)
    if (tx) for (const key of tx.locks) if (this.writers.get(key) === id) this.writers.delete(key)
    this.open.delete(id)
  }

  get size(): number {
    return this.open.size
  }
}
