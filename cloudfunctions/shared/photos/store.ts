import type { Db } from '@cloudbase/database'
import { photoSchema } from './collections'
import { checked, isDuplicateKey, listOf, updatedCount } from '../db/results'
import type { PhotoVerdict } from '../../../src/domain/content/screening'

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
  /**
   * WeChat's image check (mediaCheckAsync v2): the trace id its verdict will name (null when the check could
   * not be started), and the verdict so far. Absent on photos registered before the checks.
   */
  check?: PhotoCheck
}

export interface PhotoCheck {
  traceId: string | null
  verdict: PhotoVerdict
  label?: number
  at: string
  /** Staff who passed a photo WeChat held (`case.approveEvidence`), and when. */
  approvedBy?: string
  approvedAt?: string
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

  /** The photo a check's trace id names, in one read. */
  async byTraceId(traceId: string): Promise<PhotoRecord | undefined> {
    const result = await this.db
      .collection(collections.photo)
      .where({ 'check.traceId': traceId })
      .limit(1)
      .get()
    return listOf<PhotoRecord>(result)[0]
  }

  /** Photos by id, in one read (at most 1000). */
  async byIds(ids: readonly string[]): Promise<PhotoRecord[]> {
    if (ids.length === 0) return []
    const unique = [...new Set(ids)].slice(0, 1000)
    const result = await this.db
      .collection(collections.photo)
      .where({ _id: this.db.command.in(unique) })
      .limit(unique.length)
      .get()
    return listOf<PhotoRecord>(result)
  }

  /** Records a photo's verdict, once: a second push of the same verdict, or a late one, changes nothing. */
  async recordVerdict(photoId: string, check: PhotoCheck): Promise<boolean> {
    const result = await this.db
      .collection(collections.photo)
      .where({ _id: photoId, 'check.verdict': 'pending' })
      .update({ check })
    return updatedCount(result) > 0
  }

  /**
   * A person's judgement of a photo WeChat held: it passes from then on, with who judged it and when. Only
   * while the check still stands as it was read, so a verdict that arrived meanwhile is not overwritten.
   */
  async approveHeld(
    photoId: string,
    held: PhotoVerdict,
    approval: { by: string; at: string },
  ): Promise<boolean> {
    const result = await this.db
      .collection(collections.photo)
      .where({ _id: photoId, 'check.verdict': held })
      .update({ 'check.verdict': 'pass', 'check.approvedBy': approval.by, 'check.approvedAt': approval.at })
    return updatedCount(result) > 0
  }
}
