import type { Db } from '@cloudbase/database'
import { GridLocator, GridTree, gcj02PolygonSchema, type GridNode } from '../../../src/domain/grid/tree'
import { gridSchema } from './collections'
import { listOf } from '../db/results'

const { collections } = gridSchema

export interface GridIndex {
  tree: GridTree
  locator: GridLocator
}

const cacheMillis = 60_000
const pageSize = 1000
const concurrentWrites = 20

/** One grid import as logged: who imported, when, and what came of it. */
export interface GridImportLog {
  actor: string
  at: string
  format: string
  imported: number
  updated: number
  unchanged: number
  rejected: { code: string; name: string; reason: string }[]
}

/**
 * The grid tree changes rarely, so a warm function instance keeps it (and its spatial index) in memory
 * for a minute instead of reading every node on every request.
 */
export class GridStore {
  private cached: { index: GridIndex; loadedAt: number } | undefined

  constructor(
    private readonly db: Db,
    private readonly now: () => Date,
  ) {}

  async index(): Promise<GridIndex> {
    const nowMillis = this.now().getTime()
    if (this.cached && nowMillis - this.cached.loadedAt < cacheMillis) return this.cached.index
    const nodes = await this.loadAll()
    const index = { tree: new GridTree(nodes), locator: new GridLocator(nodes) }
    this.cached = { index, loadedAt: nowMillis }
    return index
  }

  /** Every node as stored now, bypassing the cache: an import plans against the tree it will change. */
  async fresh(): Promise<GridNode[]> {
    return this.loadAll()
  }

  /**
   * Writes imported nodes in place, keyed by code (one `set` each, a few in flight at once; parents come first
   * in `nodes`, so a child is never written before its parent), then the log entry. This instance's cache is
   * dropped; other warm instances see the new tree within their cache minute.
   */
  async applyImport(nodes: readonly GridNode[], log: GridImportLog): Promise<void> {
    for (let start = 0; start < nodes.length; start += concurrentWrites)
      await Promise.all(
        nodes
          .slice(start, start + concurrentWrites)
          .map(({ _id, ...fields }) => this.db.collection(collections.gridNode).doc(_id).set(fields)),
      )
    this.cached = undefined
    await this.db.collection(collections.gridImport).add(log)
  }

  private async loadAll(): Promise<GridNode[]> {
    const nodes: GridNode[] = []
    for (let skip = 0; ; skip += pageSize) {
      const batch = listOf<GridNode>(
        await this.db
          .collection(collections.gridNode)
          .orderBy('code', 'asc')
          .skip(skip)
          .limit(pageSize)
          .get(),
      )
      nodes.push(...batch.map(toGridNode))
      if (batch.length < pageSize) return nodes
    }
  }
}

/**
 * The SDK hands a stored GeoJSON polygon back as its own Geo `Polygon` object; its JSON form is the
 * GeoJSON we stored, so the node is rebuilt from that and checked against the schema.
 */
function toGridNode(doc: GridNode): GridNode {
  const { _id, code, name, level, parentId, polygon } = doc
  const plain =
    polygon === undefined ? undefined : gcj02PolygonSchema.parse(JSON.parse(JSON.stringify(polygon)))
  return { _id, code, name, level, parentId, ...(plain ? { polygon: plain } : {}) }
}
