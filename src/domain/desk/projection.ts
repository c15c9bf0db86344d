/**
 * A plain drawn map without tiles: GCJ-02 longitude and latitude projected onto a box of pixels. Over a
 * district (tens of kilometres) an equirectangular projection scaled by the cosine of the middle latitude
 * keeps shapes true to a few per mille, which is all a wall map needs; GCJ-02's own offset is the same
 * across so small an area, so no conversion is needed to draw grids and cases against each other.
 */
export type LngLat = readonly [number, number]

export interface GeoBounds {
  west: number
  east: number
  south: number
  north: number
}

export interface Viewport {
  width: number
  height: number
  /** Pixels kept free on every side. */
  padding: number
}

/** The box around every point of every ring; undefined when there are none. */
export function boundsOf(rings: readonly (readonly LngLat[])[]): GeoBounds | undefined {
  let bounds: GeoBounds | undefined
  for (const ring of rings)
    for (const [lng, lat] of ring) {
      if (!bounds) bounds = { west: lng, east: lng, south: lat, north: lat }
      else {
        bounds.west = Math.min(bounds.west, lng)
        bounds.east = Math.max(bounds.east, lng)
        bounds.south = Math.min(bounds.south, lat)
        bounds.north = Math.max(bounds.north, lat)
      }
    }
  return bounds
}

export interface Projection {
  project: (point: LngLat) => [number, number]
  /** The inverse, for a tap on the drawing. */
  invert: (xy: readonly [number, number]) => [number, number]
  scale: number
}

/**
 * Fits the bounds into the viewport, centred, north up, one scale for both axes (on the ground, not in
 * degrees), so a square block stays square.
 */
export function fitProjection(bounds: GeoBounds, viewport: Viewport): Projection {
  const midLat = ((bounds.north + bounds.south) / 2) * (Math.PI / 180)
  const xStretch = Math.cos(midLat)
  // A single point (or a line) still gets a finite scale: about a kilometre across the box.
  const spanX = Math.max((bounds.east - bounds.west) * xStretch, 0.01)
  const spanY = Math.max(bounds.north - bounds.south, 0.01)
  const innerWidth = Math.max(1, viewport.width - 2 * viewport.padding)
  const innerHeight = Math.max(1, viewport.height - 2 * viewport.padding)
  const scale = Math.min(innerWidth / spanX, innerHeight / spanY)
  const centreLng = (bounds.east + bounds.west) / 2
  const centreLat = (bounds.north + bounds.south) / 2
  const cx = viewport.width / 2
  const cy = viewport.height / 2
  return {
    scale,
    project: ([lng, lat]) => [cx + (lng - centreLng) * xStretch * scale, cy - (lat - centreLat) * scale],
    invert: ([x, y]) => [centreLng + (x - cx) / (xStretch * scale), centreLat - (y - cy) / scale],
  }
}

/** An SVG path of a polygon's rings, projected, rounded to a tenth of a pixel. */
export function pathOf(rings: readonly (readonly LngLat[])[], projection: Projection): string {
  const round = (n: number) => Math.round(n * 10) / 10
  return rings
    .map(
      (ring) =>
        ring
          .map((point, i) => {
            const [x, y] = projection.project(point)
            return `${i === 0 ? 'M' : 'L'}${round(x)},${round(y)}`
          })
          .join('') + 'Z',
    )
    .join('')
}

/** Whether a point lies inside a polygon's outer ring and outside its holes (ray casting). */
export function containsPoint(rings: readonly (readonly LngLat[])[], [lng, lat]: LngLat): boolean {
  const inside = (ring: readonly LngLat[]) => {
    let result = false
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!
      const [xj, yj] = ring[j]!
      if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) result = !result
    }
    return result
  }
  const [outer, ...holes] = rings
  return outer !== undefined && inside(outer) && !holes.some(inside)
}
