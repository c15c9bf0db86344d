import type { Db } from '@cloudbase/database'

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
