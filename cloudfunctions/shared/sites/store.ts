import type { Db } from '@cloudbase/database'
import type { SiteFields } from '../../../src/domain/sites/contract'
import type { SiteMarks } from '../../../src/domain/sites/rules'
import type { SiteStatus } from '../../../src/domain/sites/rules'
import {
  checked,
  firstOf,
  insertOnce,
  isDuplicateKey,
  listOf,
  queryPage,
  totalOf,
  updatedCount,
  type PageRead,
} from '../db/results'
import type { Runtime } from '../runtime/runtime'
import { siteSchema } from './collections'

const { collections } = siteSchema

/** A registered site as stored: its fields, where it lies, the marks its colour is read from, who changed it. */
export interface SiteRecord extends SiteFields, SiteMarks {
  _id: string
  districtId: string
  /** The key the site's id derives from (rules.ts naturalKeyOf), fixed when it was first registered. */
  naturalKey: string
  placeCell: string
  gridId: string
  gridPath: string[]
  version: number
  source: 'form' | 'import'
  createdAt: string
  createdBy: string
  updatedAt: string
  updatedBy: string
  /** The request that created it (form), so that a retried create is told apart from a duplicate. */
  requestKey: string
}

/** One case in a site's history, as linked. */
export interface SiteCaseRecord {
  _id: string
  siteId: string
  caseId: string
  caseNo: string
  categoryId: string
  description: string
  reportedAt: string
  linkedAt: string
  linkedBy: string
  linkedByNickname: string
}

/** A list's colour filter, as ranges over the marks at one cutoff (see rules.ts). */
export type StatusRange = { status: SiteStatus; cutoff: string } | undefined

/** How many sites an import reads or inserts per request. */
const batchSize = 100
/** Suggestions read at most this many sites from the cells around a place, then keep the nearest. */
const nearbyCandidateLimit = 100

/** The only code that touches the `site` and `site_case` collections. */
export class SiteStore {
  constructor(private readonly db: Db) {}

  private get sites() {
    return this.db.collection(collections.site)
  }

  async get(id: string): Promise<SiteRecord | undefined> {
    return firstOf<SiteRecord>(await this.sites.doc(id).get())
  }

  /** Sites by id, in batches of a hundred (an import's existing rows). */
  async getMany(ids: readonly string[]): Promise<Map<string, SiteRecord>> {
    const found = new Map<string, SiteRecord>()
    const _ = this.db.command
    for (let start = 0; start < ids.length; start += batchSize) {
      const chunk = ids.slice(start, start + batchSize)
      const rows = listOf<SiteRecord>(
        await this.sites
          .where({ _id: _.in([...chunk]) })
          .limit(chunk.length)
          .get(),
      )
      for (const row of rows) found.set(row._id, row)
    }
    return found
  }

  /** Adds a site; false when one with its id is there already (a retry, or the same site registered before). */
  async insert(record: SiteRecord): Promise<boolean> {
    try {
      checked(await this.sites.add(record))
      return true
    } catch (error) {
      if (isDuplicateKey(error)) return false
      throw error
    }
  }

  /** Adds new sites in batches; any already there (a repeated import racing itself) are left as they are. */
  async insertMany(records: readonly SiteRecord[]): Promise<void> {
    for (let start = 0; start < records.length; start += batchSize)
      await insertOnce(this.sites, this.db.command, records.slice(start, start + batchSize))
  }

  /** Writes a change to a site read at `version`; false when another change landed first. */
  async update(before: SiteRecord, patch: Partial<SiteRecord>): Promise<boolean> {
    const { _id: _ignored, ...fields } = patch
    const result = await this.sites
      .where({ _id: before._id, version: before.version })
      .update({ ...fields, version: before.version + 1 })
    return updatedCount(result) === 1
  }

  /** One page of the sites under any of `gridIds`, of the given types, optionally of one colour. */
  async list(
    gridIds: readonly string[],
    types: readonly string[],
    range: StatusRange,
    page: number,
    pageSize: number,
  ): Promise<PageRead<SiteRecord>> {
    const _ = this.db.command
    const scope = { gridPath: _.in([...gridIds]), type: _.in([...types]) }
    if (!range)
      return queryPage(
        this.sites,
        scope,
        [
          ['updatedAt', 'desc'],
          ['_id', 'desc'],
        ],
        page,
        pageSize,
      )
    if (range.status === 'red')
      return queryPage(
        this.sites,
        { ...scope, redMark: _.gte(range.cutoff) },
        [
          ['redMark', 'desc'],
          ['_id', 'desc'],
        ],
        page,
        pageSize,
      )
    const marks =
      range.status === 'yellow'
        ? { yellowMark: _.gte(range.cutoff), redMark: _.lt(range.cutoff) }
        : { yellowMark: _.lt(range.cutoff) }
    return queryPage(
      this.sites,
      { ...scope, ...marks },
      [
        ['yellowMark', 'desc'],
        ['redMark', 'desc'],
        ['_id', 'desc'],
      ],
      page,
      pageSize,
    )
  }

  /** Sites lying in any of these place cells (at most a hundred). */
  async inCells(cells: readonly string[]): Promise<SiteRecord[]> {
    const _ = this.db.command
    return listOf<SiteRecord>(
      await this.sites
        .where({ placeCell: _.in([...cells]) })
        .orderBy('_id', 'asc')
        .limit(nearbyCandidateLimit)
        .get(),
    )
  }

  /** Files a case in a site's history, once: a link filed before (a retried request) is left as it is. */
  async putLink(link: SiteCaseRecord): Promise<void> {
    try {
      checked(await this.db.collection(collections.siteCase).add(link))
    } catch (error) {
      if (!isDuplicateKey(error)) throw error
    }
  }

  /** A site's newest linked cases, newest report first. */
  async history(siteId: string, limit: number): Promise<SiteCaseRecord[]> {
    return listOf<SiteCaseRecord>(
      await this.db
        .collection(collections.siteCase)
        .where({ siteId })
        .orderBy('reportedAt', 'desc')
        .orderBy('_id', 'desc')
        .limit(limit)
        .get(),
    )
  }

  /** How many cases are linked to a site. */
  async historyCount(siteId: string): Promise<number> {
    return totalOf(await this.db.collection(collections.siteCase).where({ siteId }).count())
  }
}

const storesByRuntime = new WeakMap<Runtime, SiteStore>()

/** The site store of a runtime (one per warm instance, like the others). */
export function siteStoreFor(runtime: Runtime): SiteStore {
  let store = storesByRuntime.get(runtime)
  if (!store) storesByRuntime.set(runtime, (store = new SiteStore(runtime.db)))
  return store
}
