import type { Db } from '@cloudbase/database'
import { createEmulatorDb, type DatabaseEngine } from '../../emulator/database'

type AnyTx = { collection(name: string): Record<string, unknown> }

/**
 * Wraps a Db so that, inside transactions, every write to one collection fails (reads still work); with
 * `ids`, only writes to those documents.
 */
export function failingTransactionWritesTo(db: Db, collectionName: string, ids?: readonly string[]): Db {
  const failing = async () => Promise.reject(new Error('connection reset'))
  const wrapTx = (tx: AnyTx): AnyTx =>
    new Proxy(tx, {
      get(target, property, receiver) {
        if (property !== 'collection') return Reflect.get(target, property, receiver)
        return (name: string) => {
          const collection = target.collection(name) as { doc(id: string): Record<string, unknown> }
          if (name !== collectionName) return collection
          const failingDoc = (id: string) => {
            const doc = collection.doc(id)
            return { ...doc, get: () => (doc as { get(): unknown }).get(), set: failing, update: failing }
          }
          return new Proxy(collection, {
            get(inner, key, receiver) {
              if (key === 'add' && !ids) return failing
              if (key !== 'doc') return Reflect.get(inner, key, receiver)
              return (id: string) => (!ids || ids.includes(id) ? failingDoc(id) : inner.doc(id))
            },
          })
        }
      },
    })
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property !== 'runTransaction') return Reflect.get(target, property, receiver)
      const run = target.runTransaction.bind(target) as (
        fn: (tx: AnyTx) => Promise<unknown>,
        times?: number,
      ) => Promise<unknown>
      return (fn: (tx: AnyTx) => Promise<unknown>, times?: number) => run((tx) => fn(wrapTx(tx)), times)
    },
  })
}

const writeMethods = new Set(['add', 'set', 'update', 'updateAndReturn', 'remove'])

/**
 * Wraps a Db so that writes to one collection fail as a dropped connection would, outside transactions too:
 * the first `succeed` writes go through, every later one fails. With `ids`, only writes to those documents
 * (by `doc(id)` or a `where` naming the `_id`) fail. Reads and other collections are untouched.
 */
export function failingWritesTo(
  db: Db,
  collectionName: string,
  options: { succeed?: number; ids?: readonly string[] } = {},
): Db {
  let allowed = options.succeed ?? 0
  const targeted = (id: unknown) => !options.ids || (typeof id === 'string' && options.ids.includes(id))
  const wrap = <T extends object>(target: T, id?: unknown): T =>
    new Proxy(target, {
      get(object, property, receiver) {
        const value = Reflect.get(object, property, receiver) as unknown
        if (typeof value !== 'function') return value
        return (...args: unknown[]) => {
          if (typeof property === 'string' && writeMethods.has(property) && targeted(id)) {
            if (allowed <= 0) return Promise.reject(new Error('connection reset'))
            allowed -= 1
          }
          const result = (value as (...a: unknown[]) => unknown).apply(object, args)
          // Builders (where, doc, orderBy…) return objects whose writes must fail too.
          const next =
            property === 'doc'
              ? args[0]
              : property === 'where'
                ? (args[0] as { _id?: unknown } | undefined)?._id
                : id
          return result && typeof result === 'object' && !(result instanceof Promise)
            ? wrap(result, next)
            : result
        }
      },
    })
  return new Proxy(db, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown
      if (property !== 'collection' || typeof value !== 'function') return value
      return (name: string) => {
        const collection = (value as (n: string) => object).call(target, name)
        return name === collectionName ? wrap(collection) : collection
      }
    },
  })
}

/**
 * A database that stops answering after `requests` requests, as if the function were killed right there:
 * every later request fails. `served()` tells how many it answered.
 */
export function dyingAfter(engine: DatabaseEngine, requests: number): { db: Db; served(): number } {
  let served = 0
  const dying = new Proxy(engine, {
    get(target, property) {
      if (property === 'execute') {
        return (action: string, params?: Record<string, unknown>) => {
          if (served >= requests) throw new Error('the function was stopped')
          served += 1
          return target.execute(action, params)
        }
      }
      const value = Reflect.get(target, property, target) as unknown
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value
    },
  })
  const { db } = createEmulatorDb({ engine: dying, env: 'bluegrid-test' })
  return { db, served: () => served }
}

/**
 * Stops the database side of a function run after `requests` requests, as the platform stops a function at
 * its time limit: every later request fails and nothing more is written. `revive()` serves requests again
 * for the next run and ends the transactions the stopped run left open, as their timeout would have by the
 * next tick.
 */
export function stopAfterRequests(engine: DatabaseEngine, requests: number): { revive(): void } {
  const execute = engine.execute.bind(engine)
  const open = new Set<string>()
  let served = 0
  engine.execute = (action, params = {}) => {
    if (served >= requests) throw new Error('the function was stopped')
    served += 1
    const response = execute(action, params)
    if (action === 'database.startTransaction') open.add(String(response.transactionId))
    if (action === 'database.commitTransaction' || action === 'database.abortTransaction')
      open.delete(String(params.transactionId))
    return response
  }
  return {
    revive() {
      engine.execute = execute
      for (const transactionId of open) {
        try {
          execute('database.abortTransaction', { transactionId })
        } catch {
          // Already ended by its own failed commit.
        }
      }
    },
  }
}
