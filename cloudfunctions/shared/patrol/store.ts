import type { Db } from '@cloudbase/database'
import { patrolSchema } from './collections'
import { checked, firstOf, isDuplicateKey } from '../db/results'

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
}
