/**
 * Counts the requests the database serves, by kind (the SDK's action name without `database.`), since
 * the engine opened and per scope: `countRequests(fn)` gives the requests made while `fn` ran, across
 * its awaits, without mixing in those of work running concurrently in the same process.
 */
import { AsyncLocalStorage } from 'node:async_hooks'

export interface RequestCounts {
  requests: number
  byKind: Record<string, number>
}

interface Scope {
  counts: RequestCounts
  parent: Scope | undefined
}

const scopes = new AsyncLocalStorage<Scope>()

function emptyCounts(): RequestCounts {
  return { requests: 0, byKind: {} }
}

function add(counts: RequestCounts, kind: string): void {
  counts.requests += 1
  counts.byKind[kind] = (counts.byKind[kind] ?? 0) + 1
}

function copyOf(counts: RequestCounts): RequestCounts {
  return { requests: counts.requests, byKind: { ...counts.byKind } }
}

export class DatabaseMeter {
  private readonly total = emptyCounts()

  /** Counts one request in the total and in every scope it runs in. */
  record(kind: string): void {
    add(this.total, kind)
    for (let scope = scopes.getStore(); scope; scope = scope.parent) add(scope.counts, kind)
  }

  /** Every request since the engine opened. */
  stats(): RequestCounts {
    return copyOf(this.total)
  }
}

/** Runs `fn` and reports the database requests it made (a nested scope's count in its parent's too). */
export async function countRequests<T>(fn: () => Promise<T>): Promise<{ value: T; counts: RequestCounts }> {
  const scope: Scope = { counts: emptyCounts(), parent: scopes.getStore() }
  const value = await scopes.run(scope, fn)
  return { value, counts: copyOf(scope.counts) }
}

/**
 * Lets concurrent callers interleave between requests the way real network round-trips do, after the
 * engine's modelled latency if it has one.
 */
export function networkTurn(latencyMs: number): Promise<void> {
  return new Promise((resolve) => (latencyMs > 0 ? setTimeout(resolve, latencyMs) : setImmediate(resolve)))
}
