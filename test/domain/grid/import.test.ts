import { demoGridIds, demoGridNodes, rectangle } from '../../../emulator/demo/grids'
import {
  parseCsv,
  parseGeoJson,
  parseImportFile,
  parseWktPolygon,
  planGridImport,
  polygonProblem,
  type ImportFeature,
} from '../../../src/domain/grid/import'
import {
  csvOf,
  geoJsonOf,
  importStreetCode,
  streetFeatures,
  type FileFeature,
} from '../../factories/grid-import'

const guancheng = new Set([demoGridIds.guancheng])

function asImport(features: readonly FileFeature[]): ImportFeature[] {
  return parseGeoJson(geoJsonOf(features)).features
}

function reasonFor(plan: ReturnType<typeof planGridImport>, code: string): string | undefined {
  return plan.rejected.find((entry) => entry.code === code)?.reason
}

describe('planning a grid import', () => {
  it('imports a valid street with its communities and blocks, parents first', () => {
    const plan = planGridImport(asImport(streetFeatures()), demoGridNodes, guancheng)
    expect(plan).toMatchObject({ imported: 7, updated: 0, unchanged: 0, rejected: [] })
    expect(plan.writes.map((node) => node.level)).toEqual([
      'street',
      'community',
      'community',
      'block',
      'block',
      'block',
      'block',
    ])
    expect(plan.writes[1]).toMatchObject({
      _id: `grid-${importStreetCode}001`,
      parentId: `grid-${importStreetCode}`,
    })
  })

  it('reads the same tree from CSV with WKT as from GeoJSON', () => {
    const fromCsv = parseCsv(csvOf(streetFeatures()))
    expect(fromCsv.error).toBeUndefined()
    expect(planGridImport(fromCsv.features, demoGridNodes, guancheng).writes).toEqual(
      planGridImport(asImport(streetFeatures()), demoGridNodes, guancheng).writes,
    )
  })

  it('counts a re-import of the stored tree as unchanged, and a renamed node as updated in place', () => {
    const first = planGridImport(asImport(streetFeatures()), demoGridNodes, guancheng)
    const stored = [...demoGridNodes, ...first.writes]
    const again = planGridImport(asImport(streetFeatures(2, 2, '新名街道')), stored, guancheng)
    expect(again).toMatchObject({ imported: 0, updated: 1, unchanged: 6, rejected: [] })
    expect(again.writes).toEqual([
      expect.objectContaining({ _id: `grid-${importStreetCode}`, name: '新名街道' }),
    ])
  })

  it('rejects each bad feature with its reason and imports the rest', () => {
    const features = streetFeatures()
    const [street, community1, block1] = [features[0]!, features[1]!, features[2]!]
    const bad: FileFeature[] = [
      ...features,
      { ...block1, name: '重复' },
      {
        ...community1,
        code: '410104011099',
        parentCode: '410104011099'.slice(0, 9),
        polygon: street.polygon,
      },
      { ...community1, code: '41010401100A', name: '坏编码' },
      { ...block1, code: '410104011098001', parentCode: '410104011098', name: '孤儿' },
      { ...community1, code: '410104011000', name: '零序号' },
      { ...community1, level: 3, code: '410104011097', name: '层级不符' },
    ]
    const plan = planGridImport(asImport(bad), demoGridNodes, guancheng)
    expect(reasonFor(plan, block1.code)).toBe('编码在文件中重复')
    expect(reasonFor(plan, '410104011099')).toMatch(/重叠/)
    expect(reasonFor(plan, '41010401100A')).toMatch(/12 位数字/)
    expect(reasonFor(plan, '410104011098001')).toBe('上级网格 410104011098 不存在')
    expect(reasonFor(plan, '410104011000')).toMatch(/001–999/)
    expect(reasonFor(plan, '410104011097')).toMatch(/15 位数字/)
    expect(plan.rejected).toHaveLength(7)
    // The duplicated block is out (both copies), everything else of the street goes in.
    expect(plan.imported).toBe(6)
  })

  it('rejects the children of a rejected parent, saying why', () => {
    const features = streetFeatures()
    features[1] = {
      ...features[1]!,
      polygon: rectangle({ west: 113.0, east: 113.1, south: 34.0, north: 34.1 }),
    }
    const plan = planGridImport(asImport(features), demoGridNodes, guancheng)
    expect(reasonFor(plan, features[1].code)).toBe('超出上级网格“测试街道”的边界')
    expect(reasonFor(plan, features[2]!.code)).toMatch(/未通过校验，本网格一并退回/)
    expect(plan.imported).toBe(4)
  })

  it('refuses grids of another district unless every district may be imported (the local CLI)', () => {
    const gaoxinStreet: FileFeature = { ...streetFeatures()[0]!, code: '410171009', parentCode: '410171' }
    const plan = planGridImport(asImport([gaoxinStreet]), demoGridNodes, guancheng)
    expect(plan.rejected).toEqual([{ code: '410171009', name: '测试街道', reason: '只能导入本区的网格' }])
    expect(planGridImport(asImport([gaoxinStreet]), demoGridNodes, 'any')).toMatchObject({
      imported: 1,
      rejected: [],
    })
  })

  it('refuses a new boundary that would strand stored children outside it', () => {
    const asCommunity: FileFeature = {
      ...streetFeatures()[1]!,
      code: '410104010',
      parentCode: '410104',
      level: 1,
    }
    expect(planGridImport(asImport([asCommunity]), demoGridNodes, guancheng).rejected).toEqual([
      expect.objectContaining({
        code: '410104010',
        reason: '新边界会使已有下级网格“映月路社区”（410104010001）超出范围',
      }),
    ])
  })

  it('rejects a sibling overlapping a stored one beyond the tolerance, and accepts one sharing its edge', () => {
    const community = demoGridNodes.find((node) => node.code === '410104010001')!
    const ring = community.polygon!.coordinates[0]!
    const west = Math.min(...ring.map(([lng]) => lng))
    const south = Math.min(...ring.map(([, lat]) => lat))
    const north = Math.max(...ring.map(([, lat]) => lat))
    const inside = { west, east: west + 0.001, south, north }
    const base = { name: '新社区', level: 2, parentCode: '410104010' }
    const overlapping = planGridImport(
      asImport([{ ...base, code: '410104010050', polygon: rectangle(inside) }]),
      demoGridNodes,
      guancheng,
    )
    expect(reasonFor(overlapping, '410104010050')).toMatch(/^与同级网格“映月路社区”/)
    // The road corridor between the community bands: it shares their edges and overlaps none.
    const corridor = { west: 113.69, east: 113.73, south: 34.7155, north: 34.7165 }
    const sharing = planGridImport(
      asImport([{ ...base, code: '410104010050', polygon: rectangle(corridor) }]),
      demoGridNodes,
      guancheng,
    )
    expect(sharing).toMatchObject({ imported: 1, rejected: [] })
  })
})

