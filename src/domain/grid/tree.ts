import booleanPointInPolygon from '@turf/boolean-point-in-polygon'
import { polygon as turfPolygon } from '@turf/helpers'
import pointToPolygonDistance from '@turf/point-to-polygon-distance'
import type { Feature, Polygon } from 'geojson'
import { z } from '../shared/zod'
import type { Gcj02Point, Gcj02Polygon } from '../shared/geo'

/**
 * The grid tree: 市 → 区 → 一级网格 (街道/办事处) → 二级网格 (社区) → 三级网格 (楼院/网格).
 * Codes follow GB/T 30428: 6-digit administrative division + 3-digit street + 3-digit community + 3-digit grid.
 */
export const gridLevels = ['city', 'district', 'street', 'community', 'block'] as const
export const gridLevelSchema = z.enum(gridLevels)
export type GridLevel = z.infer<typeof gridLevelSchema>

const codeLength: Record<GridLevel, number> = { city: 6, district: 6, street: 9, community: 12, block: 15 }

const ringSchema = z.array(z.tuple([z.number(), z.number()])).min(4)
export const gcj02PolygonSchema = z.object({
  type: z.literal('Polygon'),
  coordinates: z.array(ringSchema).min(1),
})

export const gridNodeSchema = z.object({
  _id: z.string(),
  code: z.string().regex(/^\d{6}(\d{3}){0,3}$/),
  name: z.string().min(1),
  level: gridLevelSchema,
  parentId: z.string().nullable(),
  /** Boundary in GCJ-02 (GeoJSON Polygon); optional because not every office has a surveyed boundary. */
  polygon: gcj02PolygonSchema.optional(),
})
export type GridNode = z.infer<typeof gridNodeSchema>

export function isValidGridCode(level: GridLevel, code: string): boolean {
  return /^\d+$/.test(code) && code.length === codeLength[level]
}

/** Builds the child code under a parent: the parent's code plus a zero-padded 3-digit serial. */
export function childGridCode(parentCode: string, serial: number): string {
  if (serial < 1 || serial > 999) throw new RangeError(`grid serial out of range: ${serial}`)
  return parentCode + String(serial).padStart(3, '0')
}

export class GridTree {
  private readonly byId = new Map<string, GridNode>()
  private readonly childrenOf = new Map<string, GridNode[]>()

  constructor(nodes: readonly GridNode[]) {
    for (const node of nodes) this.byId.set(node._id, node)
    for (const node of nodes) {
      if (node.parentId === null) continue
      if (!this.byId.has(node.parentId))
        throw new Error(`grid ${node._id} names a missing parent ${node.parentId}`)
      const siblings = this.childrenOf.get(node.parentId) ?? []
      siblings.push(node)
      this.childrenOf.set(node.parentId, siblings)
    }
  }

  get(id: string): GridNode | undefined {
    return this.byId.get(id)
  }

  all(): GridNode[] {
    return [...this.byId.values()]
  }

  children(id: string): GridNode[] {
    return this.childrenOf.get(id) ?? []
  }

  /** The node itself first, then its parent, up to the root. */
  lineage(id: string): GridNode[] {
    const chain: GridNode[] = []
    let current = this.byId.get(id)
    while (current) {
      chain.push(current)
      current = current.parentId === null ? undefined : this.byId.get(current.parentId)
    }
    return chain
  }

  /** True when `ancestorId` is `id` itself or lies above it. */
  covers(ancestorId: string, id: string): boolean {
    return this.lineage(id).some((node) => node._id === ancestorId)
  }

  /** The node at `level` on the way up from `id` (the node itself when it is at that level), if any. */
  ancestorAt(id: string, level: GridLevel): GridNode | undefined {
    return this.lineage(id).find((node) => node.level === level)
  }

  /** True when any of `ancestorIds` is `id` itself or lies above it. */
  coversAny(ancestorIds: readonly string[], id: string): boolean {
    const above = new Set(this.lineage(id).map((node) => node._id))
    return ancestorIds.some((ancestorId) => above.has(ancestorId))
  }

  /** The chain of names from the street down, for display ("航海东路街道 / 映月路社区 / 第1网格"). */
  label(id: string): string {
    return this.lineage(id)
      .filter((node) => node.level !== 'city' && node.level !== 'district')
      .reverse()
      .map((node) => node.name)
      .join(' / ')
  }
}

interface IndexedPolygon {
  node: GridNode
  feature: Feature<Polygon>
  minLng: number
  maxLng: number
  minLat: number
  maxLat: number
}

const levelDepth: Record<GridLevel, number> = { city: 0, district: 1, street: 2, community: 3, block: 4 }

/**
 * Finds the grid a point belongs to: the finest-level polygon that contains it. A point inside no
 * 三级网格 falls to the community, then the street, then the district containing it (属地兜底).
 * Bounding boxes are checked first so that most polygons are never tested in full.
 */
export class GridLocator {
  private readonly polygons: IndexedPolygon[]

  constructor(nodes: readonly GridNode[]) {
    this.polygons = nodes
      .filter((node): node is GridNode & { polygon: Gcj02Polygon } => node.polygon !== undefined)
      .map((node) => {
        const outer = node.polygon.coordinates[0] ?? []
        const lngs = outer.map(([lng]) => lng)
        const lats = outer.map(([, lat]) => lat)
        return {
          node,
          feature: turfPolygon(node.polygon.coordinates),
          minLng: Math.min(...lngs),
          maxLng: Math.max(...lngs),
          minLat: Math.min(...lats),
          maxLat: Math.max(...lats),
        }
      })
      // Deepest levels first: the first hit is the finest grid.
      .sort((a, b) => levelDepth[b.node.level] - levelDepth[a.node.level])
  }

  locate(point: Gcj02Point): GridNode | undefined {
    for (const candidate of this.polygons) {
      if (point.lng < candidate.minLng || point.lng > candidate.maxLng) continue
      if (point.lat < candidate.minLat || point.lat > candidate.maxLat) continue
      if (booleanPointInPolygon([point.lng, point.lat], candidate.feature)) return candidate.node
    }
    return undefined
  }
}

/** Metres from a point to a polygon's boundary when outside it, 0 when inside (GCJ-02 degrees in, metres out). */
export function distanceToPolygonMeters(point: Gcj02Point, polygon: Gcj02Polygon): number {
  const kilometres = pointToPolygonDistance([point.lng, point.lat], turfPolygon(polygon.coordinates), {
    units: 'kilometers',
  })
  return Math.max(0, kilometres * 1000)
}
