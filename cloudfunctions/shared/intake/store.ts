import type { Db } from '@cloudbase/database'
import type { StateChange, StationAirState } from '../../../src/domain/intake/episode'
import type { Reading } from '../../../src/domain/intake/reading'
import { intakeSchema } from './collections'
import {
  checked,
  firstOf,
  isDuplicateKey,
  listOf,
  queryPage,
  updatedCount,
  type PageRead,
} from '../db/results'

const { collections } = intakeSchema

/** A registered monitoring station (collection `station`): where it stands (GCJ-02) and its air state. */
export interface StationRecord extends StationAirState {
  _id: string
  name: string
  location: { lng: number; lat: number }
  address: string
  gridId: string
  gridPath: string[]
  /** Which derivation of the secret the station holds (see secrets.ts); the secret itself is never stored. */
  secretGeneration: number
  secretFingerprint: string
  registeredBy: string
  registeredAt: string
  /** The case the open episode filed, once filed. */
  caseId: string | null
}

/** One point of an episode's curve. */
export interface CurvePoint {
  at: string
  pm25: number
  pm10: number
}

/** An episode over the threshold (collection `sensor_episode`), keyed by its station and its streak's start. */
export interface EpisodeRecord {
  _id: string
  stationId: string
  stationName: string
  caseId: string
  since: string
  openedAt: string
  closedAt: string | null
  /** The latest readings, oldest first, cut to the configured length. */
  curve: CurvePoint[]
  readingCount: number
  peakPm25: number
  peakPm10: number
}

const insertedOnce = async (write: () => Promise<unknown>): Promise<boolean> => {
  try {
    checked(await write())
    return true
  } catch (error) {
    if (isDuplicateKey(error)) return false
    throw error
  }
}

/** The only code that touches stations, their readings and their episodes. */
export class IntakeStore {
  constructor(private readonly db: Db) {}

  private get stations() {
    return this.db.collection(collections.station)
  }

  private get episodes() {
    return this.db.collection(collections.sensorEpisode)
  }

  async station(stationId: string): Promise<StationRecord | undefined> {
    return firstOf<StationRecord>(await this.stations.doc(stationId).get())
  }

  /** One page of the stations under a grid (a district), newest registration first. */
  listStations(gridId: string, page: number, pageSize: number): Promise<PageRead<StationRecord>> {
    const _ = this.db.command
    return queryPage(
      this.stations,
      { gridPath: _.in([gridId]) },
      [
        ['registeredAt', 'desc'],
        ['_id', 'desc'],
      ],
      page,
      pageSize,
    )
  }

  /** False when a station of that id is registered already. */
  registerStation(record: StationRecord): Promise<boolean> {
    return insertedOnce(() => this.stations.add(record))
  }

  /**
   * Keeps a reading, keyed by station and nonce: the one write every accepted reading makes, and the replay
   * guard (false when that nonce was seen, and nothing is written).
   */
  recordReading(stationId: string, nonce: string, reading: Reading, receivedAt: string): Promise<boolean> {
    const { stationId: _sent, ...fields } = reading
    return insertedOnce(() =>
      this.db
        .collection(collections.stationReading)
        .add({ _id: `${stationId}:${nonce}`, stationId, ...fields, receivedAt }),
    )
  }

  /** Applies a change to a station's air state while it still holds what was decided on; false if it moved. */
  async changeState(stationId: string, change: StateChange, extra: { caseId?: string | null } = {}) {
    const set: Record<string, unknown> = { ...change.set, ...extra }
    // A closed episode's case is no longer the station's.
    if (change.set.episodeId === null) set.caseId = null
    const result = await this.stations.where({ _id: stationId, ...change.expect }).update(set)
    return updatedCount(result) === 1
  }

  /** Opens an episode, once: of every invocation that decides to open the same one, exactly one inserts it. */
  openEpisode(record: EpisodeRecord): Promise<boolean> {
    return insertedOnce(() => this.episodes.add(record))
  }

  /** Adds a reading to an episode's curve (keeping the latest `limit`), its count and its peaks: one update. */
  async attach(episodeId: string, point: CurvePoint, limit: number): Promise<boolean> {
    return updatedCount(await this.episodes.doc(episodeId).update(this.attachment(point, limit))) === 1
  }

  /** Like `attach`, answering when the episode was opened (same one request), for a reader that must know. */
  async attachAndRead(
    episodeId: string,
    point: CurvePoint,
    limit: number,
  ): Promise<{ openedAt: string } | null> {
    const result = (await this.episodes
      .where({ _id: episodeId })
      .updateAndReturn(this.attachment(point, limit))) as { doc?: EpisodeRecord | null }
    const doc = checked(result).doc
    return doc ? { openedAt: doc.openedAt } : null
  }

  private attachment(point: CurvePoint, limit: number) {
    const _ = this.db.command
    return {
      curve: _.push({ each: [point], slice: -limit }),
      readingCount: _.inc(1),
      peakPm25: _.max(point.pm25),
      peakPm10: _.max(point.pm10),
    }
  }

  async closeEpisode(episodeId: string, at: string): Promise<void> {
    checked(await this.episodes.where({ _id: episodeId, closedAt: null }).update({ closedAt: at }))
  }

  async episodeOfCase(caseId: string): Promise<EpisodeRecord | undefined> {
    return listOf<EpisodeRecord>(await this.episodes.where({ caseId }).limit(1).get())[0]
  }
}
