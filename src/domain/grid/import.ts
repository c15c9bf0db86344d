import booleanPointInPolygon from '@turf/boolean-point-in-polygon'
import pointToPolygonDistance from '@turf/point-to-polygon-distance'
import type { Gcj02Polygon, Ring } from '../shared/geo'
import type { GridLevel, GridNode } from './tree'
import type { GridImportFormat } from './inputs'

/*
 * Grid tree import: a district office's file of 一级/二级/三级网格 (levels 1–3: street, community, block), each
 * with a code, a name, its parent's code and a GCJ-02 polygon. Pure: the file is parsed, every feature checked,
 * and a plan returned (what to insert, what to update, what is unchanged, what is rejected and why). Nodes are
 * keyed by code (`grid-<code>`) and updated in place: a case keeps the gridPath of ids it was routed with, and
 * an import never deletes a node, so every id a case names still resolves.
 */

/** Import levels 1–3 and the tree levels they are. */
export const importLevels: Record<1 | 2 | 3, GridLevel> = { 1: 'street', 2: 'community', 3: 'block' }
const parentLevel: Record<1 | 2 | 3, GridLevel> = { 1: 'district', 2: 'street', 3: 'community' }

/**
 * GB/T 30428-style codes: the 6-digit administrative division of the district, then 3 digits per level
 * (street, community, block), each serial 001–999. A level-n code has 6 + 3n digits and begins with its
 * parent's code.
 */
export const gridCodePattern = /^\d{6}(?:(?!000)\d{3}){1,3}$/

/** How far (metres) a vertex may stray over a parent's edge or into a sibling before it counts. */
export const overlapToleranceMeters = 2

/** The most features one import takes; larger trees are imported street by street. */
export const maxImportFeatures = 5000

export interface ImportFeature {
  /** 1-based position in the file (feature index, or the CSV's data row), for the report. */
  row: number
  code: string
  name: string
  level: unknown
  parentCode: string
  polygon: unknown
}

export interface Rejection {
  code: string
  name: string
  reason: string
}

export interface ParsedFile {
  features: ImportFeature[]
  /** Problems with the file as a whole (not one feature): nothing is imported. */
  error?: string
}

export function gridIdOf(code: string): string {
  return `grid-${code}`
}

function text(value: unknown): string {
  if (typeof value === 'string') return value.trim()
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return ''
}

/** A GeoJSON FeatureCollection whose features carry `properties: {code, name, level, parentCode}`. */
export function parseGeoJson(content: string): ParsedFile {
  let data: unknown
  try {
    data = JSON.parse(content)
  } catch {
    return { features: [], error: '文件不是有效的 GeoJSON（JSON 解析失败）' }
  }
  const collection = data as { type?: unknown; features?: unknown }
  if (collection?.type !== 'FeatureCollection' || !Array.isArray(collection.features))
    return { features: [], error: '文件须为 GeoJSON FeatureCollection' }
  const features = (collection.features as unknown[]).map((raw, index): ImportFeature => {
    const feature = (raw ?? {}) as { properties?: Record<string, unknown>; geometry?: unknown }
    const props = feature.properties ?? {}
    return {
      row: index + 1,
      code: text(props.code),
      name: text(props.name),
      level: props.level,
      parentCode: text(props.parentCode ?? props.parent_code),
      polygon: feature.geometry,
    }
  })
  return { features }
}

