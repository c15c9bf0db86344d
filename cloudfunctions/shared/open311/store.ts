import type { Db } from '@cloudbase/database'
import type { Actor } from '../../../src/domain/people/roles'
import { checked, firstOf, isDuplicateKey, queryPage, updatedCount, type PageRead } from '../db/results'
import type { Runtime } from '../runtime/runtime'
import { open311Schema } from './collections'

const { collections } = open311Schema

/** A registered api key (collection `open311_key`, by its key id): a hash of the key, never the key. */
export interface Open311KeyRecord {
  _id: string
  /** SHA-256 of the whole key, hex. */
  keyHash: string
  name: string
  contact: string
  districtId: string
  /** The district office who registered it, as they were then: the cases it posts are attributed to them. */
  owner: Actor & { nickname: string }
  registeredAt: string
  revokedAt: string | null
  revokedBy: string | null
}

/** The only code that touches the api keys. */
export class Open311Store {
  constructor(private readonly db: Db) {}

  private get keys() {
    return this.db.collection(collections.open311Key)
  }

  /** Inserts a new key; false when its id is taken (a collision of 48 random bits). */
  async register(record: Open311KeyRecord): Promise<boolean> {
    try {
      checked(await this.keys.add(record))
      return true
    } catch (error) {
      if (isDuplicateKey(error)) return false
      throw error
    }
  }

  async key(keyId: string): Promise<Open311KeyRecord | undefined> {
    return firstOf<Open311KeyRecord>(await this.keys.doc(keyId).get())
  }

  async list(districtId: string, page: number, pageSize: number): Promise<PageRead<Open311KeyRecord>> {
    return queryPage<Open311KeyRecord>(
      this.keys,
      { districtId },
      [
        ['registeredAt', 'desc'],
        ['_id', 'desc'],
      ],
      page,
      pageSize,
    )
  }

  /** Revokes a key of this district once: false when it is not one, or was revoked already. */
  async revoke(keyId: string, districtId: string, by: string, at: string): Promise<boolean> {
    const updated = await this.keys
      .where({ _id: keyId, districtId, revokedAt: null })
      .update({ revokedAt: at, revokedBy: by })
    return updatedCount(updated) === 1
  }
}

const storesByRuntime = new WeakMap<Runtime, Open311Store>()

export function open311StoreOf(runtime: Runtime): Open311Store {
  let store = storesByRuntime.get(runtime)
  if (!store) storesByRuntime.set(runtime, (store = new Open311Store(runtime.db)))
  return store
}
