import type { Db } from '@cloudbase/database'
import type { User } from '../../../src/domain/people/roles'
import { peopleSchema } from './collections'
import { checked, firstOf, isDuplicateKey, listOf, updatedCount } from '../db/results'
import { LostRace, retry } from '../db/retry'

const { collections } = peopleSchema
/** CloudBase returns at most 1000 documents per read. */
const maxPerRead = 1000

/** Rounds for a person's quota: their simultaneous submissions take places one per round. */
const quotaRetry = { attempts: 50 }

/** The rate-limited uses a person's document counts. */
export type QuotaField = 'submitQuota' | 'nearbyQuota' | 'siteNearbyQuota'
export type QuotaOutcome = { taken: true } | { taken: false; full: 'hour' | 'day' }

/** Users are keyed by OPENID; a person seen for the first time becomes a resident. */
export class UserStore {
  constructor(private readonly db: Db) {}

  async get(openid: string): Promise<User | undefined> {
    return firstOf<User>(await this.db.collection(collections.user).doc(openid).get())
  }

  async getOrRegister(openid: string): Promise<User> {
    return (await this.get(openid)) ?? this.register(openid)
  }

  /** Registers a person seen for the first time as a resident (with their first write, if it is one). */
  private async register(openid: string, writeWindow?: string[]): Promise<User> {
    const fresh: User = {
      _id: openid,
      openid,
      nickname: '微信用户',
      role: 'resident',
      gridIds: [],
      points: 0,
      ...(writeWindow ? { writeWindow } : {}),
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

  /** Takes one submission from the person's quota for this hour and Beijing day (see takeQuota). */
  takeSubmitQuota(
    user: User,
    window: { hour: string; day: string },
    limits: { perHour: number; perDay: number },
  ): Promise<QuotaOutcome> {
    return this.takeQuota(user, 'submitQuota', window, limits)
  }

  /**
   * Takes one use from one of the person's quotas for this hour and Beijing day, as a compare-and-set on the
   * quota's `seq` as `user` holds it: one write normally, a re-read only when another use of theirs changed
   * it first. Refused (nothing changed) when either window is full.
   */
  async takeQuota(
    user: User,
    field: QuotaField,
    window: { hour: string; day: string },
    limits: { perHour: number; perDay: number },
  ): Promise<QuotaOutcome> {
    const _ = this.db.command
    let current: User | undefined = user
    return retry(async () => {
      current ??= await this.get(user.openid)
      const quota = current?.[field]
      current = undefined
      const hourCount = quota?.hour === window.hour ? quota.hourCount : 0
      const dayCount = quota?.day === window.day ? quota.dayCount : 0
      if (hourCount >= limits.perHour) return { taken: false, full: 'hour' } as const
      if (dayCount >= limits.perDay) return { taken: false, full: 'day' } as const
      const next = {
        seq: (quota?.seq ?? 0) + 1,
        hour: window.hour,
        hourCount: hourCount + 1,
        day: window.day,
        dayCount: dayCount + 1,
      }
      const result = await this.db
        .collection(collections.user)
        .where({ _id: user._id, [`${field}.seq`]: quota?.seq ?? null })
        .update({ [field]: _.set(next) })
      if (updatedCount(result) !== 1) throw new LostRace()
      return { taken: true } as const
    }, quotaRetry)
  }

  /**
   * Adds a registered photo to the person's recent ones, keeping the latest `keep`; the verdicts of the
   * photos that drop out of the list go with them (`dropping`, the photo ids the caller found at its end).
   */
  async rememberPhoto(
    openid: string,
    fileID: string,
    keep: number,
    dropping: readonly string[] = [],
    known?: { photoId: string; verdict: string },
  ): Promise<void> {
    const _ = this.db.command
    const checks: Record<string, unknown> = Object.fromEntries(
      dropping.map((id) => [`photoChecks.${id}`, _.remove()]),
    )
    if (known) checks[`photoChecks.${known.photoId}`] = known.verdict
    checked(
      await this.db
        .collection(collections.user)
        .doc(openid)
        .update({ recentPhotos: _.push({ each: [fileID], slice: -keep }), ...checks }),
    )
  }

  /** A recent photo's verdict from WeChat, on its uploader's document (see `User.photoChecks`). */
  async rememberPhotoCheck(openid: string, photoId: string, verdict: string): Promise<void> {
    checked(
      await this.db
        .collection(collections.user)
        .doc(openid)
        .update({ [`photoChecks.${photoId}`]: verdict }),
    )
  }

  /** Gives back a submission taken from the quota whose case was not stored after all. */
  async returnSubmitQuota(openid: string, window: { hour: string; day: string }): Promise<void> {
    const _ = this.db.command
    checked(
      await this.db
        .collection(collections.user)
        .where({ _id: openid, 'submitQuota.hour': window.hour, 'submitQuota.day': window.day })
        .update({
          'submitQuota.seq': _.inc(1),
          'submitQuota.hourCount': _.inc(-1),
          'submitQuota.dayCount': _.inc(-1),
        }),
    )
  }

  /**
   * The caller and other people an action needs, in one read by `_id`; the caller is registered when seen
   * for the first time.
   */
  async getOrRegisterWith(
    openid: string,
    others: readonly string[],
  ): Promise<{ user: User; people: Map<string, User> }> {
    if (others.length === 0) return { user: await this.getOrRegister(openid), people: new Map() }
    const found = new Map((await this.readByIds([openid, ...others])).map((user) => [user.openid, user]))
    const user = found.get(openid) ?? (await this.getOrRegister(openid))
    found.delete(openid)
    return { user, people: found }
  }

  /**
   * The caller of a write, with a place taken in their sliding write window, in the one request the router
   * makes for the caller anyway: a conditional update that appends now to the latest write times (keeping
   * the newest `perWindow`) only while fewer than `perWindow` of them fall inside the window, and answers
   * the document. Null when the window is full (nothing changed). The people named are read alongside
   * (a second request, only for the actions that name any). A person seen for the first time is registered
   * with this write as their first.
   */
  async takeWriteWith(
    openid: string,
    others: readonly string[],
    at: Date,
    limit: { perWindow: number; windowSeconds: number },
  ): Promise<{ user: User; people: Map<string, User> } | null> {
    const [user, found] = await Promise.all([
      this.takeWrite(openid, at, limit),
      others.length > 0 ? this.readByIds(others) : Promise.resolve([]),
    ])
    if (!user) return null
    return { user, people: new Map(found.filter((p) => p.openid !== openid).map((p) => [p.openid, p])) }
  }

  private async takeWrite(
    openid: string,
    at: Date,
    { perWindow, windowSeconds }: { perWindow: number; windowSeconds: number },
  ): Promise<User | null> {
    const _ = this.db.command
    const now = at.toISOString()
    const cutoff = new Date(at.getTime() - windowSeconds * 1000).toISOString()
    const users = this.db.collection(collections.user)
    return retry(
      async () => {
        // Room in the window: fewer than perWindow writes kept, or the oldest kept one has left the window.
        const result = (await users
          .where(
            _.or([
              { _id: openid, [`writeWindow.${perWindow - 1}`]: _.exists(false) },
              { _id: openid, 'writeWindow.0': _.lte(cutoff) },
            ]),
          )
          .updateAndReturn({ writeWindow: _.push({ each: [now], slice: -perWindow }) })) as {
          doc?: User | null
        }
        const doc = checked(result).doc
        if (doc) return doc
        const existing = await this.get(openid)
        if (!existing) {
          const fresh = await this.register(openid, [now])
          if (fresh.writeWindow?.includes(now)) return fresh
          throw new LostRace()
        }
        const times = existing.writeWindow ?? []
        const full = times.length >= perWindow && times[times.length - perWindow]! > cutoff
        // A write of theirs left the window between the two reads: try again for its place.
        if (!full) throw new LostRace()
        return null
      },
      { attempts: 5 },
    )
  }

  /** Several people in one read by `_id` (a thousand per request). */
  getMany(openids: readonly string[]): Promise<User[]> {
    return this.readByIds(openids)
  }

  /** One request for a page's worth of people (a lookup by `_id`), not one per person. */
  async nicknames(openids: string[]): Promise<Map<string, string>> {
    const found = await this.readByIds(openids, { openid: true, nickname: true })
    return new Map(found.map((user) => [user.openid, user.nickname]))
  }

  private async readByIds(openids: readonly string[], fields?: Record<string, boolean>): Promise<User[]> {
    const unique = [...new Set(openids)]
    const found: User[] = []
    for (let start = 0; start < unique.length; start += maxPerRead) {
      const ids = unique.slice(start, start + maxPerRead)
      const query = this.db.collection(collections.user).where({ _id: this.db.command.in(ids) })
      const result = await (fields ? query.field(fields) : query).limit(ids.length).get()
      found.push(...listOf<User>(result))
    }
    return found
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
