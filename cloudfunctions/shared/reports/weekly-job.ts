import type { GridNode, GridTree } from '../../../src/domain/grid/tree'
import { figuresOf, nodeSheetSchema, type NodeFigures } from '../../../src/domain/reports/overview'
import { statsDocId } from '../../../src/domain/reports/rollup'
import {
  draftStreetWeek,
  handlingOf,
  hotspotsOf,
  rankHandling,
  weekToDraft,
  type HandlingRow,
} from '../../../src/domain/reports/weekly'
import { beijingInstant, periodBounds, periodKeyOf } from '../../../src/domain/shared/time'
import { noTimeLimit, type JobControl, type JobFailure, type SweepReport } from '../jobs/job'
import { failureOf } from '../jobs/runner'
import { storesFor } from '../runtime/context'
import type { Runtime } from '../runtime/runtime'
import { statsSettleMillis } from './stats-job'
import { statsStoreFor } from './store'
import { weeklyIdOf, weeklyStoreFor, type WeeklyRecord, type WeeklyStoredFigures } from './weekly-store'

export const weeklyJob = 'weekly-report'

/**
 * How long after the report week ends the drafts wait: the stats projection's settle horizon plus two
 * ticks, so that the week's last events are counted before the figures are copied into the drafts.
 */
export const weeklyDraftDelayMillis = statsSettleMillis + 2 * 10 * 60_000

/** The sweep's saved progress: the week it works on, the streets drafted (or found drafted), and whether all were. */
export interface WeeklyCursor {
  week: string
  handled: string[]
  complete: boolean
}

const childrenAt = (tree: GridTree, id: string, level: GridNode['level']) =>
  tree.children(id).filter((node) => node.level === level)

/**
 * On the report day (policy.weeklyReport.weekday, Beijing time, Thursday unless configured), once the
 * projection has counted the week just ended, drafts every 社区's report of that week and every 街道's
 * (which the street later merges), from the street's stats document of the week: one read per district for
 * all its streets, then per street one read of the drafts already there, one insert of the missing ones and
 * the cursor. The key `<grid>:<week>` makes each draft once: a re-run, or one racing this, never writes a
 * draft over a report the leader has filled in. The cursor is saved after each street, so a run stopped
 * halfway is finished by the next without redoing any. Any other day costs nothing.
 */
export async function runWeeklyJob(
  runtime: Runtime,
  control: JobControl = noTimeLimit,
): Promise<SweepReport> {
  const now = runtime.now()
  const policy = runtime.settings.policy.weeklyReport
  const week = weekToDraft(now, policy.weekday)
  if (!week || now.getTime() < periodBounds(week).end.getTime() + weeklyDraftDelayMillis)
    return { job: weeklyJob, acted: 0 }
  const stores = storesFor(runtime)
  const saved = await stores.jobs.cursor<WeeklyCursor>(weeklyJob)
  if (saved?.week === week && saved.complete) return { job: weeklyJob, acted: 0 }
  const cursor: WeeklyCursor = saved?.week === week ? saved : { week, handled: [], complete: false }

  const { tree } = await stores.grids.index()
  const categoryIds = runtime.settings.categories.categories.map((category) => category.id)
  const context: DraftContext = {
    week,
    categoryIds,
    draftedAt: now.toISOString(),
    deadline: beijingInstant(periodKeyOf('day', now), policy.submitByHour).toISOString(),
  }
  const failures: JobFailure[] = []
  let drafted = 0
  let tried = 0
  for (const district of tree.all().filter((node) => node.level === 'district')) {
    const streets = childrenAt(tree, district._id, 'street').filter(
      (street) => !cursor.handled.includes(street._id),
    )
    if (streets.length === 0) continue
    // One draft at least per run, so that every run gets somewhere.
    if (tried > 0 && control.timeUp()) return report(drafted, failures)
    const sheets = await statsStoreFor(runtime).documents(
      childrenAt(tree, district._id, 'street').map((street) => statsDocId(street._id, week)),
    )
    const figures = (street: GridNode, nodeId: string): NodeFigures => {
      const stored = sheets.get(statsDocId(street._id, week))?.n[nodeId]
      const parsed = nodeSheetSchema.safeParse(stored ?? {})
      return figuresOf(parsed.success ? parsed.data : undefined, categoryIds)
    }
    // Streets are ranked against the district's other streets, all of them, drafted already or not.
    const streetRanks = new Map(
      rankHandling(
        childrenAt(tree, district._id, 'street').map((street) =>
          handlingOf({ gridId: street._id, ...figures(street, street._id) }, street.name),
        ),
      ).map((row) => [row.gridId, row]),
    )
    for (const street of streets) {
      if (tried > 0 && control.timeUp()) return report(drafted, failures)
      tried += 1
      try {
        const records = draftsOfStreet(tree, street, district._id, context, streetRanks.get(street._id)!, {
          figures: (nodeId) => figures(street, nodeId),
          asOf: sheets.get(statsDocId(street._id, week))?.updatedAt ?? null,
        })
        drafted += await insertAbsent(runtime, records)
        cursor.handled.push(street._id)
        await stores.jobs.saveCursor(weeklyJob, cursor, now)
      } catch (error) {
        failures.push(failureOf(street._id, error))
      }
    }
  }
  if (failures.length === 0)
    await stores.jobs.saveCursor(weeklyJob, { week, handled: [], complete: true }, now)
  return report(drafted, failures)
}

