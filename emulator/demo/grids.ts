import { childGridCode, type GridNode } from '../../src/domain/grid/tree'
import type { Gcj02Point, Gcj02Polygon } from '../../src/domain/shared/geo'

/*
 * Demo grid tree for the emulator.
 *
 * The tree itself is real: 航海东路街道's 12 communities and their numbered 三级网格 come from the street's
 * 2016 grid work plan, and 高新区's five offices from that district's 随手拍 campaign. Only place names are
 * used here.
 *
 * The geometry is NOT real. Every polygon below is an approximate, synthetic rectangle placed near where the
 * place lies in Zhengzhou (GCJ-02, [lng, lat]); the boundaries are invented so that the demo has a complete,
 * non-overlapping tiling to route against. Street serials (410104010, 410171001…) are illustrative and not
 * checked against the statistical division codes either. Never use these shapes for anything but demos.
 */

/** An axis-aligned box in GCJ-02 degrees. */
export interface Bounds {
  west: number
  east: number
  south: number
  north: number
}

// Six decimals is about 0.1 m: precise enough, and it keeps the stored JSON readable. Neighbouring cells take
// their shared edge from the same rounded number, so rounding can never open a gap or an overlap between them.
function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6
}

/** A closed GeoJSON ring, counter-clockwise as RFC 7946 asks of outer rings. */
export function rectangle(box: Bounds): Gcj02Polygon {
  const { west, east, south, north } = box
  return {
    type: 'Polygon',
    coordinates: [
      [
        [west, south],
        [east, south],
        [east, north],
        [west, north],
        [west, south],
      ],
    ],
  }
}

/** Cut points of [from, to] in proportion to `weights`; the ends are kept exact so cells share edges exactly. */
function cuts(from: number, to: number, weights: readonly number[]): number[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0)
  const points = [from]
  let running = 0
  weights.forEach((weight, index) => {
    running += weight
    points.push(index === weights.length - 1 ? to : round6(from + ((to - from) * running) / total))
  })
  return points
}

function pairs(points: readonly number[]): [number, number][] {
  return points.slice(1).map((end, index) => [points[index] ?? end, end])
}

/** Splits a box into side-by-side columns, west to east, with widths in proportion to `weights`. */
export function splitColumns(box: Bounds, weights: readonly number[]): Bounds[] {
  return pairs(cuts(box.west, box.east, weights)).map(([west, east]) => ({ ...box, west, east }))
}

/** Splits a box into stacked rows, north to south, with heights in proportion to `weights`. */
export function splitRows(box: Bounds, weights: readonly number[]): Bounds[] {
  return pairs(cuts(box.north, box.south, weights)).map(([north, south]) => ({ ...box, north, south }))
}

// Metres per degree, for choosing a layout whose cells are roughly square on the ground rather than in degrees.
const metresPerDegreeLat = 111_195

/**
 * Tiles a box with exactly `count` cells in reading order (rows north to south, each row west to east).
 * The row count is chosen from the box's shape on the ground so blocks come out roughly square; rows hold
 * either ⌈count/rows⌉ or ⌊count/rows⌋ cells, so every count tiles exactly with no empty cell.
 */
export function tileBlocks(box: Bounds, count: number): Bounds[] {
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`block count must be a positive integer: ${count}`)
  const midLat = ((box.north + box.south) / 2) * (Math.PI / 180)
  const widthMetres = (box.east - box.west) * metresPerDegreeLat * Math.cos(midLat)
  const heightMetres = (box.north - box.south) * metresPerDegreeLat
  const rowCount = Math.min(count, Math.max(1, Math.round(Math.sqrt((count * heightMetres) / widthMetres))))
  const base = Math.floor(count / rowCount)
  const extra = count % rowCount
  const perRow = Array.from({ length: rowCount }, (_, row) => base + (row < extra ? 1 : 0))
  const rows = splitRows(
    box,
    perRow.map(() => 1),
  )
  return rows.flatMap((row, index) => splitColumns(row, Array<number>(perRow[index] ?? 1).fill(1)))
}

export function gridId(code: string): string {
  return `grid-${code}`
}

const cityCode = '410100'
const guanchengCode = '410104'
const gaoxinCode = '410171'
const hanghaiEastRoadCode = '410104010'

/** The 12 communities of 航海东路街道 in the annex's order, with their numbers of 三级网格 (49 in all). */
const hanghaiCommunities = [
  { name: '映月路社区', blocks: 7 },
  { name: '石化路社区', blocks: 4 },
  { name: '美景社区', blocks: 4 },
  { name: '果树所社区', blocks: 2 },
  { name: '中铁七局社区', blocks: 4 },
  { name: '航海东路社区', blocks: 4 },
  { name: '石建社区', blocks: 2 },
  { name: '新航社区', blocks: 2 },
  { name: '幸福港湾社区', blocks: 2 },
  { name: '港湾社区', blocks: 8 },
  { name: '富田社区', blocks: 5 },
  { name: '中鼎社区', blocks: 5 },
] as const

/** The street's (synthetic) extent: around 航海东路, between roughly 紫荆山南路 and 未来路 east of it. */
const hanghaiStreetBounds: Bounds = { west: 113.69, east: 113.73, south: 34.7, north: 34.73 }

/*
 * Communities sit in three bands. Between the middle and the southern band runs a corridor (the road and its
 * green belt) that belongs to the street but to no community, so a report made there shows the street-level
 * fallback (属地兜底). Band and corridor edges are shared numbers, so the pieces tile the street exactly.
 */
