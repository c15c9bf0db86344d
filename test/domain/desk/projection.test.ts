import { boundsOf, containsPoint, fitProjection, pathOf } from '../../../src/domain/desk/projection'
import { mapPeriods } from '../../../src/domain/desk/periods'

const square: [number, number][] = [
  [113.7, 34.7],
  [113.71, 34.7],
  [113.71, 34.71],
  [113.7, 34.71],
  [113.7, 34.7],
]

describe('the drawn map’s projection', () => {
  it('finds the box around every ring', () => {
    expect(boundsOf([square, [[113.69, 34.72]]])).toEqual({
      west: 113.69,
      east: 113.71,
      south: 34.7,
      north: 34.72,
    })
    expect(boundsOf([])).toBeUndefined()
  })

  it('fits the box centred, north up, squares kept square on the ground', () => {
    const projection = fitProjection(boundsOf([square])!, { width: 400, height: 200, padding: 10 })
    const [left, bottom] = projection.project([113.7, 34.7])
    const [right, top] = projection.project([113.71, 34.71])
    expect(top).toBeLessThan(bottom)
    expect(bottom - top).toBeCloseTo(180, 6)
    // A degree of longitude is cos(latitude) of a degree of latitude on the ground.
    expect((right - left) / (bottom - top)).toBeCloseTo(Math.cos((34.705 * Math.PI) / 180), 6)
    expect((left + right) / 2).toBeCloseTo(200, 6)
    expect((top + bottom) / 2).toBeCloseTo(100, 6)
    const [lng, lat] = projection.invert(projection.project([113.703, 34.708]))
    expect(lng).toBeCloseTo(113.703, 9)
    expect(lat).toBeCloseTo(34.708, 9)
  })

  it('keeps a finite scale for a single point', () => {
    const projection = fitProjection(
      { west: 113.7, east: 113.7, south: 34.7, north: 34.7 },
      {
        width: 100,
        height: 100,
        padding: 0,
      },
    )
    expect(projection.project([113.7, 34.7])).toEqual([50, 50])
    expect(Number.isFinite(projection.scale)).toBe(true)
  })

  it('draws rings as SVG paths', () => {
    const projection = fitProjection(boundsOf([square])!, { width: 100, height: 100, padding: 0 })
    const path = pathOf([square], projection)
    expect(path.startsWith('M')).toBe(true)
    expect(path.endsWith('Z')).toBe(true)
    expect(path.match(/L/g)).toHaveLength(4)
  })

  it('tells whether a tap lies in a grid, holes left out', () => {
    const hole: [number, number][] = [
      [113.704, 34.704],
      [113.706, 34.704],
      [113.706, 34.706],
      [113.704, 34.706],
      [113.704, 34.704],
    ]
    expect(containsPoint([square], [113.701, 34.709])).toBe(true)
    expect(containsPoint([square], [113.72, 34.705])).toBe(false)
    expect(containsPoint([square, hole], [113.705, 34.705])).toBe(false)
    expect(containsPoint([square, hole], [113.702, 34.705])).toBe(true)
  })

  it('offers this month, this week and last month in Beijing time', () => {
    // 1 December 2026, 00:30 in Beijing: still 30 November in UTC.
    expect(mapPeriods(new Date('2026-11-30T16:30:00.000Z'))).toEqual([
      { key: '2026-12', label: '本月' },
      { key: '2026-W49', label: '本周' },
      { key: '2026-11', label: '上月' },
    ])
  })
})
