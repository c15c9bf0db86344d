import type { Db } from '@cloudbase/database'
import type { AssessmentRules } from '../../../src/domain/assessment/rules'
import type { AssessedLeague } from '../../../src/domain/assessment/leagues'
import { checked, firstOf, isDuplicateKey, listOf, updatedCount } from '../db/results'
import type { Runtime } from '../runtime/runtime'
import { assessmentSchema } from './collections'

const { collections } = assessmentSchema

export interface AssessmentRecord {
  _id: string
  districtId: string
  month: string
  /** When the month ends (exclusive, UTC): a draft made before it cannot be published. */
  monthEnd: string
  status: 'draft' | 'published' | 'superseded'
  version: number
  weights: AssessmentRules['indicators']
  leagues: AssessedLeague[]
  figuresAsOf: string | null
  draftedAt: string
  draftedBy: string
  draftedByName: string
  publishedAt: string | null
  publishedBy: string | null
  publishedByName: string | null
  /** On the month's document only: the drafts it replaced, oldest first. */
  history: Array<{ version: number; draftedAt: string; draftedBy: string }>
}

export const assessmentIdOf = (districtId: string, month: string) => `${districtId}:${month}`
const historyIdOf = (id: string, version: number) => `${id}:v${version}`

/** The only code that touches `assessment`. */
export class AssessmentStore {
  constructor(private readonly db: Db) {}

  private get docs() {
    return this.db.collection(collections.assessment)
  }

  async get(id: string): Promise<AssessmentRecord | undefined> {
    return firstOf<AssessmentRecord>(await this.docs.doc(id).get())
  }

  /**
   * Writes a draft over `before` (the month's document as read, or nothing); false when someone else wrote
   * the month first (or published it). A first draft is an insert, which a concurrent one makes fail. A
   * redraft first keeps `before` as its superseded copy (keyed by its version, so a repeat writes the same
   * copy again), then replaces the month's document only while it is still `before`: two requests, and a
   * copy left by a redraft that lost is still a true copy of that version.
   */
  async saveDraft(before: AssessmentRecord | undefined, draft: AssessmentRecord): Promise<boolean> {
    const { _id: id, ...fields } = draft
    if (!before) {
      try {
        checked(await this.docs.add({ _id: id, ...fields }))
        return true
      } catch (error) {
        if (isDuplicateKey(error)) return false
        throw error
      }
    }
    const { _id: _ignored, ...kept } = before
    checked(
      await this.docs
        .doc(historyIdOf(id, before.version))
        .set({ ...kept, status: 'superseded', history: [] }),
    )
    const _ = this.db.command
    const result = await this.docs.where({ _id: id, status: 'draft', version: before.version }).update({
      ...fields,
      // Whole values, not merged into the old ones.
      weights: _.set(fields.weights),
      leagues: _.set(fields.leagues),
      history: _.set(fields.history),
    })
    return updatedCount(result) === 1
  }

  /** Publishes exactly the reviewed version, once; false when it changed or was published meanwhile. */
  async publish(
    before: AssessmentRecord,
    fields: Pick<AssessmentRecord, 'publishedAt' | 'publishedBy' | 'publishedByName'>,
  ): Promise<boolean> {
    const result = await this.docs
      .where({ _id: before._id, status: 'draft', version: before.version })
      .update({ ...fields, status: 'published' })
    return updatedCount(result) === 1
  }

  /** A district's months, newest first, in the statuses given (never the superseded copies). */
  async months(
    districtIds: readonly string[],
    statuses: ReadonlyArray<'draft' | 'published'>,
    limit: number,
  ): Promise<AssessmentRecord[]> {
    const _ = this.db.command
    return listOf<AssessmentRecord>(
      await this.docs
        .where({ districtId: _.in([...districtIds]), status: _.in([...statuses]) })
        .orderBy('month', 'desc')
        .orderBy('_id', 'asc')
        .limit(limit)
        .get(),
    )
  }

  /** The months' documents by id, in one request. */
  async byIds(ids: readonly string[]): Promise<AssessmentRecord[]> {
    return listOf<AssessmentRecord>(
      await this.docs
        .where({ _id: this.db.command.in([...ids]) })
        .limit(ids.length)
        .get(),
    )
  }
}

const storesByRuntime = new WeakMap<Runtime, AssessmentStore>()

export function assessmentStoreFor(runtime: Runtime): AssessmentStore {
  let store = storesByRuntime.get(runtime)
  if (!store) storesByRuntime.set(runtime, (store = new AssessmentStore(runtime.db)))
  return store
}