const corridorSouth = 34.7155
const corridorNorth = 34.7165
const communityBands: { bounds: Bounds; members: readonly number[] }[] = [
  { bounds: { ...hanghaiStreetBounds, south: 34.723 }, members: [0, 1, 2, 3] },
  { bounds: { ...hanghaiStreetBounds, south: corridorNorth, north: 34.723 }, members: [4, 5, 6, 7] },
  { bounds: { ...hanghaiStreetBounds, north: corridorSouth }, members: [8, 9, 10, 11] },
]

/** Each community's box, in annex order. Widths follow the number of blocks (+2 so small ones stay usable). */
function hanghaiCommunityBounds(): Bounds[] {
  const result: Bounds[] = []
  for (const band of communityBands) {
    const weights = band.members.map((index) => (hanghaiCommunities[index]?.blocks ?? 0) + 2)
    splitColumns(band.bounds, weights).forEach((box, position) => {
      const index = band.members[position]
      if (index !== undefined) result[index] = box
    })
  }
  return result
}

/** 高新区's five offices, west/northwest of the city centre; synthetic boxes near their real areas. */
const gaoxinOffices: readonly { name: string; bounds: Bounds }[] = [
  { name: '梧桐办事处', bounds: { west: 113.52, east: 113.57, south: 34.78, north: 34.83 } },
  { name: '枫杨办事处', bounds: { west: 113.57, east: 113.6, south: 34.78, north: 34.83 } },
  { name: '石佛办事处', bounds: { west: 113.54, east: 113.6, south: 34.83, north: 34.87 } },
  { name: '沟赵办事处', bounds: { west: 113.46, east: 113.52, south: 34.78, north: 34.83 } },
  { name: '双桥办事处', bounds: { west: 113.46, east: 113.54, south: 34.83, north: 34.88 } },
]

function buildDemoGridNodes(): GridNode[] {
  const nodes: GridNode[] = [
    { _id: gridId(cityCode), code: cityCode, name: '郑州市', level: 'city', parentId: null },
    // Districts carry no polygon: the demo only needs routing within streets, and a point outside every
    // street should come back as "not in any grid" rather than fall to a guessed district outline.
    {
      _id: gridId(guanchengCode),
      code: guanchengCode,
      name: '管城回族区',
      level: 'district',
      parentId: gridId(cityCode),
    },
    {
      _id: gridId(hanghaiEastRoadCode),
      code: hanghaiEastRoadCode,
      name: '航海东路街道',
      level: 'street',
      parentId: gridId(guanchengCode),
      polygon: rectangle(hanghaiStreetBounds),
    },
  ]

  const communityBounds = hanghaiCommunityBounds()
  hanghaiCommunities.forEach((community, index) => {
    const bounds = communityBounds[index]
    if (bounds === undefined) throw new Error(`no layout for ${community.name}`)
    const code = childGridCode(hanghaiEastRoadCode, index + 1)
    nodes.push({
      _id: gridId(code),
      code,
      name: community.name,
      level: 'community',
      parentId: gridId(hanghaiEastRoadCode),
      polygon: rectangle(bounds),
    })
    tileBlocks(bounds, community.blocks).forEach((blockBounds, blockIndex) => {
      const blockCode = childGridCode(code, blockIndex + 1)
      nodes.push({
        _id: gridId(blockCode),
        code: blockCode,
        name: `${community.name}第${blockIndex + 1}网格`,
        level: 'block',
        parentId: gridId(code),
        polygon: rectangle(blockBounds),
      })
    })
  })

  nodes.push({
    _id: gridId(gaoxinCode),
    code: gaoxinCode,
    name: '郑州高新技术产业开发区',
    level: 'district',
    parentId: gridId(cityCode),
  })
  gaoxinOffices.forEach((office, index) => {
    const code = childGridCode(gaoxinCode, index + 1)
    nodes.push({
      _id: gridId(code),
      code,
      name: office.name,
      level: 'street',
      parentId: gridId(gaoxinCode),
      polygon: rectangle(office.bounds),
    })
  })
  return nodes
}

export const demoGridNodes: GridNode[] = buildDemoGridNodes()

/** Ids the demo accounts and scenarios refer to, so they need not repeat codes. */
export const demoGridIds = {
  city: gridId(cityCode),
  guancheng: gridId(guanchengCode),
  gaoxin: gridId(gaoxinCode),
  hanghaiEastRoad: gridId(hanghaiEastRoadCode),
  yingyueRoad: gridId(childGridCode(hanghaiEastRoadCode, 1)),
  yingyueRoadGrid1: gridId(childGridCode(childGridCode(hanghaiEastRoadCode, 1), 1)),
  yingyueRoadGrid2: gridId(childGridCode(childGridCode(hanghaiEastRoadCode, 1), 2)),
  wutong: gridId(childGridCode(gaoxinCode, 1)),
} as const

/**
 * Named places for demos and tests (GCJ-02). Written out as numbers, not derived from the layout, so a
 * change to the layout that moves them out of their grid is caught by the tests instead of followed silently.
 */
export const demoPoints = {
  /** Inside 映月路社区第1网格 (the north-west corner block of the street). */
  yingyueRoadGrid1: { lng: 113.6925, lat: 34.7288 },
  /** On the road corridor through 航海东路街道: inside the street, in no community, so it falls to the street. */
  streetOnly: { lng: 113.71, lat: 34.716 },
  /** Near 新郑国际机场, far from every demo grid. */
  outside: { lng: 113.84, lat: 34.527 },
  /** On 科学大道 in 梧桐办事处, where a reported unwashed-truck case happened (street level, no blocks). */
  wutongKexueAvenue: { lng: 113.545, lat: 34.805 },
} satisfies Record<string, Gcj02Point>
