import type { Db } from '@cloudbase/database'
import { photoSchema } from './collections'
import { checked, isDuplicateKey, listOf } from '../db/results'

const { collections } = photoSchema

/** A registered photo: who uploaded it, the upload, and the copy without metadata that cases name. */
export interface PhotoRecord {
  /** photoIdFor(upload). */
  _id: string
  owner: string
  /** The upload's fileID, in the owner's folder. */
  upload: string
  /** The stored copy without metadata. */
  fileID: string
  contentType: string
  bytes: number
  registeredAt: string
}

/** The only code that touches the `photo` collection. */
export class PhotoStore {
  constructor(private readonly db: Db) {}

  /** Records a registration; one already recorded for the same upload stands (a retried register). */
  async record(photo: PhotoRecord): Promise<void> {
    try {
      checked(await this.db.collection(collections.photo).add(photo))
    } catch (error) {
      if (!isDuplicateKey(error)) throw error
    }
  }

  /** Those of the given photos that `owner` registered, in one read. */
  async ownedBy(owner: string, ids: readonly string[]): Promise<PhotoRecord[]> {
    if (ids.length === 0) return []
    const unique = [...new Set(ids)]
    const result = await this.db
      .collection(collections.photo)
      .where({ owner, _id: this.db.command.in(unique) })
      .limit(unique.length)
      .get()
    return listOf<PhotoRecord>(result)
  }
}
