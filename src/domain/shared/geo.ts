import { z } from './zod'

/**
 * A point in GCJ-02 (the datum WeChat's getLocation/chooseLocation and maps use), degrees.
 * Every stored coordinate in BlueGrid is GCJ-02; nothing converts to WGS-84.
 */
export const gcj02PointSchema = z.object({
  lng: z.number().min(73, { error: '经度超出范围' }).max(136, { error: '经度超出范围' }),
  lat: z.number().min(3, { error: '纬度超出范围' }).max(54, { error: '纬度超出范围' }),
})
export type Gcj02Point = z.infer<typeof gcj02PointSchema>

/** A ring of [lng, lat] pairs in GCJ-02, closed (first equals last), as in GeoJSON. */
export type Ring = [number, number][]

export interface Gcj02Polygon {
  type: 'Polygon'
  coordinates: Ring[]
}

const earthRadiusMeters = 6371008.8

/** Great-circle distance in metres; GCJ-02's offset is locally near-constant, so this is fine for radii. */
export function distanceMeters(a: Gcj02Point, b: Gcj02Point): number {
  const toRad = (deg: number) => (deg * Math.PI) / 180
  const dLat = toRad(b.lat - a.lat)
  const dLng = toRad(b.lng - a.lng)
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLng / 2) ** 2
  return 2 * earthRadiusMeters * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** Rounds a point to about 100 m so that public summaries never reveal where a reporter stood. */
export function coarsen(point: Gcj02Point): Gcj02Point {
  return { lng: Math.round(point.lng * 1000) / 1000, lat: Math.round(point.lat * 1000) / 1000 }
}

/**
 * Size of a place cell: 0.002° (about 220 m north–south, 180–200 m east–west at China's latitudes). A nearby
 * box of 500 m and its rounding slack touches at most 7 × 8 cells, one `$in` over their keys. The cells a
 * 200 m box touches cover about a quarter of the ground that 0.01° cells would, so where cases are dense a
 * search reads about a quarter of the candidates.
 */
export const placeCellDegrees = 0.002

function cellIndex(degrees: number): number {
  // Round first, so that float noise (34.102 / 0.002 = 17050.999…) cannot move a point on a boundary.
  return Math.floor(Math.round((degrees / placeCellDegrees) * 1e6) / 1e6)
}

/** The cell a GCJ-02 point lies in, as a key `<lat index>:<lng index>` (stored on a case as `placeCell`). */
export function placeCellOf(point: Gcj02Point): string {
  return `${cellIndex(point.lat)}:${cellIndex(point.lng)}`
}

/** Every cell a box (GCJ-02 degrees) touches, so the points inside it lie in one of these cells. */
export function placeCellsCovering(box: {
  minLng: number
  maxLng: number
  minLat: number
  maxLat: number
}): string[] {
  const cells: string[] = []
  for (let lat = cellIndex(box.minLat); lat <= cellIndex(box.maxLat); lat++)
    for (let lng = cellIndex(box.minLng); lng <= cellIndex(box.maxLng); lng++) cells.push(`${lat}:${lng}`)
  return cells
}
