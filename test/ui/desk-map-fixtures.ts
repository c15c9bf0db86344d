import { deskMapSchema, type DeskMap } from '../../src/domain/desk/contract'
import { binningOf } from '../../src/domain/desk/bins'

/** 挂图作战's answers for page tests: the district's two streets, one open case (overdue). */
const box = (west: number, south: number, east: number, north: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [west, south],
      [east, south],
      [east, north],
      [west, north],
      [west, south],
    ] as [number, number][],
  ],
})
const ref = (id: string, name: string, level: 'district' | 'street' | 'community') => ({
  id,
  name,
  level,
  label: name,
})
export const district = ref('grid-410104', '管城回族区', 'district')
export const street = ref('grid-410104010', '航海东路街道', 'street')
export const other = ref('grid-410104011', '南关街道', 'street')

/** An answer as the server gives it, checked against the contract. */
export function deskMapView(overrides: Partial<DeskMap> = {}): DeskMap {
  const values = [12, 0]
  const binning = binningOf(values, 'count', true)
  return deskMapSchema.parse({
    grid: district,
    polygon: box(113.68, 34.7, 113.74, 34.74),
    parent: null,
    period: '2026-12',
    periodLabel: '2026年12月',
    indicator: 'received',
    indicatorLabel: '受理',
    unit: 'count',
    higherIsWorse: true,
    areas: [
      {
        grid: street,
        polygon: box(113.68, 34.7, 113.71, 34.74),
        value: 12,
        bin: binning.binOf(12),
        colour: binning.colourOf(12),
        drillable: true,
      },
      {
        grid: other,
        polygon: box(113.71, 34.7, 113.74, 34.74),
        value: 0,
        bin: binning.binOf(0),
        colour: binning.colourOf(0),
        drillable: true,
      },
    ],
    legend: binning.legend,
    markers: [
      {
        id: 'case-7',
        caseNo: '20261201-0007',
        status: 'pending',
        statusLabel: '待认领',
        categoryId: 'road-dust',
        categoryName: '道路扬尘',
        location: { lng: 113.69, lat: 34.72 },
        overdue: true,
        createdAt: '2026-12-01T02:00:00.000Z',
      },
    ],
    truncated: false,
    categories: [
      { id: 'road-dust', name: '道路扬尘' },
      { id: 'coal-stove', name: '散煤燃烧' },
    ],
    ...overrides,
  })
}
