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
