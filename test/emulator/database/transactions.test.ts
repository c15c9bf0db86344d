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
    const listed = await tx.collection('accounts').where({}).get()
    expect(listed.data).toEqual([{ _id: 'alice', balance: 1 }])
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
  test('a batch add that hits a duplicate buffers nothing from the batch', async () => {
    const tx = await emu.db.startTransaction()
    await expect(
      tx.collection('accounts').add([
        { _id: 'dave', balance: 1 },
        { _id: 'alice', balance: 2 },
      ]),
    ).rejects.toMatchObject({
      code: 'DATABASE_DUPLICATE_WRITE',
    })
    await tx.commit()
    expect(await balanceOf('dave')).toBeUndefined()
    expect(await balanceOf('alice')).toBe(100)
  })
})