describe('checking a polygon', () => {
  const square = rectangle({ west: 113.7, east: 113.71, south: 34.7, north: 34.71 })

  it('accepts a closed simple ring with a hole inside it', () => {
    const hole = rectangle({ west: 113.702, east: 113.704, south: 34.702, north: 34.704 }).coordinates[0]!
    expect(polygonProblem({ ...square, coordinates: [square.coordinates[0]!, hole] })).toEqual({
      type: 'Polygon',
      coordinates: [square.coordinates[0], hole],
    })
  })

  it.each([
    [
      'an open ring',
      { type: 'Polygon', coordinates: [square.coordinates[0]!.slice(0, 4)] },
      '外环未闭合（首尾坐标须相同）',
    ],
    [
      'too few points',
      {
        type: 'Polygon',
        coordinates: [
          [
            [113.7, 34.7],
            [113.71, 34.7],
            [113.7, 34.7],
          ],
        ],
      },
      '外环至少需要4个点（首尾相同）',
    ],
    [
      'a bow tie',
      {
        type: 'Polygon',
        coordinates: [
          [
            [113.7, 34.7],
            [113.71, 34.71],
            [113.71, 34.7],
            [113.7, 34.71],
            [113.7, 34.7],
          ],
        ],
      },
      '外环自相交',
    ],
    [
      'a hole outside',
      {
        type: 'Polygon',
        coordinates: [
          square.coordinates[0]!,
          rectangle({ west: 113.8, east: 113.81, south: 34.7, north: 34.71 }).coordinates[0]!,
        ],
      },
      '第1个内环不在外环之内',
    ],
    [
      'WGS-84 swapped',
      {
        type: 'Polygon',
        coordinates: [
          [
            [34.7, 113.7],
            [34.7, 113.71],
            [34.71, 113.71],
            [34.7, 113.7],
          ],
        ],
      },
      expect.stringMatching(/超出范围/),
    ],
    ['a MultiPolygon', { type: 'MultiPolygon', coordinates: [] }, expect.stringMatching(/须为 Polygon/)],
  ])('rejects %s', (_label, geometry, reason) => {
    expect(polygonProblem(geometry)).toEqual(reason)
  })

  it('reads WKT rings and says what is wrong with a malformed one', () => {
    expect(parseWktPolygon('POLYGON ((113.7 34.7, 113.71 34.7, 113.71 34.71, 113.7 34.7))')).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [113.7, 34.7],
          [113.71, 34.7],
          [113.71, 34.71],
          [113.7, 34.7],
        ],
      ],
    })
    expect(parseWktPolygon('POLYGON ((113.7, 34.7))')).toMatch(/不是“经度 纬度”/)
    expect(parseWktPolygon('LINESTRING (1 2, 3 4)')).toMatch(/WKT POLYGON/)
  })
})

describe('reading a file', () => {
  it('refuses what is not a FeatureCollection, or a CSV without the columns', () => {
    expect(parseImportFile('geojson', '{').error).toMatch(/JSON 解析失败/)
    expect(parseImportFile('geojson', '{"type":"Feature"}').error).toMatch(/FeatureCollection/)
    expect(parseImportFile('csv', 'code,name\n1,2').error).toBe('表头缺少列：level、parentCode、wkt')
    expect(parseImportFile('geojson', '{"type":"FeatureCollection","features":[]}').error).toBe(
      '文件中没有网格',
    )
  })
})
