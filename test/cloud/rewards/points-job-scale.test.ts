import { collections } from '../../../cloudfunctions/shared/app'
import { runPointsJob } from '../../../cloudfunctions/shared/rewards/points-job'
import { reconcilePoints } from '../../../cloudfunctions/shared/rewards/reconcile'
import type { Runtime } from '../../../cloudfunctions/shared/runtime/runtime'
import { countRequests } from '../../../emulator/database'
import { dyingAfter } from '../../factories/faults'
import { districtWorld } from '../../factories/district-world'
import type { TestWorld } from '../../factories/runtime'

async function ledgerSize(world: TestWorld): Promise<number> {
  return (await world.db.collection(collections.pointsEntry).count()).total
}

// Each builds a district's history first: seconds of work, more on a busy machine.
jest.setTimeout(60_000)

describe('the points job over a district’s history', () => {
  it('pays a year of case events in under one database request per event, reconciled', async () => {
    const { world, events } = await districtWorld(400)
    const { value: report, counts } = await countRequests(() =>
      runPointsJob(world.runtime, undefined, { maxEvents: 100_000 }),
    )
    const perEvent = counts.requests / events
    console.log(
      `points job: ${events} events, ${report.acted} entries paid, ${counts.requests} requests (${perEvent.toFixed(2)} per event): ${JSON.stringify(counts.byKind)}`,
    )
    expect(report.acted).toBeGreaterThan(100)
    expect(perEvent).toBeLessThanOrEqual(1)
    expect((await reconcilePoints(world.runtime)).problems).toEqual([])
    await world.close()
  })

  it('saves its cursor after every batch and stops between batches when its time is up; the next run goes on', async () => {
    const { world } = await districtWorld(60)
    let batches = 0
    const first = await runPointsJob(world.runtime, { timeUp: () => (batches += 1) >= 2 }, { batchSize: 50 })
    const cursor = (await world.db.collection(collections.pointsCursor).doc('case-events').get()).data[0]
    expect(batches).toBe(2)
    expect(cursor).toBeDefined()
    const paidSoFar = await ledgerSize(world)
    expect(paidSoFar).toBe(first.acted)

    const rest = await runPointsJob(world.runtime, undefined, { batchSize: 50 })
    expect(rest.acted).toBeGreaterThan(0)
    expect(await ledgerSize(world)).toBe(first.acted + rest.acted)
    expect((await runPointsJob(world.runtime, undefined, { batchSize: 50 })).acted).toBe(0)
    expect((await reconcilePoints(world.runtime)).problems).toEqual([])
    await world.close()
  })

  it('killed after any request, keeps what it finished, and the next run pays the rest exactly once', async () => {
    const { world } = await districtWorld(30)
    // The whole run's cost, then a kill at points spread over it (reads, the entry insert, tallies, accounts, cursor).
    const reference = await districtWorld(30)
    const { counts } = await countRequests(() =>
      runPointsJob(reference.world.runtime, undefined, { batchSize: 40 }),
    )
    const expected = await reconcilePoints(reference.world.runtime)
    const expectedEntries = await ledgerSize(reference.world)
    await reference.world.close()
    jest.spyOn(console, 'error').mockImplementation(() => {})

    let halfWritten = 0
    const cursors = new Set<string>()
    for (let kill = 1; kill < counts.requests; kill += 3) {
      const dying = dyingAfter(world.engine, kill)
      const killed: Runtime = { ...world.runtime, db: dying.db }
      await runPointsJob(killed, undefined, { batchSize: 40 }).catch(() => undefined)
      if (!(await reconcilePoints(world.runtime)).ok) halfWritten += 1
      const cursor = (await world.db.collection(collections.pointsCursor).doc('case-events').get()).data[0]
      if (cursor) cursors.add(JSON.stringify([cursor.at, cursor.eventId]))
    }
    // The kills did stop payments half-way (entries written, accounts not yet moved), and runs stopped
    // mid-way kept the batches they had finished (the cursor moved on between kills).
    expect(halfWritten).toBeGreaterThan(0)
    expect(cursors.size).toBeGreaterThan(1)
    await runPointsJob(world.runtime, undefined, { batchSize: 40 })
    const report = await reconcilePoints(world.runtime)
    expect(report.problems).toEqual([])
    expect(report).toMatchObject({ entries: expected.entries, people: expected.people })
    expect(await ledgerSize(world)).toBe(expectedEntries)
    await world.close()
  })
})
