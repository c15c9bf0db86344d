import type { EmulatorDb } from '../../../emulator/database'
import { memoryDb, rejectionOf } from './helpers'

// The SDK types transactions as `any`; this is the part of its surface the tests use.
interface TxDoc {
  get(): Promise<{ data: Record<string, unknown> | null }>
  set(data: object): Promise<{ updated: number }>
  update(data: object): Promise<{ updated: number }>
  remove(): Promise<{ deleted: number }>
}
interface Tx {
  collection(name: string): {
    doc(id: string): TxDoc
    add(data: object): Promise<{ id: string }>
    where(q: object): { get(): Promise<{ data: Array<Record<string, unknown>> }> }
  }
  commit(): Promise<unknown>
  rollback(reason?: unknown): Promise<unknown>
}

let emu: EmulatorDb
beforeEach(async () => {
  emu = memoryDb()
  await emu.db.collection('accounts').add([
    { _id: 'alice', balance: 100 },
    { _id: 'bob', balance: 20 },
  ])
})
afterEach(() => emu.close())

const balanceOf = async (id: string) => (await emu.db.collection('accounts').doc(id).get()).data[0]?.balance

describe('startTransaction', () => {
  test('writes become visible to others only on commit', async () => {
    const tx: Tx = await emu.db.startTransaction()
    await tx.collection('accounts').doc('alice').update({ balance: 70 })
    await tx.collection('accounts').doc('bob').set({ balance: 50 })
    const added = await tx.collection('accounts').add({ _id: 'carol', balance: 0 })
    expect(added.id).toBe('carol')
    expect(await balanceOf('alice')).toBe(100)
    expect(await balanceOf('carol')).toBeUndefined()
    await tx.commit()
    expect(await balanceOf('alice')).toBe(70)
    expect(await balanceOf('bob')).toBe(50)
    expect(await balanceOf('carol')).toBe(0)
  })

  test('reads inside a transaction see its own writes; doc().get() returns the document itself', async () => {
    const tx: Tx = await emu.db.startTransaction()
    await tx.collection('accounts').doc('alice').update({ balance: 1 })
    await tx.collection('accounts').doc('bob').remove()
    expect((await tx.collection('accounts').doc('alice').get()).data).toEqual({ _id: 'alice', balance: 1 })
    expect((await tx.collection('accounts').doc('bob').get()).data).toBeNull()
    await tx.rollback()
  })

  test('rollback leaves nothing written', async () => {
    const tx: Tx = await emu.db.startTransaction()
    await tx.collection('accounts').doc('alice').update({ balance: 0 })
    await tx.collection('accounts').doc('bob').remove()
    await tx.collection('accounts').add({ _id: 'mallory', balance: 1e6 })
    await tx.rollback()
    expect(await balanceOf('alice')).toBe(100)
    expect(await balanceOf('bob')).toBe(20)
    expect(await balanceOf('mallory')).toBeUndefined()
  })

  test('a finished transaction cannot be used again', async () => {
    const tx: Tx = await emu.db.startTransaction()
    await tx.commit()
    const error = await rejectionOf(tx.collection('accounts').doc('alice').update({ balance: 1 }))
    expect(error.code).toBe('DATABASE_TRANSACTION_FAIL')
  })

  test('commit fails with DATABASE_TRANSACTION_CONFLICT when a document it read changed meanwhile, and writes nothing', async () => {
    const tx: Tx = await emu.db.startTransaction()
    const alice = await tx.collection('accounts').doc('alice').get()
    await tx
      .collection('accounts')
      .doc('bob')
      .update({ balance: 20 + Number(alice.data?.balance) })
    await emu.db.collection('accounts').doc('alice').update({ balance: 5 })
    const error = await rejectionOf(tx.commit())
    expect(error.code).toBe('DATABASE_TRANSACTION_CONFLICT')
    expect(await balanceOf('bob')).toBe(20)
  })
})

describe('runTransaction', () => {
  const transfer = (amount: number) => async (tx: Tx) => {
    const from = await tx.collection('accounts').doc('alice').get()
    const to = await tx.collection('accounts').doc('bob').get()
    const fromBalance = Number(from.data?.balance)
    if (fromBalance < amount) throw new Error('insufficient funds')
    await tx
      .collection('accounts')
      .doc('alice')
      .update({ balance: fromBalance - amount })
    await tx
      .collection('accounts')
      .doc('bob')
      .update({ balance: Number(to.data?.balance) + amount })
    return fromBalance - amount
  }

  test("commits the callback's writes and returns its result", async () => {
    await expect(emu.db.runTransaction(transfer(30))).resolves.toBe(70)
    expect(await balanceOf('alice')).toBe(70)
    expect(await balanceOf('bob')).toBe(50)
  })

  test('a throwing callback rolls back: nothing written, the error propagates', async () => {
    await expect(
      emu.db.runTransaction(async (tx: Tx) => {
        await tx.collection('accounts').doc('bob').update({ balance: 999 })
        await transfer(500)(tx)
      }),
    ).rejects.toThrow('insufficient funds')
    expect(await balanceOf('bob')).toBe(20)
  })

  test('transaction.rollback(reason) inside the callback rejects with that reason and writes nothing', async () => {
    await expect(
      emu.db.runTransaction(async (tx: Tx) => {
        await tx.collection('accounts').doc('alice').update({ balance: 0 })
        await tx.rollback('changed my mind')
      }),
    ).rejects.toBe('changed my mind')
    expect(await balanceOf('alice')).toBe(100)
  })

  test('concurrent transfers conflict and are retried by the SDK, so no update is lost', async () => {
    const execute = jest.spyOn(emu.engine, 'execute')
    await Promise.all([emu.db.runTransaction(transfer(10)), emu.db.runTransaction(transfer(10))])
    // Two first attempts plus one retry after DATABASE_TRANSACTION_CONFLICT.
    expect(execute.mock.calls.filter(([action]) => action === 'database.startTransaction')).toHaveLength(3)
    expect(await balanceOf('alice')).toBe(80)
    expect(await balanceOf('bob')).toBe(40)
  })
})

