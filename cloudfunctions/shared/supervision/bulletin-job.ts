import { bulletinFigures, flaggedIn } from '../../../src/domain/supervision/bulletin'
import { figuresOf, nodeSheetSchema } from '../../../src/domain/reports/overview'
import { statsDocId } from '../../../src/domain/reports/rollup'
import { periodBounds, periodKeyOf, previousPeriod } from '../../../src/domain/shared/time'
import { noTimeLimit, type JobControl, type SweepReport } from '../jobs/job'
import { statsStoreFor } from '../reports/store'
import { storesFor } from '../runtime/context'
import type { Runtime } from '../runtime/runtime'
import { bulletinId, supervisionStoreFor, type BulletinRecord } from './store'

export const bulletinJob = 'supervision-bulletin'
/** A day's bulletin waits this long past midnight, so the stats job has counted the day's last acts. */
const settleMillis = 60 * 60_000

/**
 * The daily bulletin (日督查): once a Beijing day is over, one bulletin per street of every district with
 * the day's figures from the desk's day sheets (one read for all a district's streets), the cases flagged
 * that day and still open, and the accountability notes written that day. Keyed by street and day, so a
 * repeated run writes nothing twice; the cursor (the last day done) makes a later tick one read. The
 * first run drafts the day before it only.
 */
export async function runBulletins(
  runtime: Runtime,
  control: JobControl = noTimeLimit,
): Promise<SweepReport> {
  const stores = storesFor(runtime)
  const now = runtime.now()
  const dueDay = previousPeriod(periodKeyOf('day', new Date(now.getTime() - settleMillis)))
  const done = (await stores.jobs.cursor<{ day: string }>(bulletinJob))?.day ?? previousPeriod(dueDay)
  let drafted = 0
  for (let day = nextDay(done); day <= dueDay; day = nextDay(day)) {
    drafted += await draftDay(runtime, day)
    await stores.jobs.saveCursor(bulletinJob, { day }, now)
    if (day < dueDay && control.timeUp()) return { job: bulletinJob, acted: drafted, leftOver: true }
  }
  return { job: bulletinJob, acted: drafted }
}

const nextDay = (day: string) => periodKeyOf('day', periodBounds(day).end)

async function draftDay(runtime: Runtime, day: string): Promise<number> {
  const stores = storesFor(runtime)
  const supervision = supervisionStoreFor(runtime)
  const { tree } = await stores.grids.index()
  const { start, end } = periodBounds(day)
  const [from, to] = [start.toISOString(), end.toISOString()]
  const categoryIds = runtime.settings.categories.categories.map((category) => category.id)
  const generatedAt = runtime.now().toISOString()
  let drafted = 0
  for (const district of tree.all().filter((node) => node.level === 'district')) {
    const streets = tree
      .all()
      .filter((node) => node.level === 'street' && tree.covers(district._id, node._id))
    if (streets.length === 0) continue
    const sheets = await statsStoreFor(runtime).documents(
      streets.map((street) => statsDocId(street._id, day)),
    )
    const flagged = await stores.cases.flaggedBetween(district._id, from, to)
    const notes = await supervision.notesBetween(district._id, from, to)
    const records: BulletinRecord[] = streets.map((street) => {
      const stored = sheets.get(statsDocId(street._id, day))?.n?.[street._id]
      const sheet = nodeSheetSchema.safeParse(stored ?? {})
      return {
        _id: bulletinId(street._id, day),
        districtId: district._id,
        streetId: street._id,
        day,
        figures: bulletinFigures(figuresOf(sheet.success ? sheet.data : undefined, categoryIds)),
        flagged: flaggedIn(street._id, flagged),
        notes: notes.filter((note) => tree.covers(street._id, note.gridId)),
        generatedAt,
      }
    })
    await supervision.insertBulletins(records)
    drafted += records.length
  }
  return drafted
}
