import type { Db } from '@cloudbase/database'
import type { DatabaseEngine } from '../../emulator/database'

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
