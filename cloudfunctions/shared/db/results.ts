/**
 * The database SDK answers some failures with `{ code, message }` instead of throwing (depending on
 * `throwOnCode`); these helpers turn both styles into exceptions and give typed access to results.
 */
export class DatabaseError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'DatabaseError'
  }
}

interface MaybeFailed {
  code?: unknown
  message?: unknown
}

export function checked<T>(result: T): T {
  const maybe = result as MaybeFailed | null
  if (maybe && typeof maybe === 'object' && typeof maybe.code === 'string' && maybe.code !== '') {
    throw new DatabaseError(maybe.code, String(maybe.message ?? maybe.code))
  }
  return result
}

export function listOf<T>(result: unknown): T[] {
  const data = (checked(result) as { data?: unknown }).data
  return Array.isArray(data) ? (data as T[]) : []
}

export function firstOf<T>(result: unknown): T | undefined {
  return listOf<T>(result)[0]
}

export function updatedCount(result: unknown): number {
  const updated = (checked(result) as { updated?: unknown }).updated
  return typeof updated === 'number' ? updated : 0
}

export function totalOf(result: unknown): number {
  const total = (checked(result) as { total?: unknown }).total
  return typeof total === 'number' ? total : 0
}

/** True when an insert failed because the `_id` exists already (CloudBase and the emulator both say so). */
export function isDuplicateKey(error: unknown): boolean {
  const text = `${(error as MaybeFailed)?.code ?? ''} ${(error as Error)?.message ?? ''}`
  return /duplicate|E11000|already exists|UNIQUE constraint/i.test(text)
}

/** True when a transaction lost to a concurrent write (the code `runTransaction` itself retries on). */
export function isTransactionConflict(error: unknown): boolean {
  const code = (error as MaybeFailed)?.code
  return (
    code === 'DATABASE_TRANSACTION_CONFLICT' ||
    /TRANSACTION_CONFLICT/.test(String((error as Error)?.message ?? ''))
  )
}

/** The part of a CloudBase transaction the functions use: documents read and written by id, and inserts. */
export interface TxDoc {
  get(): Promise<{ data: Record<string, unknown> | null }>
  set(data: object): Promise<unknown>
  update(data: object): Promise<unknown>
}
export interface Tx {
  collection(name: string): { doc(id: string): TxDoc; add(data: object): Promise<unknown> }
}
export interface TransactionalDb {
  runTransaction<T>(fn: (tx: Tx) => Promise<T>, times?: number): Promise<T>
}

type Collection = ReturnType<import('@cloudbase/database').Db['collection']>

/**
 * Inserts documents keyed by `_id` in one batch request, once: documents inserted before (a run that
 * stopped half-way and is repeated) are found by id and left as they are, the rest inserted.
 */
export async function insertOnce(
  collection: Collection,
  command: import('@cloudbase/database').Db['command'],
  docs: Array<{ _id: string }>,
): Promise<void> {
  let pending = docs
  // A concurrent run inserting the same documents can collide again between the read and the insert.
  for (let attempt = 0; pending.length > 0; attempt += 1) {
    try {
      checked(await collection.add(pending))
      return
    } catch (error) {
      if (!isDuplicateKey(error) || attempt >= 3) throw error
    }
    const present = new Set(
      listOf<{ _id: string }>(
        await collection
          .where({ _id: command.in(pending.map((doc) => doc._id)) })
          .field({ _id: true })
          .limit(pending.length)
          .get(),
      ).map((doc) => doc._id),
    )
    pending = pending.filter((doc) => !present.has(doc._id))
  }
}

/** One page of a list: its items, whether more follow, and the total when the page reaches the end. */
export interface PageRead<T> {
  items: T[]
  /** Exact when this page is the last one; otherwise null, since counting would read every match. */
  total: number | null
  hasMore: boolean
}

/**
 * One page of a query in one request: the page and one row more, which says whether another page follows.
 * The order must end on a unique key (`_id`), or documents tied on the sort would repeat or vanish between
 * pages. `exclude` leaves out large fields a list never shows.
 */
export async function queryPage<T>(
  collection: Collection,
  query: Record<string, unknown>,
  order: [field: string, direction: 'asc' | 'desc'][],
  page: number,
  pageSize: number,
  exclude: readonly string[] = [],
): Promise<PageRead<T>> {
  let sorted = collection.where(query)
  for (const [field, direction] of order) sorted = sorted.orderBy(field, direction)
  if (exclude.length > 0) sorted = sorted.field(Object.fromEntries(exclude.map((name) => [name, false])))
  const rows = listOf<T>(
    await sorted
      .skip((page - 1) * pageSize)
      .limit(pageSize + 1)
      .get(),
  )
  const hasMore = rows.length > pageSize
  const items = hasMore ? rows.slice(0, pageSize) : rows
  return { items, total: hasMore ? null : (page - 1) * pageSize + items.length, hasMore }
}
