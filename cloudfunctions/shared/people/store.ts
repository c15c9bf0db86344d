import type { Db } from '@cloudbase/database'
import type { User } from '../../../src/domain/people/roles'
import { peopleSchema } from './collections'
import { checked, firstOf, isDuplicateKey, listOf } from '../db/results'

const { collections } = peopleSchema
/** CloudBase returns at most 1000 documents per read. */
const maxPerRead = 1000

/** Users are keyed by OPENID; a person seen for the first time becomes a resident. */
export class UserStore {
  constructor(private readonly db: Db) {}

  async get(openid: string): Promise<User | undefined> {
    return firstOf<User>(await this.db.collection(collections.user).doc(openid).get())
  }

  async getOrRegister(openid: string): Promise<User> {
    const existing = await this.get(openid)
    if (existing) return existing
    const fresh: User = {
      _id: openid,
      openid,
      nickname: '微信用户',
      role: 'resident',
      gridIds: [],
      points: 0,
    }
    try {
      checked(await this.db.collection(collections.user).add(fresh))
      return fresh
    } catch (error) {
      // Two first requests raced; the other one registered the person.
      if (isDuplicateKey(error)) return (await this.get(openid)) ?? fresh
      throw error
    }
  }

  /** Several people in one read by `_id` (a thousand per request). */
  async getMany(openids: readonly string[]): Promise<User[]> {
    const unique = [...new Set(openids)]
    const found: User[] = []
    for (let start = 0; start < unique.length; start += maxPerRead) {
      const ids = unique.slice(start, start + maxPerRead)
      const result = await this.db
        .collection(collections.user)
        .where({ _id: this.db.command.in(ids) })
        .limit(ids.length)
        .get()
      found.push(...listOf<User>(result))
    }
    return found
  }

  /** One request for a page's worth of people (a lookup by `_id`), not one per person. */
  async nicknames(openids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(openids)]
    if (unique.length === 0) return new Map()
    const found: User[] = []
    for (let start = 0; start < unique.length; start += maxPerRead) {
      const ids = unique.slice(start, start + maxPerRead)
      const result = await this.db
        .collection(collections.user)
        .where({ _id: this.db.command.in(ids) })
        .field({ openid: true, nickname: true })
        .limit(ids.length)
        .get()
      found.push(...listOf<User>(result))
    }
    return new Map(found.map((user) => [user.openid, user.nickname]))
  }

  /** People of the given roles who work in any of the given grids (at most `limit`). */
  async inGrids(roles: readonly string[], gridIds: readonly string[], limit = 100): Promise<User[]> {
    if (roles.length === 0 || gridIds.length === 0) return []
    const _ = this.db.command
    const result = await this.db
      .collection(collections.user)
      .where({ role: _.in([...roles]), gridIds: _.in([...gridIds]) })
      .limit(limit)
      .get()
    return listOf<User>(result)
  }
}
