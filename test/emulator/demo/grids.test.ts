import booleanPointInPolygon from '@turf/boolean-point-in-polygon'
import { demoGridIds, demoGridNodes, demoPoints } from '../../../emulator/demo/grids'
import { gcj02PointSchema, type Gcj02Point } from '../../../src/domain/shared/geo'
import {
  GridLocator,
  GridTree,
  gridNodeSchema,
  isValidGridCode,
  type GridNode,
} from '../../../src/domain/grid/tree'

const tree = new GridTree(demoGridNodes)
const locator = new GridLocator(demoGridNodes)

function byName(name: string): GridNode {
  const node = demoGridNodes.find((candidate) => candidate.name === name)
  if (!node) throw new Error(`no demo grid named ${name}`)
  return node
}

function outerRing(node: GridNode): [number, number][] {
  const ring = node.polygon?.coordinates[0]
  if (!ring) throw new Error(`${node.name} has no polygon`)
  return ring
}

/** Planar shoelace area in square degrees: enough to compare a parent with the sum of its children. */
function ringArea(ring: [number, number][]): number {
  let twice = 0
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1, y1] = ring[i] ?? [0, 0]
    const [x2, y2] = ring[i + 1] ?? [0, 0]
    twice += x1 * y2 - x2 * y1
  }
  return Math.abs(twice) / 2
}

function vertexAverage(node: GridNode): Gcj02Point {
  const corners = outerRing(node).slice(0, -1)
  return {
    lng: corners.reduce((sum, [lng]) => sum + lng, 0) / corners.length,
    lat: corners.reduce((sum, [, lat]) => sum + lat, 0) / corners.length,
  }
}

/** Inside or on the edge (`edges: true`), or strictly inside (`edges: false`). */
function contains(node: GridNode, point: Gcj02Point, edges: boolean): boolean {
  if (!node.polygon) return false
  return booleanPointInPolygon([point.lng, point.lat], node.polygon, { ignoreBoundary: !edges })
}

/** A lattice over the node's bounding box, offset off round numbers so most samples miss shared edges. */
function samplePoints(node: GridNode, steps: number): Gcj02Point[] {
  const ring = outerRing(node)
  const lngs = ring.map(([lng]) => lng)
  const lats = ring.map(([, lat]) => lat)
  const [west, east, south, north] = [
    Math.min(...lngs),
    Math.max(...lngs),
    Math.min(...lats),
    Math.max(...lats),
  ]
  const points: Gcj02Point[] = []
  for (let i = 0; i < steps; i++) {
    for (let j = 0; j < steps; j++) {
      points.push({
        lng: west + ((east - west) * (i + 0.37)) / steps,
        lat: south + ((north - south) * (j + 0.61)) / steps,
      })
    }
  }
  return points
}

const street = byName('航海东路街道')
const communities = tree.children(street._id)
const blocks = communities.flatMap((community) => tree.children(community._id))

describe('demo grid tree', () => {
  it('consists only of valid grid nodes with unique, code-derived ids', () => {
    for (const node of demoGridNodes) expect(gridNodeSchema.safeParse(node).success).toBe(true)
    const ids = demoGridNodes.map((node) => node._id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const node of demoGridNodes) expect(node._id).toBe(`grid-${node.code}`)
  })

  it('builds into a single tree rooted at 郑州市', () => {
    const roots = tree.all().filter((node) => node.parentId === null)
    expect(roots.map((node) => node.name)).toEqual(['郑州市'])
    expect(
      tree
        .children(demoGridIds.city)
        .map((node) => node.name)
        .sort(),
    ).toEqual(['管城回族区', '郑州高新技术产业开发区'].sort())
  })

  it('gives 航海东路街道 its 12 communities in the annex order, with 49 numbered blocks', () => {
    expect(street.level).toBe('street')
    expect(tree.get(street.parentId ?? '')?.name).toBe('管城回族区')
    expect(communities.map((community) => [community.name, tree.children(community._id).length])).toEqual([
      ['映月路社区', 7],
      ['石化路社区', 4],
      ['美景社区', 4],
      ['果树所社区', 2],
      ['中铁七局社区', 4],
      ['航海东路社区', 4],
      ['石建社区', 2],
      ['新航社区', 2],
      ['幸福港湾社区', 2],
      ['港湾社区', 8],
      ['富田社区', 5],
      ['中鼎社区', 5],
    ])
    expect(communities.every((community) => community.level === 'community')).toBe(true)
    expect(blocks).toHaveLength(49)
    expect(blocks.every((block) => block.level === 'block')).toBe(true)
    for (const community of communities) {
      tree.children(community._id).forEach((block, index) => {
        expect(block.name).toBe(`${community.name}第${index + 1}网格`)
      })
    }
  })

  it('gives 高新区 its five offices as street-level grids', () => {
    expect(tree.children(demoGridIds.gaoxin).map((node) => [node.name, node.level])).toEqual([
      ['梧桐办事处', 'street'],
      ['枫杨办事处', 'street'],
      ['石佛办事处', 'street'],
      ['沟赵办事处', 'street'],
      ['双桥办事处', 'street'],
    ])
  })

  it('codes every node for its level, each child extending its parent', () => {
    for (const node of demoGridNodes) {
      expect(isValidGridCode(node.level, node.code)).toBe(true)
      const parent = node.parentId === null ? undefined : tree.get(node.parentId)
      if (!parent) continue
      if (node.level === 'district') {
        // City and district are both 6-digit division codes: they share the 4-digit prefecture prefix.
        expect(node.code.slice(0, 4)).toBe(parent.code.slice(0, 4))
      } else {
        expect(node.code).toMatch(new RegExp(`^${parent.code}\\d{3}$`))
      }
    }
  })

  it('resolves ids named for the demo to the grids they claim', () => {
    expect(tree.get(demoGridIds.hanghaiEastRoad)?.name).toBe('航海东路街道')
    expect(tree.get(demoGridIds.yingyueRoad)?.name).toBe('映月路社区')
    expect(tree.get(demoGridIds.yingyueRoadGrid1)?.name).toBe('映月路社区第1网格')
    expect(tree.get(demoGridIds.yingyueRoadGrid2)?.name).toBe('映月路社区第2网格')
    expect(tree.get(demoGridIds.guancheng)?.level).toBe('district')
    expect(tree.get(demoGridIds.wutong)?.name).toBe('梧桐办事处')
    expect(tree.lineage(demoGridIds.yingyueRoadGrid1).map((node) => node.name)).toEqual([
      '映月路社区第1网格',
      '映月路社区',
      '航海东路街道',
      '管城回族区',
      '郑州市',
    ])
  })
})

