import { foldSteps } from '../../../src/domain/reports/case-figures'
import { changesBetween, contributionsOf } from '../../../src/domain/reports/contributions'
import { sheetIncrements } from '../../../src/domain/reports/sheets'
import { noTimeLimit, type JobControl, type SweepReport } from '../jobs/job'
import { storesFor } from '../runtime/context'
import type { Runtime } from '../runtime/runtime'
import type { FeedEvent } from '../cases/store'
import { feedAfter, positionKey, positionOf, type FeedPosition } from './feed'
import { newStatsDoc, statsStoreFor, type StatsDoc } from './store'

export const statsJob = 'stats'
/**
 * The projection stays this far behind the clock: longer than a jobs run may last (60 s), so every event
 * stamped before it is in the feed already, and the feed below it never changes again (a relay run stamps
 * its events when it starts, and a slow one can commit after a quicker one that started later).
 */
export const statsSettleMillis = 5 * 60_000
const defaultBatchSize = 500
const concurrentWrites = 20

export interface StatsJobOptions {
  /** Events per batch: one read of events, of their cases, of the documents they touch, then the writes. */
  batchSize?: number
}

/**
 * The desk's projection: folds the case events the relay copied out into the stats documents, a batch at a
 * time, from its cursor (`job_cursor/stats`) to the settle horizon. Each event counts as the difference
 * between what its case counted for before and after it (folded from the case's trail), in every period
 * and on every level of its grid; each document touched is written once per batch with all of the batch's
 * increments, guarded by its own position, so a batch repeated after a stop counts nothing twice. The
 * cursor is saved after every batch, and the job stops between batches when its time is up.
 */
export async function runStatsJob(
  runtime: Runtime,
  control: JobControl = noTimeLimit,
  options: StatsJobOptions = {},
): Promise<SweepReport> {
  const batchSize = options.batchSize ?? defaultBatchSize
  const stores = storesFor(runtime)
  const horizon = new Date(runtime.now().getTime() - statsSettleMillis).toISOString()
  let cursor = await stores.jobs.cursor<FeedPosition>(statsJob)
  let counted = 0
  for (;;) {
    const { events, more } = await feedAfter(stores.cases, cursor, batchSize, horizon)
    if (events.length > 0) {
      await projectBatch(runtime, events)
      cursor = positionOf(events[events.length - 1]!)
      await stores.jobs.saveCursor(statsJob, cursor, runtime.now())
      counted += events.length
    }
    if (!more || control.timeUp()) break
  }
  return { job: statsJob, acted: counted }
}

/** One batch: the cases' trails in one read, the documents' positions in one, then one write per document. */
async function projectBatch(runtime: Runtime, events: readonly FeedEvent[]): Promise<void> {
  const stores = storesFor(runtime)
  const [cases, { tree }] = await Promise.all([
    stores.cases.getManyWithTrail(events.map((event) => event.caseId)),
    stores.grids.index(),
  ])
  // Per document, what each event adds, by the event's position: a document counts only those past its own.
  const planned = new Map<
    string,
    { home: string; period: string; steps: Array<[string, Map<string, number>]> }
  >()
  const folds = new Map<string, ReturnType<typeof foldSteps>>()
  for (const event of events) {
    const found = cases.get(event.caseId)
    if (!found) continue
    let steps = folds.get(event.caseId)
    if (!steps) folds.set(event.caseId, (steps = foldSteps(found.trail)))
    const step = steps.get(event.seq)
    if (!step) continue
    const { categoryId } = found.record
    const changes = changesBetween(
      contributionsOf(step.before, categoryId),
      contributionsOf(step.after, categoryId),
    )
    const position = positionKey(positionOf(event))
    for (const sheet of sheetIncrements(changes, tree).values()) {
      let doc = planned.get(sheet.docId)
      if (!doc) planned.set(sheet.docId, (doc = { home: sheet.home, period: sheet.period, steps: [] }))
      doc.steps.push([position, sheet.fields])
    }
  }
  if (planned.size === 0) return

  const store = statsStoreFor(runtime)
  const now = runtime.now()
  const positions = await store.positions([...planned.keys()])
  const inserts: StatsDoc[] = []
  const updates: Array<() => Promise<void>> = []
  for (const [id, doc] of planned) {
    const from = positions.get(id)
    const fresh = doc.steps.filter(([position]) => from === undefined || position > from)
    if (fresh.length === 0) continue
    const fields = new Map<string, number>()
    for (const [, step] of fresh)
      for (const [path, amount] of step) fields.set(path, (fields.get(path) ?? 0) + amount)
    for (const [path, amount] of fields) if (amount === 0) fields.delete(path)
    // Nothing left to add: the document stays where it is, and a repeat finds the same nothing.
    if (fields.size === 0) continue
    const to = fresh.reduce((last, [position]) => (position > last ? position : last), fresh[0]![0])
    if (from === undefined) inserts.push(newStatsDoc(id, doc.home, doc.period, fields, to, now))
    else
      updates.push(async () => {
        if (!(await store.advance(id, from, to, fields, now)))
          throw new Error(`stats: ${id} moved on while this batch was counted; the next run repeats it`)
      })
  }
  await store.insert(inserts)
  // A few writes in flight at a time: a batch may touch hundreds of documents.
  for (let start = 0; start < updates.length; start += concurrentWrites)
    await Promise.all(updates.slice(start, start + concurrentWrites).map((update) => update()))
}