/** RFC 4180 CSV: fields may be double-quoted, quotes doubled inside; CRLF or LF line ends. */
export function parseCsvRows(content: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  const input = content.replace(/^\uFEFF/, '')
  for (let i = 0; i < input.length; i++) {
    const char = input[i]
    if (quoted) {
      if (char === '"' && input[i + 1] === '"') {
        field += '"'
        i++
      } else if (char === '"') quoted = false
      else field += char
    } else if (char === '"') quoted = true
    else if (char === ',') {
      row.push(field)
      field = ''
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && input[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += char
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows.filter((cells) => cells.some((cell) => cell.trim() !== ''))
}

const csvColumns = ['code', 'name', 'level', 'parentCode', 'wkt'] as const

/**
 * WKT `POLYGON ((lng lat, lng lat, …), (hole…))` in GCJ-02. Answers the polygon, or a reason it is not one.
 */
export function parseWktPolygon(wkt: string): Gcj02Polygon | string {
  const match = /^\s*POLYGON\s*\(\s*(.*)\s*\)\s*$/is.exec(wkt)
  if (!match?.[1]) return '边界须为 WKT POLYGON((经度 纬度, …))'
  const rings: Ring[] = []
  const ringPattern = /\(([^()]*)\)/g
  const body = match[1]
  if (body.replace(ringPattern, '').replace(/[\s,]/g, '') !== '') return '边界 WKT 格式不正确'
  for (const ringMatch of body.matchAll(ringPattern)) {
    const ring: Ring = []
    for (const pair of (ringMatch[1] ?? '').split(',')) {
      const numbers = pair.trim().split(/\s+/).map(Number)
      if (numbers.length !== 2 || numbers.some((value) => !Number.isFinite(value)))
        return `边界坐标“${pair.trim()}”不是“经度 纬度”`
      ring.push([numbers[0]!, numbers[1]!])
    }
    rings.push(ring)
  }
  if (rings.length === 0) return '边界 WKT 没有坐标环'
  return { type: 'Polygon', coordinates: rings }
}

/** CSV with the header `code,name,level,parentCode,wkt` (any column order); `wkt` is quoted (it holds commas). */
export function parseCsv(content: string): ParsedFile {
  const [header, ...rows] = parseCsvRows(content)
  if (!header) return { features: [], error: '文件为空' }
  const names = header.map((cell) => cell.trim())
  const missing = csvColumns.filter((column) => !names.includes(column))
  if (missing.length > 0) return { features: [], error: `表头缺少列：${missing.join('、')}` }
  const at = (cells: string[], column: (typeof csvColumns)[number]) =>
    (cells[names.indexOf(column)] ?? '').trim()
  const features = rows.map((cells, index): ImportFeature => {
    const wkt = parseWktPolygon(at(cells, 'wkt'))
    return {
      row: index + 1,
      code: at(cells, 'code'),
      name: at(cells, 'name'),
      level: Number(at(cells, 'level')),
      parentCode: at(cells, 'parentCode'),
      polygon: typeof wkt === 'string' ? { invalid: wkt } : wkt,
    }
  })
  return { features }
}

export function parseImportFile(format: GridImportFormat, content: string): ParsedFile {
  const parsed = format === 'geojson' ? parseGeoJson(content) : parseCsv(content)
  if (!parsed.error && parsed.features.length === 0) return { features: [], error: '文件中没有网格' }
  if (parsed.features.length > maxImportFeatures)
    return { features: [], error: `一次最多导入 ${maxImportFeatures} 个网格，请按街道拆分后分批导入` }
  return parsed
}

type Segment = [[number, number], [number, number]]

function orientation(a: [number, number], b: [number, number], c: [number, number]): number {
  const value = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
  return value > 0 ? 1 : value < 0 ? -1 : 0
}

/** True when two segments cross at a point interior to both (touching ends or collinear overlap do not count). */
function properlyCross([a, b]: Segment, [c, d]: Segment): boolean {
  const o1 = orientation(a, b, c)
  const o2 = orientation(a, b, d)
  const o3 = orientation(c, d, a)
  const o4 = orientation(c, d, b)
  return o1 * o2 < 0 && o3 * o4 < 0
}

function segments(ring: Ring): Segment[] {
  return ring.slice(1).map((end, index) => [ring[index]!, end])
}

/** A ring crossing itself: any two non-adjacent edges cross (O(n²), fine for grid outlines). */
function selfIntersects(ring: Ring): boolean {
  const edges = segments(ring)
  for (let i = 0; i < edges.length; i++)
    for (let j = i + 2; j < edges.length; j++) {
      if (i === 0 && j === edges.length - 1) continue
      if (properlyCross(edges[i]!, edges[j]!)) return true
    }
  return false
}

/** Checks the geometry: a GCJ-02 Polygon with closed rings of ≥4 points, simple, holes inside the outer ring. */
export function polygonProblem(geometry: unknown): string | Gcj02Polygon {
  const shape = geometry as { type?: unknown; coordinates?: unknown; invalid?: string } | null | undefined
  if (shape?.invalid) return shape.invalid
  if (!shape || shape.type !== 'Polygon') return '边界须为 Polygon（不支持 MultiPolygon 等其他类型）'
  if (!Array.isArray(shape.coordinates) || shape.coordinates.length === 0) return '边界没有坐标'
  const rings = shape.coordinates as unknown[]
  for (const [index, ring] of rings.entries()) {
    const label = index === 0 ? '外环' : `第${index}个内环`
    if (!Array.isArray(ring)) return `${label}格式不正确`
    const valid = ring.every(
      (point) =>
        Array.isArray(point) &&
        point.length >= 2 &&
        typeof point[0] === 'number' &&
        typeof point[1] === 'number' &&
        Number.isFinite(point[0]) &&
        Number.isFinite(point[1]),
    )
    if (!valid) return `${label}含有无效坐标`
    const points = (ring as number[][]).map(([lng, lat]) => [lng!, lat!] as [number, number])
    if (points.some(([lng, lat]) => lng < 73 || lng > 136 || lat < 3 || lat > 54))
      return `${label}坐标超出范围（须为 GCJ-02 经纬度，经度 73–136，纬度 3–54）`
    if (points.length < 4) return `${label}至少需要4个点（首尾相同）`
    const first = points[0]!
    const last = points[points.length - 1]!
    if (first[0] !== last[0] || first[1] !== last[1]) return `${label}未闭合（首尾坐标须相同）`
    if (selfIntersects(points)) return `${label}自相交`
  }
  const polygon: Gcj02Polygon = {
    type: 'Polygon',
    coordinates: (rings as number[][][]).map((ring) => ring.map(([lng, lat]) => [lng!, lat!])),
  }
  const outer: Gcj02Polygon = { type: 'Polygon', coordinates: [polygon.coordinates[0]!] }
  for (const [index, hole] of polygon.coordinates.slice(1).entries()) {
    if (!hole.every((point) => booleanPointInPolygon(point, outer, { ignoreBoundary: true })))
      return `第${index + 1}个内环不在外环之内`
  }
  return polygon
}

/** How far (metres, positive) a point lies inside a polygon; ≤ 0 when outside or on its edge. */
function depthInside(point: [number, number], polygon: Gcj02Polygon): number {
  return -pointToPolygonDistance(point, polygon, { units: 'meters' })
}

/** Every vertex of `inner`'s outer ring lies inside `outer` or within the tolerance of its edge. */
function withinParent(inner: Gcj02Polygon, outer: Gcj02Polygon): boolean {
  return (inner.coordinates[0] ?? []).every((point) => depthInside(point, outer) > -overlapToleranceMeters)
}

function centroid(ring: Ring): [number, number] {
  const points = ring.slice(0, -1)
  const lng = points.reduce((sum, [x]) => sum + x, 0) / points.length
  const lat = points.reduce((sum, [, y]) => sum + y, 0) / points.length
  return [lng, lat]
}

/**
 * Whether two siblings overlap by more than the tolerance: a vertex of one deep inside the other, their
 * outlines properly crossing, or one's centre inside the other (identical or nested shapes). Shared edges,
 * as a tiling has, do not count.
 */
export function siblingsOverlap(a: Gcj02Polygon, b: Gcj02Polygon): boolean {
  const ringA = a.coordinates[0] ?? []
  const ringB = b.coordinates[0] ?? []
  if (ringA.some((point) => depthInside(point, b) > overlapToleranceMeters)) return true
  if (ringB.some((point) => depthInside(point, a) > overlapToleranceMeters)) return true
  const edgesB = segments(ringB)
  if (segments(ringA).some((edge) => edgesB.some((other) => properlyCross(edge, other)))) return true
  const centreA = centroid(ringA)
  const centreB = centroid(ringB)
  return (
    (depthInside(centreA, a) > 0 && depthInside(centreA, b) > overlapToleranceMeters) ||
    (depthInside(centreB, b) > 0 && depthInside(centreB, a) > overlapToleranceMeters)
  )
}

export interface ImportPlan {
  /** Nodes to write (new or changed), in parent-before-child order. */
  writes: GridNode[]
  imported: number
  updated: number
  unchanged: number
  rejected: Rejection[]
}

function sameNode(a: GridNode, b: GridNode): boolean {
  return (
    a.name === b.name &&
    a.level === b.level &&
    a.parentId === b.parentId &&
    JSON.stringify(a.polygon ?? null) === JSON.stringify(b.polygon ?? null)
  )
}

/**
 * Checks every feature against the file and the stored tree, and plans the writes. `districtIds` are the
 * districts the importer may change (the office's own; every district for the local CLI). A feature whose
 * parent is rejected is rejected too; the rest go ahead.
 */
export function planGridImport(
  features: readonly ImportFeature[],
  existing: readonly GridNode[],
  districtIds: ReadonlySet<string> | 'any',
): ImportPlan {
  const rejected: Rejection[] = []
  const reject = (feature: ImportFeature, reason: string) =>
    rejected.push({ code: feature.code, name: feature.name, reason })
  const byCode = new Map(existing.map((node) => [node.code, node]))
  const counts = new Map<string, number>()
  for (const feature of features) counts.set(feature.code, (counts.get(feature.code) ?? 0) + 1)

  // The tree as it will be: stored nodes, overlaid with the accepted features level by level.
  const planned = new Map(byCode)
  const accepted = new Map<string, GridNode>()
  const ordered = features
    .map((feature) => ({ feature, level: feature.level }))
    .sort((a, b) => (Number(a.level) || 9) - (Number(b.level) || 9) || a.feature.row - b.feature.row)

  for (const { feature } of ordered) {
    const level = feature.level
    if (!feature.code) {
      reject(feature, `第${feature.row}项缺少编码`)
      continue
    }
    if (!feature.name) {
      reject(feature, '缺少名称')
      continue
    }
    if (feature.name.length > 50) {
      reject(feature, '名称不能超过50字')
      continue
    }
    if (level !== 1 && level !== 2 && level !== 3) {
      reject(feature, '层级须为 1（街道）、2（社区）或 3（网格）')
      continue
    }
    if ((counts.get(feature.code) ?? 0) > 1) {
      reject(feature, '编码在文件中重复')
      continue
    }
    if (!gridCodePattern.test(feature.code) || feature.code.length !== 6 + 3 * level) {
      reject(feature, `编码须为 ${6 + 3 * level} 位数字：区划代码6位，其后每级3位（001–999）`)
      continue
    }
    if (!feature.parentCode) {
      reject(feature, '缺少上级编码')
      continue
    }
    if (
      !feature.code.startsWith(feature.parentCode) ||
      feature.parentCode.length !== feature.code.length - 3
    ) {
      reject(feature, `编码须以上级编码 ${feature.parentCode} 开头，再加3位序号`)
      continue
    }
    const parent = planned.get(feature.parentCode)
    if (!parent) {
      const inFile = (counts.get(feature.parentCode) ?? 0) > 0
      reject(
        feature,
        inFile
          ? `上级网格 ${feature.parentCode} 未通过校验，本网格一并退回`
          : `上级网格 ${feature.parentCode} 不存在`,
      )
      continue
    }
    if (parent.level !== parentLevel[level]) {
      reject(feature, `上级网格 ${feature.parentCode} 的层级不符`)
      continue
    }
    const districtCode = feature.code.slice(0, 6)
    const district = byCode.get(districtCode)
    if (!district || (districtIds !== 'any' && !districtIds.has(district._id))) {
      reject(feature, '只能导入本区的网格')
      continue
    }
    const stored = byCode.get(feature.code)
    if (stored && stored.level !== importLevels[level]) {
      reject(feature, '编码已被其他层级的网格使用')
      continue
    }
    const polygon = polygonProblem(feature.polygon)
    if (typeof polygon === 'string') {
      reject(feature, polygon)
      continue
    }
    if (parent.polygon && !withinParent(polygon, parent.polygon)) {
      reject(feature, `超出上级网格“${parent.name}”的边界`)
      continue
    }
    // Moving a stored node's boundary must not strand its stored children the file does not redraw.
    const stranded = [...planned.values()].find(
      (child) =>
        child.parentId === gridIdOf(feature.code) &&
        child.polygon !== undefined &&
        !withinParent(child.polygon, polygon),
    )
    if (stranded) {
      reject(feature, `新边界会使已有下级网格“${stranded.name}”（${stranded.code}）超出范围`)
      continue
    }
    const node: GridNode = {
      _id: gridIdOf(feature.code),
      code: feature.code,
      name: feature.name,
      level: importLevels[level],
      parentId: parent._id,
      polygon,
    }
    const overlapping = [...planned.values()].find(
      (other) =>
        other.parentId === node.parentId &&
        other.code !== node.code &&
        other.polygon !== undefined &&
        siblingsOverlap(polygon, other.polygon),
    )
    if (overlapping) {
      reject(feature, `与同级网格“${overlapping.name}”（${overlapping.code}）重叠`)
      continue
    }
    planned.set(node.code, node)
    accepted.set(node.code, node)
  }

  const writes: GridNode[] = []
  let imported = 0
  let updated = 0
  let unchanged = 0
  for (const node of accepted.values()) {
    const stored = byCode.get(node.code)
    if (!stored) imported++
    else if (sameNode(stored, node)) {
      unchanged++
      continue
    } else updated++
    writes.push(node)
  }
  rejected.sort((a, b) => a.code.localeCompare(b.code))
  return { writes, imported, updated, unchanged, rejected }
}
