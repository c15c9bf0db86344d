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

const writeMethods = new Set(['add', 'set', 'update', 'updateAndReturn', 'remove'])

/**
 * Wraps a Db so that writes to one collection fail as a dropped connection would, outside transactions too:
 * the first `succeed` writes go through, every later one fails. Reads and other collections are untouched.
 */
export function failingWritesTo(db: Db, collectionName: string, options: { succeed?: number } = {}): Db {
  let allowed = options.succeed ?? 0
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, property, receiver) {
        const value = Reflect.get(object, property, receiver) as unknown
        if (typeof value !== 'function') return value
        return (...args: unknown[]) => {
          if (typeof property === 'string' && writeMethods.has(property)) {
            if (allowed <= 0) return Promise.reject(new Error('connection reset'))
            allowed -= 1
          }
          const result = (value as (...a: unknown[]) => unknown).apply(object, args)
          // Builders (where, doc, orderBy…) return objects whose writes must fail too.
          return result && typeof result === 'object' && !(result instanceof Promise) ? wrap(result) : result
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
