import { shippedSettings } from '../../../src/domain/settings'
import { planSiteImport, siteSheetColumns, type SheetRow } from '../../../src/domain/sites/import'
import {
  marksWith,
  naturalKeyOf,
  noMarks,
  parseSiteRules,
  repeatOffences,
  siteStatusAt,
  type SiteMarks,
} from '../../../src/domain/sites/rules'

const rules = shippedSettings.sites
const now = new Date('2026-11-23T02:00:00.000Z')
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString()

function linked(...ages: number[]): SiteMarks {
  return ages.reduce(
    (marks, age, index) => marksWith(marks, { caseId: `case-${index}`, reportedAt: daysAgo(age) }, rules),
    noMarks,
  )
}

describe("a site's colour, from its linked cases within the window", () => {
  it('is green with no linked case, yellow with one recent case, red with repeat offences', () => {
    expect(rules.status).toEqual({ windowDays: 30, yellowAt: 1, redAt: 3 })
    expect(siteStatusAt(noMarks, now, rules)).toBe('green')
    expect(siteStatusAt(linked(2), now, rules)).toBe('yellow')
    expect(siteStatusAt(linked(2, 5), now, rules)).toBe('yellow')
    expect(siteStatusAt(linked(2, 5, 29), now, rules)).toBe('red')
  })

  it('fades as the cases age out of the window, without anything being written', () => {
    const marks = linked(1, 10, 20)
    expect(siteStatusAt(marks, now, rules)).toBe('red')
    const later = (days: number) => new Date(now.getTime() + days * 86_400_000)
    // The oldest of the three leaves the window after 10 more days: two left, yellow; then none, green.
    expect(siteStatusAt(marks, later(11), rules)).toBe('yellow')
    expect(siteStatusAt(marks, later(30), rules)).toBe('green')
  })

  it('counts a case linked twice once, and keeps only the newest cases the thresholds need', () => {
    const once = marksWith(noMarks, { caseId: 'case-a', reportedAt: daysAgo(1) }, rules)
    expect(marksWith(once, { caseId: 'case-a', reportedAt: daysAgo(1) }, rules)).toBe(once)
    const many = linked(40, 3, 50, 1, 2)
    expect(many.recentCases.map((entry) => entry.reportedAt)).toEqual([daysAgo(1), daysAgo(2), daysAgo(3)])
    expect(many.redMark).toBe(daysAgo(3))
    expect(many.yellowMark).toBe(daysAgo(1))
  })

  it('follows thresholds set by the district', () => {
    const strict = parseSiteRules({ ...rules, status: { windowDays: 7, yellowAt: 2, redAt: 4 } })
    const marks = [1, 2, 3].reduce(
      (acc, age, index) => marksWith(acc, { caseId: `c${index}`, reportedAt: daysAgo(age) }, strict),
      noMarks,
    )
    expect(siteStatusAt(marks, now, strict)).toBe('yellow')
    expect(() => parseSiteRules({ ...rules, status: { windowDays: 7, yellowAt: 3, redAt: 3 } })).toThrow()
  })

  it('lists the categories a site was reported for more than once lately as repeat offences', () => {
    const history = [
      { caseId: '1', categoryId: 'construction-site', reportedAt: daysAgo(1) },
      { caseId: '2', categoryId: 'construction-site', reportedAt: daysAgo(9) },
      { caseId: '3', categoryId: 'road-dust', reportedAt: daysAgo(3) },
      { caseId: '4', categoryId: 'road-dust', reportedAt: daysAgo(45) },
    ]
    expect(repeatOffences(history, now, rules)).toEqual([{ categoryId: 'construction-site', count: 2 }])
  })
})

describe("a site's natural key", () => {
  it('is its unified social credit code when it has one, else its name and address with spacing folded', () => {
    expect(naturalKeyOf({ creditCode: '91410100MA44XXXX1A', name: 'A', address: 'B' })).toBe(
      'code:91410100MA44XXXX1A',
    )
    expect(naturalKeyOf({ creditCode: '', name: '映月路 工地', address: '映月路１号' })).toBe(
      naturalKeyOf({ creditCode: '', name: '映月路工地', address: '映月路1号' }),
    )
  })
})

describe('planning an import', () => {
  const header: SheetRow = { line: 1, cells: siteSheetColumns.map((column) => column.header) }
  const row = (line: number, values: Partial<Record<string, string>>): SheetRow => ({
    line,
    cells: siteSheetColumns.map(
      (column) =>
        values[column.header] ??
        { 名称: `工地${line}`, 类型: '建筑工地', 地址: `映月路${line}号`, 经度: '113.69', 纬度: '34.72' }[
          column.header as '名称'
        ] ??
        '',
    ),
  })
  const locating = {
    locate: (point: { lng: number; lat: number }) => (point.lng < 113.8 ? 'grid-own' : undefined),
    withinDistrict: (gridId: string) => gridId === 'grid-own',
  }

  it('rejects each bad row with its line and reason, and keeps the rest', () => {
    const plan = planSiteImport(
      header,
      [
        row(2, {}),
        row(3, { 类型: '加油站' }),
        row(4, { 经度: '东经113度' }),
        row(5, { 名称: '' }),
        row(6, { 经度: '113.9' }),
        row(7, { 统一社会信用代码: '12345' }),
        row(8, { 名称: '工地2', 地址: '映月路2号' }),
        row(9, { 联系电话: 'call me' }),
        row(10, { 类型: 'mixing-plant' }),
        { line: 11, cells: [] },
      ],
      rules,
      locating,
    )
    if ('error' in plan) throw new Error(plan.error)
    expect(plan.sites.map((site) => [site.line, site.fields.type])).toEqual([
      [2, 'construction'],
      [10, 'mixing-plant'],
    ])
    expect(plan.rejected).toEqual([
      { line: 3, name: '工地3', reason: '类型“加油站”不在类型表中' },
      { line: 4, name: '工地4', reason: '经纬度应为数字（GCJ-02 坐标）' },
      { line: 5, name: '', reason: '请填写名称' },
      { line: 6, name: '工地6', reason: '该位置不在任何网格范围内' },
      { line: 7, name: '工地7', reason: '统一社会信用代码应为18位数字或大写字母' },
      { line: 8, name: '工地2', reason: '与第2行重复（同一统一社会信用代码，或同名同地址）' },
      { line: 9, name: '工地9', reason: '联系电话格式不正确' },
    ])
  })

  it('refuses a sheet whose header lacks a required column, naming it', () => {
    const plan = planSiteImport({ line: 1, cells: ['名称', '地址', '经度'] }, [], rules, locating)
    expect(plan).toEqual({ error: '第1行表头缺少：类型、纬度' })
  })
})
