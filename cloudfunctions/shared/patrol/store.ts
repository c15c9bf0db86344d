import type { Db } from '@cloudbase/database'
import { patrolSchema } from './collections'
import { checked, firstOf, isDuplicateKey, listOf, updatedCount } from '../db/results'
import type { CoverageCell, PatrolRound, TrackPoint } from '../../../src/domain/patrol/rounds'
import { patrolFigureNames, patrolRollupId, type PatrolFigures } from '../../../src/domain/patrol/rollup'
import { periodKindOf } from '../../../src/domain/shared/time'

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

/**
 * A node's patrol figures in one period as the projection keeps them, with the first check-in counted in
 * it and the last (`upTo`): every write moves `upTo` on, guarded by the value it was read at.
 */
export interface PatrolPeriodDoc extends PatrolFigures {
  _id: string
  node: string
  period: string
  periodKind: string
  first: string
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

  /** Rounds' tracks by round id (rounds not found are absent), a thousand per request. */
  async tracks(ids: readonly string[]): Promise<Map<string, TrackPoint[]>> {
    const found = new Map<string, TrackPoint[]>()
    for (let start = 0; start < ids.length; start += 1000) {
      const chunk = ids.slice(start, start + 1000)
      const rounds = listOf<{ _id: string; track?: TrackPoint[] }>(
        await this.db
          .collection(collections.patrolRound)
          .where({ _id: this.db.command.in([...chunk]) })
          .field({ _id: true, track: true })
          .limit(chunk.length)
          .get(),
      )
      for (const round of rounds) found.set(round._id, round.track ?? [])
    }
    return found
  }

  /** Where each existing period document stands (its first and last check-in), by id; a thousand per request. */
  async periodPositions(ids: readonly string[]): Promise<Map<string, { first: string; upTo: string }>> {
    const found = new Map<string, { first: string; upTo: string }>()
    for (let start = 0; start < ids.length; start += 1000) {
      const chunk = ids.slice(start, start + 1000)
      const docs = listOf<{ _id: string; first: string; upTo: string }>(
        await this.db
          .collection(collections.patrolPeriod)
          .where({ _id: this.db.command.in([...chunk]) })
          .field({ _id: true, first: true, upTo: true })
          .limit(chunk.length)
          .get(),
      )
      for (const doc of docs) found.set(doc._id, { first: doc.first, upTo: doc.upTo })
    }
    return found
  }

  /** New period documents, a thousand per request; one that exists already fails the whole write. */
  async insertPeriods(docs: readonly PatrolPeriodDoc[]): Promise<void> {
    for (let start = 0; start < docs.length; start += 1000)
      checked(
        await this.db
          .collection(collections.patrolPeriod)
          .add(docs.slice(start, start + 1000) as PatrolPeriodDoc[]),
      )
  }

  /** Adds to a period document and moves it from `from` to `to`, while it still stands at `from`. */
  async advancePeriod(
    id: string,
    from: string,
    to: string,
    figures: PatrolFigures,
    now: Date,
  ): Promise<boolean> {
    const _ = this.db.command
    const data: Record<string, unknown> = { upTo: to, updatedAt: now.toISOString() }
    for (const name of patrolFigureNames) if (figures[name] !== 0) data[name] = _.inc(figures[name])
    const result = await this.db
      .collection(collections.patrolPeriod)
      .where({ _id: id, upTo: from })
      .update(data)
    return updatedCount(result) === 1
  }

  /** A node's patrol figures in a period, and when they last changed; nothing when never patrolled. */
  async periodFigures(nodeId: string, period: string): Promise<PatrolPeriodDoc | undefined> {
    return firstOf<PatrolPeriodDoc>(
      await this.db.collection(collections.patrolPeriod).doc(patrolRollupId(nodeId, period)).get(),
    )
  }
}

/** A period document as first written. */
export function newPeriodDoc(
  id: string,
  node: string,
  period: string,
  first: string,
  upTo: string,
  figures: PatrolFigures,
  now: Date,
): PatrolPeriodDoc {
  return {
    _id: id,
    node,
    period,
    periodKind: periodKindOf(period) ?? '',
    first,
    upTo,
    updatedAt: now.toISOString(),
    ...figures,
  }
}