interface DraftContext {
  week: string
  categoryIds: string[]
  draftedAt: string
  deadline: string
}

/** The drafts of a street's week: the street's own (for its merge) and one per community. */
function draftsOfStreet(
  tree: GridTree,
  street: GridNode,
  districtId: string,
  context: DraftContext,
  streetRow: HandlingRow,
  read: { figures: (nodeId: string) => NodeFigures; asOf: string | null },
): WeeklyRecord[] {
  const communities = childrenAt(tree, street._id, 'community')
  const drafts = draftStreetWeek(
    context.week,
    communities.map((community) => ({
      name: community.name,
      overview: { gridId: community._id, ...read.figures(community._id) },
    })),
  )
  const peers = rankHandlingByRank(drafts.map((draft) => draft.handling))
  // The 三级网格 below a node, walked down the tree (a street's are its communities' and its own).
  const blocksOf = (nodeId: string): Array<{ gridId: string; name: string; received: number }> =>
    tree
      .children(nodeId)
      .flatMap((node) =>
        node.level === 'block'
          ? [{ gridId: node._id, name: node.name, received: read.figures(node._id).received }]
          : blocksOf(node._id),
      )
  const record = (
    kind: WeeklyRecord['kind'],
    gridId: string,
    figures: WeeklyStoredFigures,
    dueDate: string,
  ): WeeklyRecord => ({
    _id: weeklyIdOf(gridId, context.week),
    kind,
    gridId,
    streetId: street._id,
    districtId,
    week: context.week,
    dueDate,
    deadline: context.deadline,
    status: 'draft',
    version: 0,
    figures,
    figuresAsOf: read.asOf,
    draftedAt: context.draftedAt,
    text: null,
    mergeText: null,
    merged: [],
    missing: [],
    submittedAt: null,
    submittedBy: null,
    submittedByName: null,
    history: [],
  })
  const own = read.figures(street._id)
  const dueDate = drafts[0]?.dueDate ?? periodKeyOf('day', periodBounds(context.week).end)
  return [
    record(
      'street',
      street._id,
      {
        received: own.received,
        byCategory: own.byCategory,
        bySource: own.bySource,
        own: streetRow,
        peers,
        cards: own.cards,
        escalations: own.escalations,
        hotspots: hotspotsOf(blocksOf(street._id)),
      },
      dueDate,
    ),
    ...drafts.map((draft) =>
      record(
        'community',
        draft.communityId,
        {
          received: draft.handling.received,
          byCategory: draft.byCategory,
          bySource: draft.bySource,
          own: draft.handling,
          peers,
          cards: draft.cards,
          escalations: draft.escalations,
          hotspots: hotspotsOf(blocksOf(draft.communityId)),
        },
        draft.dueDate,
      ),
    ),
  ]
}

const rankHandlingByRank = (rows: HandlingRow[]) =>
  [...rows].sort((a, b) => a.rank - b.rank || a.gridId.localeCompare(b.gridId))

/** Inserts the drafts not there yet; a run that raced this one makes the insert fail, and it reads again. */
async function insertAbsent(runtime: Runtime, records: WeeklyRecord[]): Promise<number> {
  const store = weeklyStoreFor(runtime)
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const found = await store.existing(records.map((record) => record._id))
    const missing = records.filter((record) => !found.has(record._id))
    if (await store.insertDrafts(missing)) return missing.length
  }
  throw new Error('weekly-report: another run kept writing the same drafts; the next run carries on')
}

function report(drafted: number, failures: JobFailure[]): SweepReport {
  return { job: weeklyJob, acted: drafted, ...(failures.length > 0 ? { failures } : {}) }
}
