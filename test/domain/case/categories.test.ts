import { findCategory, findCheck, parseCatalog } from '../../../src/domain/case/categories'

const catalog = parseCatalog({
  version: 1,
  categories: [
    {
      id: 'construction-site',
      name: '建筑工地',
      hint: '',
      dedupeRadiusMeters: 300,
      checks: [{ id: 'construction-truck-unwashed', name: '出入车辆未100%冲洗' }],
    },
    {
      id: 'road-dust',
      name: '道路扬尘',
      hint: '',
      dedupeRadiusMeters: 200,
      checks: [{ id: 'road-not-swept', name: '道路未及时清扫' }],
    },
  ],
})

describe('the category catalog', () => {
  it('finds a category by id, and a check only under its own category', () => {
    expect(findCategory('road-dust', catalog)?.name).toBe('道路扬尘')
    expect(findCheck('construction-site', 'construction-truck-unwashed', catalog)?.name).toBe(
      '出入车辆未100%冲洗',
    )
    expect(findCheck('road-dust', 'construction-truck-unwashed', catalog)).toBeUndefined()
    expect(findCategory('unknown', catalog)).toBeUndefined()
  })

  it('refuses an edited catalog that repeats an id', () => {
    const edited = structuredClone(catalog)
    edited.categories[1]!.checks[0]!.id = edited.categories[0]!.checks[0]!.id
    expect(() => parseCatalog(edited)).toThrow(/duplicate id/)
  })

  it('refuses a category without checks', () => {
    const edited = structuredClone(catalog)
    edited.categories[0]!.checks = []
    expect(() => parseCatalog(edited)).toThrow()
  })
})
