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
 * One page of a query and the total it pages through, in two requests. The order must end on a unique key
 * (`_id`), or documents tied on the sort would repeat or vanish between pages.
 */
export async function queryPage<T>(
  collection: Collection,
  query: Record<string, unknown>,
  order: [field: string, direction: 'asc' | 'desc'][],
  page: number,
  pageSize: number,
): Promise<{ items: T[]; total: number }> {
  let sorted = collection.where(query)
  for (const [field, direction] of order) sorted = sorted.orderBy(field, direction)
  const [rows, count] = await Promise.all([
    sorted
      .skip((page - 1) * pageSize)
      .limit(pageSize)
      .get(),
    collection.where(query).count(),
  ])
  return { items: listOf<T>(rows), total: totalOf(count) }
}
