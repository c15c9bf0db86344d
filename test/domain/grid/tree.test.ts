import {
  GridLocator,
  GridTree,
  childGridCode,
  isValidGridCode,
  type GridNode,
} from '../../../src/domain/grid/tree'

const square = (west: number, south: number, size: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [west, south],
      [west + size, south],
      [west + size, south + size],
      [west, south + size],
      [west, south],
    ] as [number, number][],
  ],
})

const nodes: GridNode[] = [
  { _id: 'city', code: '410100', name: '郑州市', level: 'city', parentId: null },
  { _id: 'district', code: '410104', name: '管城回族区', level: 'district', parentId: 'city' },
  {
    _id: 'street',
    code: '410104010',
    name: '航海东路街道',
    level: 'street',
    parentId: 'district',
    polygon: square(113.0, 34.0, 1),
  },
  {
    _id: 'community',
    code: '410104010001',
    name: '映月路社区',
    level: 'community',
    parentId: 'street',
    polygon: square(113.0, 34.0, 0.5),
  },
  {
    _id: 'block',
    code: '410104010001001',
    name: '映月路社区第1网格',
    level: 'block',
    parentId: 'community',
    polygon: square(113.0, 34.0, 0.25),
  },
]

describe('grid codes', () => {
  it('appends a three-digit serial to the parent code', () => {
    expect(childGridCode('410104010', 7)).toBe('410104010007')
  })

  it('rejects serials that do not fit three digits', () => {
    expect(() => childGridCode('410104010', 1000)).toThrow(RangeError)
  })

  it('checks the code length of each level', () => {
    expect(isValidGridCode('block', '410104010001001')).toBe(true)
    expect(isValidGridCode('community', '410104010001001')).toBe(false)
  })
})

describe('the grid tree', () => {
  const tree = new GridTree(nodes)

  it('walks from a block up to the city', () => {
    expect(tree.lineage('block').map((node) => node._id)).toEqual([
      'block',
      'community',
      'street',
      'district',
      'city',
    ])
  })

  it('knows that a street covers its blocks but not the other way round', () => {
    expect(tree.covers('street', 'block')).toBe(true)
    expect(tree.covers('block', 'street')).toBe(false)
  })

  it('labels a grid from the street down', () => {
    expect(tree.label('block')).toBe('航海东路街道 / 映月路社区 / 映月路社区第1网格')
  })

  it('refuses a node whose parent is missing', () => {
    expect(() => new GridTree([{ ...nodes[4]!, parentId: 'nowhere' }])).toThrow(/missing parent/)
  })
})

describe('locating a point', () => {
  const locator = new GridLocator(nodes)

  it('finds the block whose polygon contains the point', () => {
    expect(locator.locate({ lng: 113.1, lat: 34.1 })?._id).toBe('block')
  })

  it('falls to the community when no block contains the point', () => {
    expect(locator.locate({ lng: 113.4, lat: 34.4 })?._id).toBe('community')
  })

  it('falls to the street when no community contains the point', () => {
    expect(locator.locate({ lng: 113.8, lat: 34.8 })?._id).toBe('street')
  })

  it('finds nothing outside every polygon', () => {
    expect(locator.locate({ lng: 115, lat: 36 })).toBeUndefined()
  })
})
