import { categories, categoryCatalog, findCheck, parseCatalog } from '../../../src/domain/case/categories'

describe('the category catalog', () => {
  it('has the nine items of seed 000 with 48 checks in all', () => {
    expect(categories.map((category) => category.name)).toEqual([
      '拆迁工地',
      '建筑工地',
      '道路扬尘',
      '黄土裸露',
      '秸秆和垃圾焚烧',
      '露天烧烤油烟',
      '饭店油烟净化装置',
      '燃煤大灶',
      '土小企业',
    ])
    expect(categories.reduce((sum, category) => sum + category.checks.length, 0)).toBe(48)
  })

  it('finds a check only under its own category', () => {
    expect(findCheck('construction-site', 'construction-truck-unwashed')?.name).toBe('出入车辆未100%冲洗')
    expect(findCheck('road-dust', 'construction-truck-unwashed')).toBeUndefined()
  })

  it('refuses an edited catalog that repeats an id', () => {
    const edited = structuredClone(categoryCatalog)
    edited.categories[1]!.checks[0]!.id = edited.categories[0]!.checks[0]!.id
    expect(() => parseCatalog(edited)).toThrow(/duplicate id/)
  })
})
