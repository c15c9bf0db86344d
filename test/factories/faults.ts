import type { Db } from '@cloudbase/database'
import { createEmulatorDb, type DatabaseEngine } from '../../emulator/database'

type AnyTx = { collection(name: string): Record<string, unknown> }

/** Wraps a Db so that, inside transactions, every write to one collection fails (reads still work). */
export function failingTransactionWritesTo(db: Db, collectionName: string): Db {
  const failing = async () => Promise.reject(new Error('connection reset'))
  const wrapTx = (tx: AnyTx): AnyTx =>
    new Proxy(tx, {
      get(target, property, receiver) {
        if (property !== 'collection') return Reflect.get(target, property, receiver)
        return (name: string) => {
          const collection = target.collection(name) as { doc(id: string): object }
          if (name !== collectionName) return collection
          return {
            add: failing,
            doc: (id: string) => ({
              ...collection.doc(id),
              get: () => (collection.doc(id) as { get(): unknown }).get(),
              set: failing,
              update: failing,
            }),
          }
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

/**
 * Wraps a Db so that every write to one collection fails (outside transactions too: inserts, `doc().set`,
 * `doc().update` and `where().update`); reads still work.
 */
export function failingWritesTo(db: Db, collectionName: string): Db {
  const failing = async () => Promise.reject(new Error('connection reset'))
  const failingQuery = (query: object): object =>
    new Proxy(query, {
      get(target, property, receiver) {
        if (property === 'update' || property === 'remove') return failing
        const value = Reflect.get(target, property, receiver) as unknown
        if (typeof value !== 'function') return value
        // Chained query builders (orderBy, limit, …) keep failing their writes.
        return (...args: unknown[]) => {
          const result = (value as (...a: unknown[]) => unknown).apply(target, args)
          return result && typeof result === 'object' && 'get' in result ? failingQuery(result) : result
        }
      },
    })
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property !== 'collection') return Reflect.get(target, property, receiver)
      return (name: string) => {
        const collection = target.collection(name)
        if (name !== collectionName) return collection
        return new Proxy(collection, {
          get(inner, key, innerReceiver) {
            if (key === 'add') return failing
            if (key === 'doc')
              return (id: string) => ({
                ...collection.doc(id),
                get: () => collection.doc(id).get(),
                set: failing,
                update: failing,
                remove: failing,
              })
            if (key === 'where') return (query: object) => failingQuery(collection.where(query))
            return Reflect.get(inner, key, innerReceiver)
          },
        })
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
