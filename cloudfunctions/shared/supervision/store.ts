import type { Db } from '@cloudbase/database'
import type { Bulletin, SupervisionNoteKind } from '../../../src/domain/supervision/contract'
import { checked, firstOf, insertOnce, isDuplicateKey, listOf } from '../db/results'
import type { Runtime } from '../runtime/runtime'
import { supervisionSchema } from './collections'

const { collections } = supervisionSchema

/** A note as stored: who wrote it, on which grid (and case), in which district. */
export interface SupervisionNoteRecord {
  _id: string
  districtId: string
  gridId: string
  kind: SupervisionNoteKind
  note: string
  caseId: string | null
  by: string
  byNickname: string
  at: string
}

/** A bulletin as stored (`<street>:<day>`), without the grid references the answer adds. */
export type BulletinRecord = Omit<Bulletin, 'street' | 'notes'> & {
  _id: string
  districtId: string
  notes: SupervisionNoteRecord[]
}

export const bulletinId = (streetId: string, day: string) => `${streetId}:${day}`

/** The only code that touches the supervision collections. */
export class SupervisionStore {
  constructor(private readonly db: Db) {}

  /** Records a note once by its id; a second request with the same id answers the first note. */
  async addNoteOnce(
    record: SupervisionNoteRecord,
  ): Promise<{ note: SupervisionNoteRecord; replayed: boolean }> {
    const notes = this.db.collection(collections.supervisionNote)
    try {
      checked(await notes.add(record))
      return { note: record, replayed: false }
    } catch (error) {
      if (!isDuplicateKey(error)) throw error
      const first = firstOf<SupervisionNoteRecord>(await notes.doc(record._id).get())
      if (!first) throw error
      return { note: first, replayed: true }
    }
  }

  /** A district's notes written in [from, to), oldest first (a day's are few; 1000 is CloudBase's most). */
  async notesBetween(districtId: string, from: string, to: string): Promise<SupervisionNoteRecord[]> {
    const _ = this.db.command
    return listOf<SupervisionNoteRecord>(
      await this.db
        .collection(collections.supervisionNote)
        .where({ districtId, at: _.gte(from).and(_.lt(to)) })
        .orderBy('at', 'asc')
        .orderBy('_id', 'asc')
        .limit(1000)
        .get(),
    )
  }

  async insertBulletins(records: BulletinRecord[]): Promise<void> {
    const bulletins = this.db.collection(collections.supervisionBulletin)
    for (let start = 0; start < records.length; start += 100)
      await insertOnce(bulletins, this.db.command, records.slice(start, start + 100))
  }

  /** The bulletins of these ids that exist, in one read. */
  async bulletins(ids: readonly string[]): Promise<BulletinRecord[]> {
    if (ids.length === 0) return []
    return listOf<BulletinRecord>(
      await this.db
        .collection(collections.supervisionBulletin)
        .where({ _id: this.db.command.in([...ids]) })
        .limit(ids.length)
        .get(),
    )
  }
}

const storesByRuntime = new WeakMap<Runtime, SupervisionStore>()

export function supervisionStoreFor(runtime: Runtime): SupervisionStore {
  let store = storesByRuntime.get(runtime)
  if (!store) storesByRuntime.set(runtime, (store = new SupervisionStore(runtime.db)))
  return store
}
