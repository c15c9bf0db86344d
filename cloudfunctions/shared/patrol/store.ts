import type { Db } from '@cloudbase/database'
import { patrolSchema } from './collections'
import { checked, firstOf, isDuplicateKey, listOf, updatedCount } from '../db/results'
import type { CoverageCell, PatrolRound } from '../../../src/domain/patrol/rounds'

const { collections } = patrolSchema

/** One patrol check-in (巡查打卡) as stored: where, when, the photos, and the grid it fell in (GCJ-02). */
export interface PatrolRecord {
  _id: string
  openid: string
  role: string
  at: string
  location: { lng: number; lat: number }
  accuracyMeters: number | null
  photos: string[]
  note: string
  gridId: string
  gridPath: string[]
  requestKey: string
  /** The round the check-in is part of; absent on single check-ins (and on every check-in before rounds). */
  roundId?: string | null
}

/** A round as stored: the domain's round, and a version for its conditional writes. */
export interface PatrolRoundRecord extends PatrolRound {
  version: number
}

/** One grid's coverage on one day as the projection saved it, with the last check-in it counted. */
export interface CoverageDoc extends CoverageCell {
  _id: string
  gridPath: string[]
  upTo: string
  updatedAt: string
}

/** The only code that touches the `patrol` collection. */
export class PatrolStore {
  constructor(private readonly db: Db) {}

  async get(id: string): Promise<PatrolRecord | undefined> {
    return firstOf<PatrolRecord>(await this.db.collection(collections.patrol).doc(id).get())
  }

  /** Adds a check-in; false when one with the same id is there already (a retried request). */
  async insert(record: PatrolRecord): Promise<boolean> {
    try {
      checked(await this.db.collection(collections.patrol).add(record))
      return true
    } catch (error) {
      if (isDuplicateKey(error)) return false
      throw error
    }
  }

  async getRound(id: string): Promise<PatrolRoundRecord | undefined> {
    return firstOf<PatrolRoundRecord>(await this.db.collection(collections.patrolRound).doc(id).get())
  }

  /** The walker's latest round (by start), if any. */
  async latestRound(openid: string): Promise<PatrolRoundRecord | undefined> {
    const result = await this.db
      .collection(collections.patrolRound)
      .where({ openid })
      .orderBy('startedAt', 'desc')
      .limit(1)
      .get()
    return listOf<PatrolRoundRecord>(result)[0]
  }

  /** Adds a round; false when one with the same id is there already (a retried request). */
  async insertRound(record: PatrolRoundRecord): Promise<boolean> {
    try {
      checked(await this.db.collection(collections.patrolRound).add(record))
      return true
    } catch (error) {
      if (isDuplicateKey(error)) return false
      throw error
    }
  }

  /** Writes a round's change while it is still the version read; false when another write came first. */
  async updateRound(
    round: PatrolRoundRecord,
    set: Partial<Omit<PatrolRoundRecord, '_id' | 'version'>>,
  ): Promise<boolean> {
    const result = await this.db
      .collection(collections.patrolRound)
      .where({ _id: round._id, version: round.version })
      .update({ ...set, version: round.version + 1 })
    return updatedCount(result) === 1
  }

  /**
   * Check-ins after a position (`at`, then `_id`) up to `toAt`, in that order, at most `limit`: those at the
   * position's instant with a later id first, then those after it.
   */
  async checkInsAfter(
    after: { at: string; id: string } | undefined,
    toAt: string,
    limit: number,
  ): Promise<PatrolRecord[]> {
    const _ = this.db.command
    const patrol = this.db.collection(collections.patrol)
    const same = after
      ? listOf<PatrolRecord>(
          await patrol
            .where({ at: after.at, _id: _.gt(after.id) })
            .orderBy('_id', 'asc')
            .limit(limit)
            .get(),
        )
      : []
    if (same.length >= limit) return same
    const later = listOf<PatrolRecord>(
      await patrol
        .where({ at: after ? _.gt(after.at).and(_.lte(toAt)) : _.lte(toAt) })
        .orderBy('at', 'asc')
        .orderBy('_id', 'asc')
        .limit(limit - same.length)
        .get(),
    )
    return [...same, ...later]
  }

  async coverage(ids: readonly string[]): Promise<Map<string, CoverageDoc>> {
    const found = new Map<string, CoverageDoc>()
    if (ids.length === 0) return found
    const docs = listOf<CoverageDoc>(
      await this.db
        .collection(collections.patrolCoverage)
        .where({ _id: this.db.command.in([...ids]) })
        .limit(ids.length)
        .get(),
    )
    for (const doc of docs) found.set(doc._id, doc)
    return found
  }

  /** A day's coverage cells (one per grid patrolled that day). */
  async coverageOfDay(dayKey: string): Promise<CoverageDoc[]> {
    return listOf<CoverageDoc>(
      await this.db.collection(collections.patrolCoverage).where({ dayKey }).limit(1000).get(),
    )
  }

  /** Writes a cell: inserted when new, else replaced while it still stands at `from`; false when it moved. */
  async saveCoverage(doc: CoverageDoc, from: string | undefined): Promise<boolean> {
    const coverage = this.db.collection(collections.patrolCoverage)
    if (from === undefined) {
      try {
        checked(await coverage.add(doc))
        return true
      } catch (error) {
        if (isDuplicateKey(error)) return false
        throw error
      }
    }
    const { _id, ...fields } = doc
    return updatedCount(await coverage.where({ _id, upTo: from }).update(fields)) === 1
  }
}
