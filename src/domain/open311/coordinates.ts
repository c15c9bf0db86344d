import type { Gcj02Point } from '../shared/geo'

/**
 * GeoReport v2 states `lat` and `long` in WGS-84; everything BlueGrid stores is GCJ-02 (see shared/geo.ts).
 * This is the one place that converts, at the Open311 edge only: the published GCJ-02 obfuscation (Krasovsky
 * 1940 ellipsoid), forward exactly, backward by fixed-point iteration (well under a metre). Outside China
 * the two datums coincide.
 */
export interface Wgs84Point {
  lat: number
  long: number
}

const semiMajorAxis = 6378245.0
const eccentricitySquared = 0.006693421622965943

function outsideChina(lng: number, lat: number): boolean {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271
}

function shiftLat(x: number, y: number): number {
  let shift = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x))
  shift += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3
  shift += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3
  shift += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3
  return shift
}

function shiftLng(x: number, y: number): number {
  let shift = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x))
  shift += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3
  shift += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3
  shift += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3
  return shift
}

/** The GCJ-02 offset at a WGS-84 point, in degrees. */
function offsetAt(lng: number, lat: number): { dLng: number; dLat: number } {
  if (outsideChina(lng, lat)) return { dLng: 0, dLat: 0 }
  const radLat = (lat / 180) * Math.PI
  const sin = Math.sin(radLat)
  const magic = 1 - eccentricitySquared * sin * sin
  const sqrtMagic = Math.sqrt(magic)
  const dLat =
    (shiftLat(lng - 105, lat - 35) * 180) /
    (((semiMajorAxis * (1 - eccentricitySquared)) / (magic * sqrtMagic)) * Math.PI)
  const dLng =
    (shiftLng(lng - 105, lat - 35) * 180) / ((semiMajorAxis / sqrtMagic) * Math.cos(radLat) * Math.PI)
  return { dLng, dLat }
}

export function wgs84ToGcj02(point: Wgs84Point): Gcj02Point {
  const { dLng, dLat } = offsetAt(point.long, point.lat)
  return { lng: point.long + dLng, lat: point.lat + dLat }
}

export function gcj02ToWgs84(point: Gcj02Point): Wgs84Point {
  let lng = point.lng
  let lat = point.lat
  for (let step = 0; step < 8; step += 1) {
    const there = wgs84ToGcj02({ lat, long: lng })
    lng -= there.lng - point.lng
    lat -= there.lat - point.lat
  }
  return { lat, long: lng }
}
