import type { Db } from '@cloudbase/database'
import type { HandlingRow } from '../../../src/domain/reports/weekly'
import type { WeeklyText } from '../../../src/domain/reports/weekly-contract'
import { checked, firstOf, isDuplicateKey, listOf, updatedCount } from '../db/results'
import type { Runtime } from '../runtime/runtime'
import { reportsSchema } from './collections'

const { collections } = reportsSchema

/** The figures a draft keeps, as the job read them from the stats documents (labels are added when shown). */
export interface WeeklyStoredFigures {
  received: number
  byCategory: Record<string, number>
  bySource: Record<string, number>
  own: HandlingRow
  peers: HandlingRow[]
  cards: { yellow: number; red: number }
  escalations: number
  hotspots: Array<{ id: string; label: string; count: number }>
}

export interface WeeklyMergedSection {
  communityId: string
  name: string
  version: number
  submittedAt: string
  submittedBy: string
  text: WeeklyText
}

export interface WeeklyRecord {
  _id: string
  kind: 'community' | 'street'
  gridId: string
  streetId: string
  districtId: string
  week: string
  dueDate: string
  /** When a community's report is late after: `submitByHour` Beijing time on the day it was drafted. */
  deadline: string
  /** Stored: draft until the first submission (or merge); superseded for the copies kept as history. */
  status: 'draft' | 'submitted' | 'merged' | 'superseded'
  version: number
  figures: WeeklyStoredFigures
  figuresAsOf: string | null
  draftedAt: string
  text: WeeklyText | null
  mergeText: string | null
  merged: WeeklyMergedSection[]
  missing: string[]
  submittedAt: string | null
  submittedBy: string | null
  submittedByName: string | null
  /** On the live document only: the versions it replaced, oldest first. */
  history: Array<{ version: number; submittedAt: string; submittedBy: string }>
}

export const weeklyIdOf = (gridId: string, week: string) => `${gridId}:${week}`
const historyIdOf = (id: string, version: number) => `${id}:v${version}`
const liveStatuses = ['draft', 'submitted', 'merged']

/** The only code that touches `weekly_report`. */
export class WeeklyStore {
  constructor(private readonly db: Db) {}

  private get docs() {
    return this.db.collection(collections.weeklyReport)
  }

  /** Live reports by id, in one request (never the copies kept as history). */
  async byIds(ids: readonly string[]): Promise<WeeklyRecord[]> {
    if (ids.length === 0) return []
    const _ = this.db.command
    return listOf<WeeklyRecord>(
      await this.docs
        .where({ _id: _.in([...ids]) })
        .limit(ids.length)
        .get(),
    ).filter((record) => liveStatuses.includes(record.status))
  }

  /** Which of these ids exist already, in one request (ids only). */
  async existing(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set()
    const docs = listOf<{ _id: string }>(
      await this.docs
        .where({ _id: this.db.command.in([...ids]) })
        .field({ _id: true })
        .limit(ids.length)
        .get(),
    )
    return new Set(docs.map((doc) => doc._id))
  }

  /** A street's (or a district's) live reports of a week, in one index read: at most 1000. */
  async ofWeek(scope: { streetId: string } | { districtId: string }, week: string): Promise<WeeklyRecord[]> {
    const _ = this.db.command
    return listOf<WeeklyRecord>(
      await this.docs
        .where({ ...scope, week, status: _.in(liveStatuses) })
        .orderBy('_id', 'asc')
        .limit(1000)
        .get(),
    )
  }

  /**
   * Inserts drafts, in one request; false when one of them exists already (a run that raced this one), in
   * which case none of this request's is written and the caller reads again.
   */
  async insertDrafts(drafts: readonly WeeklyRecord[]): Promise<boolean> {
    if (drafts.length === 0) return true
    try {
      checked(await this.docs.add([...drafts]))
      return true
    } catch (error) {
      if (isDuplicateKey(error)) return false
      throw error
    }
  }

  /**
   * Replaces a report's text (a submission, or a street's merge) over `before`: a report sent before keeps
   * its sent version as its superseded copy (keyed by the version, so a repeat writes the same copy again),
   * then the live document changes only while it is still at `before`'s version; false when another
   * submission came first.
   */
  async replace(before: WeeklyRecord, after: WeeklyRecord): Promise<boolean> {
    if (before.version > 0) {
      const { _id: _ignored, ...kept } = before
      checked(
        await this.docs
          .doc(historyIdOf(before._id, before.version))
          .set({ ...kept, status: 'superseded', history: [] }),
      )
    }
    const _ = this.db.command
    const { _id: id, ...fields } = after
    const result = await this.docs.where({ _id: id, version: before.version }).update({
      status: fields.status,
      version: fields.version,
      text: fields.text === null ? null : _.set(fields.text),
      mergeText: fields.mergeText,
      merged: _.set(fields.merged),
      missing: _.set(fields.missing),
      submittedAt: fields.submittedAt,
      submittedBy: fields.submittedBy,
      submittedByName: fields.submittedByName,
      history: _.set(fields.history),
    })
    return updatedCount(result) === 1
  }

  async get(id: string): Promise<WeeklyRecord | undefined> {
    return firstOf<WeeklyRecord>(await this.docs.doc(id).get())
  }
}

const storesByRuntime = new WeakMap<Runtime, WeeklyStore>()

export function weeklyStoreFor(runtime: Runtime): WeeklyStore {
  let store = storesByRuntime.get(runtime)
  if (!store) storesByRuntime.set(runtime, (store = new WeeklyStore(runtime.db)))
  return store
}