describe('failures inside a transaction', () => {
  test('an add() of an existing _id is refused as a duplicate and buffers nothing', async () => {
    const tx = await emu.db.startTransaction()
    await expect(tx.collection('accounts').add({ _id: 'alice', balance: 2 })).rejects.toMatchObject({
      code: 'DATABASE_DUPLICATE_WRITE',
    })
    await tx.commit()
    expect(await balanceOf('alice')).toBe(100)
  })
})

describe('what CloudBase refuses inside a transaction', () => {
  // The SDK's transaction surface beyond doc(): where() and count() are there, CloudBase refuses them.
  interface WideTx {
    collection(name: string): {
      where(q: object): {
        get(): Promise<unknown>
        count(): Promise<unknown>
        update(data: object): Promise<unknown>
        remove(): Promise<unknown>
      }
      count(): Promise<unknown>
      add(data: object): Promise<unknown>
    }
  }

  test.each([
    ['where().get()', (tx: WideTx) => tx.collection('accounts').where({ balance: 100 }).get(), 'where()'],
    ['count()', (tx: WideTx) => tx.collection('accounts').count(), 'count()'],
    ['where().count()', (tx: WideTx) => tx.collection('accounts').where({}).count(), 'count()'],
    [
      'where().update()',
      (tx: WideTx) => tx.collection('accounts').where({ _id: 'alice' }).update({ balance: 1 }),
      'where().update()',
    ],
    ['where().remove()', (tx: WideTx) => tx.collection('accounts').where({}).remove(), 'where().remove()'],
    [
      'a batch add()',
      (tx: WideTx) => tx.collection('accounts').add([{ _id: 'x' }, { _id: 'y' }]),
      'a batch add()',
    ],
    ['add() without an _id', (tx: WideTx) => tx.collection('accounts').add({ balance: 1 }), 'explicit _id'],
  ])('%s is refused, naming the rule, and nothing is written', async (_label, act, named) => {
    const tx = (await emu.db.startTransaction()) as WideTx & Tx
    const error = await rejectionOf(act(tx))
    expect(error.code).toBe('INVALID_PARAM')
    expect(error.message).toContain(named)
    expect(error.message).toMatch(/not allowed inside a transaction \(CloudBase/)
    await tx.commit()
    expect(await balanceOf('alice')).toBe(100)
    expect((await emu.db.collection('accounts').count()).total).toBe(2)
  })

  test('a write to a document another open transaction wrote fails at once as a conflict', async () => {
    const first: Tx = await emu.db.startTransaction()
    const second: Tx = await emu.db.startTransaction()
    await first.collection('accounts').doc('alice').update({ balance: 1 })
    const error = await rejectionOf(second.collection('accounts').doc('alice').update({ balance: 2 }))
    expect(error.code).toBe('DATABASE_TRANSACTION_CONFLICT')
    await second.rollback()
    await first.commit()
    expect(await balanceOf('alice')).toBe(1)
  })

  test('the write lock is released when its transaction ends, committed or rolled back', async () => {
    const first: Tx = await emu.db.startTransaction()
    await first.collection('accounts').doc('alice').update({ balance: 1 })
    await first.rollback()
    const second: Tx = await emu.db.startTransaction()
    await second.collection('accounts').doc('alice').update({ balance: 2 })
    await second.commit()
    const third: Tx = await emu.db.startTransaction()
    await third.collection('accounts').add({ _id: 'carol', balance: 3 })
    await third.commit()
    expect(await balanceOf('alice')).toBe(2)
    expect(await balanceOf('carol')).toBe(3)
  })

  test('an insert of an _id another open transaction inserted conflicts too', async () => {
    const first: Tx = await emu.db.startTransaction()
    const second: Tx = await emu.db.startTransaction()
    await first.collection('accounts').add({ _id: 'carol', balance: 1 })
    const error = await rejectionOf(second.collection('accounts').add({ _id: 'carol', balance: 2 }))
    expect(error.code).toBe('DATABASE_TRANSACTION_CONFLICT')
    await first.commit()
    expect(await balanceOf('carol')).toBe(1)
  })
})
