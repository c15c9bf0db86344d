import { distanceMeters, placeCellOf, placeCellsCovering } from '../../../src/domain/shared/geo'

describe('place cells', () => {
  it('puts a point on a cell boundary in the cell that starts there, whatever the float noise', () => {
    expect(34.102 / 0.002).toBeLessThan(17051)
    expect(placeCellOf({ lat: 34.102, lng: 113.7 })).toBe('17051:56850')
    expect(placeCellOf({ lat: 34.0699999, lng: 113.7019 })).toBe('17034:56850')
  })

  it('covers every point of a box with the cells it lists', () => {
    const centre = { lat: 34.7473, lng: 113.6249 }
    const dLat = 0.0051
    const dLng = 0.0062
    const box = {
      minLat: centre.lat - dLat,
      maxLat: centre.lat + dLat,
      minLng: centre.lng - dLng,
      maxLng: centre.lng + dLng,
    }
    const cells = new Set(placeCellsCovering(box))
    for (let i = 0; i <= 20; i++)
      for (let j = 0; j <= 20; j++) {
        const point = {
          lat: box.minLat + ((box.maxLat - box.minLat) * i) / 20,
          lng: box.minLng + ((box.maxLng - box.minLng) * j) / 20,
        }
        expect(cells.has(placeCellOf(point))).toBe(true)
      }
    expect(cells.size).toBeLessThanOrEqual(7 * 8)
  })

  it('lists no cell far from the box', () => {
    const box = { minLat: 34.741, maxLat: 34.749, minLng: 113.621, maxLng: 113.629 }
    const far = placeCellOf({ lat: 34.77, lng: 113.65 })
    expect(placeCellsCovering(box)).not.toContain(far)
    expect(distanceMeters({ lat: 34.745, lng: 113.625 }, { lat: 34.77, lng: 113.65 })).toBeGreaterThan(1000)
  })
})
