import { binColours, binningOf, noDataColour } from '../../../src/domain/desk/bins'

describe('colour classes of the map', () => {
  it('cuts counts from 0 in whole steps, the highest in the worst colour when more is worse', () => {
    const { legend, binOf, colourOf } = binningOf([0, 3, 7, 12], 'count', true)
    expect(legend.map((entry) => [entry.from, entry.to, entry.label])).toEqual([
      [0, 3, '0–2'],
      [3, 6, '3–5'],
      [6, 9, '6–8'],
      [9, 12, '9–11'],
      [12, 15, '12–15'],
    ])
    expect([0, 3, 7, 12].map(binOf)).toEqual([0, 1, 2, 4])
    expect(colourOf(12)).toBe(binColours[4])
    expect(colourOf(0)).toBe(binColours[0])
  })

  it('turns the ramp round when more is better', () => {
    const { colourOf, legend } = binningOf([0.5, 1], 'share', false)
    expect(colourOf(1)).toBe(binColours[0])
    expect(colourOf(0.5)).toBe(binColours[4])
    expect(legend[0]!.colour).toBe(binColours[4])
  })

  it('cuts shares on whole percents around the values seen, so close rates still differ', () => {
    const { legend, binOf } = binningOf([0.8, 0.86, 0.95], 'share', false)
    expect(legend.map((entry) => entry.label)).toEqual([
      '80%–83%',
      '83%–86%',
      '86%–89%',
      '89%–92%',
      '92%–95%',
    ])
    expect([0.8, 0.86, 0.95].map(binOf)).toEqual([0, 2, 4])
  })

  it('keeps five classes of at least a percent when every rate is the same, at either end', () => {
    expect(binningOf([1, 1], 'share', false).legend.map((entry) => entry.label)[4]).toBe('99%–100%')
    expect(binningOf([0], 'share', true).legend.map((entry) => entry.label)[0]).toBe('0%–1%')
    expect(binningOf([1], 'share', false).binOf(1)).toBe(4)
  })

  it('leaves a grid without a value uncoloured', () => {
    const { binOf, colourOf, legend } = binningOf([null, null], 'share', true)
    expect(binOf(null)).toBeNull()
    expect(colourOf(null)).toBe(noDataColour)
    expect(legend).toHaveLength(5)
    expect(binningOf([], 'count', true).legend.map((entry) => entry.label)).toEqual([
      '0',
      '1',
      '2',
      '3',
      '4–5',
    ])
  })
})
