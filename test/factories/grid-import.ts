/**
 * Grid-import files for tests, the cost scenario and the fuzz payloads: a new street east of 航海东路街道 in
 * 管城回族区 (the demo office's district), split into communities and blocks that tile it exactly.
 */
import { rectangle, splitColumns, splitRows, type Bounds } from '../../emulator/demo/grids'
import type { Gcj02Polygon } from '../../src/domain/shared/geo'

export interface FileFeature {
  code: string
  name: string
  level: number
  parentCode: string
  polygon: Gcj02Polygon
}

export const importStreetCode = '410104011'
export const importStreetBounds: Bounds = { west: 113.74, east: 113.78, south: 34.7, north: 34.73 }

/** The street, `communities` side-by-side communities, each with `blocks` stacked blocks. */
export function streetFeatures(communities = 2, blocks = 2, name = '测试街道'): FileFeature[] {
  const features: FileFeature[] = [
    { code: importStreetCode, name, level: 1, parentCode: '410104', polygon: rectangle(importStreetBounds) },
  ]
  splitColumns(importStreetBounds, Array<number>(communities).fill(1)).forEach((box, index) => {
    const code = importStreetCode + String(index + 1).padStart(3, '0')
    features.push({
      code,
      name: `测试社区${index + 1}`,
      level: 2,
      parentCode: importStreetCode,
      polygon: rectangle(box),
    })
    splitRows(box, Array<number>(blocks).fill(1)).forEach((blockBox, blockIndex) => {
      features.push({
        code: code + String(blockIndex + 1).padStart(3, '0'),
        name: `测试社区${index + 1}第${blockIndex + 1}网格`,
        level: 3,
        parentCode: code,
        polygon: rectangle(blockBox),
      })
    })
  })
  return features
}

export function geoJsonOf(features: readonly FileFeature[]): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    features: features.map(({ polygon, ...properties }) => ({
      type: 'Feature',
      properties,
      geometry: polygon,
    })),
  })
}

function wktOf(polygon: Gcj02Polygon): string {
  const rings = polygon.coordinates.map((ring) => `(${ring.map(([lng, lat]) => `${lng} ${lat}`).join(', ')})`)
  return `POLYGON (${rings.join(', ')})`
}

export function csvOf(features: readonly FileFeature[]): string {
  const lines = features.map((f) =>
    [f.code, f.name, f.level, f.parentCode, `"${wktOf(f.polygon)}"`].join(','),
  )
  return ['code,name,level,parentCode,wkt', ...lines].join('\r\n') + '\r\n'
}