describe('demo grid polygons', () => {
  it('draws every street, community and block as a closed ring in Zhengzhou', () => {
    for (const node of demoGridNodes.filter((candidate) => !['city', 'district'].includes(candidate.level))) {
      const ring = outerRing(node)
      expect(ring[0]).toEqual(ring[ring.length - 1])
      for (const [lng, lat] of ring) {
        expect(lng).toBeGreaterThan(113.4)
        expect(lng).toBeLessThan(113.8)
        expect(lat).toBeGreaterThan(34.6)
        expect(lat).toBeLessThan(34.9)
      }
      expect(ringArea(ring)).toBeGreaterThan(0)
    }
  })

  it('keeps each community inside the street and each block inside its community', () => {
    for (const child of [...communities, ...blocks]) {
      const parent = tree.get(child.parentId ?? '')
      if (!parent) throw new Error(`${child.name} has no parent`)
      for (const [lng, lat] of outerRing(child)) expect(contains(parent, { lng, lat }, true)).toBe(true)
    }
  })

  it('tiles every community exactly with its blocks', () => {
    // Blocks lie inside the community and do not overlap (next test), so equal areas leave no gap.
    for (const community of communities) {
      const blockArea = tree
        .children(community._id)
        .reduce((sum, block) => sum + ringArea(outerRing(block)), 0)
      expect(blockArea).toBeCloseTo(ringArea(outerRing(community)), 12)
    }
  })

  it('never lets two communities, two blocks or two offices claim the same ground', () => {
    const offices = tree.children(demoGridIds.gaoxin)
    for (const point of samplePoints(street, 90)) {
      expect(communities.filter((community) => contains(community, point, false)).length).toBeLessThanOrEqual(
        1,
      )
      expect(blocks.filter((block) => contains(block, point, false)).length).toBeLessThanOrEqual(1)
    }
    for (const office of offices) {
      for (const point of samplePoints(office, 20)) {
        expect(offices.filter((other) => contains(other, point, false)).length).toBeLessThanOrEqual(1)
      }
    }
  })

  it('leaves a strip of the street to no community, and nothing else uncovered', () => {
    const samples = samplePoints(street, 90)
    const uncovered = samples.filter(
      (point) => !communities.some((community) => contains(community, point, true)),
    )
    expect(uncovered.length).toBeGreaterThan(0)
    // A strip, not a hole in the tiling: small compared with the street.
    expect(uncovered.length / samples.length).toBeLessThan(0.1)
    for (const point of samples) {
      const community = communities.find((candidate) => contains(candidate, point, true))
      if (!community) continue
      const children = tree.children(community._id)
      expect(children.some((block) => contains(block, point, true))).toBe(true)
    }
  })
})

describe('routing a point to its grid', () => {
  it('offers demo points that are valid GCJ-02 points', () => {
    for (const point of Object.values(demoPoints))
      expect(gcj02PointSchema.safeParse(point).success).toBe(true)
  })

  it('finds 映月路社区第1网格 for a point inside it', () => {
    expect(locator.locate(demoPoints.yingyueRoadGrid1)?._id).toBe(demoGridIds.yingyueRoadGrid1)
  })

  it('falls back to the street for a point in no community', () => {
    expect(locator.locate(demoPoints.streetOnly)?._id).toBe(demoGridIds.hanghaiEastRoad)
    expect(communities.some((community) => contains(community, demoPoints.streetOnly, true))).toBe(false)
  })

  it('finds no grid for a point far outside every grid', () => {
    expect(locator.locate(demoPoints.outside)).toBeUndefined()
  })

  it('finds the 高新区 office for a point in an office without blocks', () => {
    expect(locator.locate(demoPoints.wutongKexueAvenue)?._id).toBe(demoGridIds.wutong)
  })

  it('routes the centre of every block to that block', () => {
    for (const block of blocks) expect(locator.locate(vertexAverage(block))?._id).toBe(block._id)
  })

  it('routes the centre of every 高新区 office to that office', () => {
    for (const office of tree.children(demoGridIds.gaoxin)) {
      expect(locator.locate(vertexAverage(office))?._id).toBe(office._id)
    }
  })
})
