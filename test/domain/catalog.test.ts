import categoriesJson from '../../src/domain/catalog/categories.json'
import pointsRulesJson from '../../src/domain/catalog/points-rules.json'
import policyJson from '../../src/domain/catalog/policy.json'
import { parseCatalog } from '../../src/domain/case/categories'
import { computeDeadline } from '../../src/domain/case/deadlines'
import { shippedSettings } from '../../src/domain/settings'
import { policySchema } from '../../src/domain/case/policy'
import { gridLevels } from '../../src/domain/grid/tree'
import { roles } from '../../src/domain/people/roles'
import { parsePointsRules, periodKinds } from '../../src/domain/rewards/points'

/*
 * The JSON tables under src/domain/catalog are configuration that districts edit. These tests hold whatever
 * the tables say to the rules an edit must keep, without pinning the values themselves.
 */

const chinese = /[\u4e00-\u9fa5]/
const isoDate = (date: string) => new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) === date
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay()
const duplicates = (items: readonly string[]) => items.filter((item, index) => items.indexOf(item) !== index)

describe('the category table', () => {
  const catalog = parseCatalog(categoriesJson)

  it('parses, with unique ids across categories and checks', () => {
    const ids = catalog.categories.flatMap((category) => [category.id, ...category.checks.map((c) => c.id)])
    expect(duplicates(ids)).toEqual([])
  })

  it('gives every category a Chinese name, checks and a positive duplicate radius', () => {
    expect(catalog.categories.length).toBeGreaterThan(0)
    for (const category of catalog.categories) {
      expect(category.name).toMatch(chinese)
      expect(category.checks.length).toBeGreaterThan(0)
      expect(category.dedupeRadiusMeters).toBeGreaterThan(0)
      for (const check of category.checks) expect(check.name).toMatch(chinese)
    }
  })
})

describe('the policy table', () => {
  const policy = policySchema.parse(policyJson)
  const categoryIds = parseCatalog(categoriesJson).categories.map((category) => category.id)

  it('escalates an unclaimed case only after alerting about it', () => {
    expect(policy.unclaimedEscalateMinutes).toBeGreaterThan(policy.unclaimedAlertMinutes)
  })

  it('allows at least as many reports a day as an hour', () => {
    expect(policy.submitLimitPerDay).toBeGreaterThanOrEqual(policy.submitLimitPerHour)
  })

  it('names only known categories as major', () => {
    expect(policy.majorCategoryIds.filter((id) => !categoryIds.includes(id))).toEqual([])
  })
})

describe('the deadline table', () => {
  const categoryIds = parseCatalog(categoriesJson).categories.map((category) => category.id)

  it('gives faster limits only to known categories', () => {
    expect(
      Object.keys(shippedSettings.deadlines.categoryHours).filter((id) => !categoryIds.includes(id)),
    ).toEqual([])
  })

  it('gives every category at every level a deadline after the case arrives', () => {
    const from = new Date('2026-11-23T02:00:00.000Z')
    for (const categoryId of categoryIds) {
      for (const level of gridLevels) {
        for (const major of [false, true]) {
          const due = computeDeadline(
            { categoryId, level, major, from },
            shippedSettings.deadlines,
            shippedSettings.holidays,
          )
          expect(due.getTime()).toBeGreaterThan(from.getTime())
        }
      }
    }
  })
})

describe('the holiday calendar', () => {
  const { holidays, workdays } = shippedSettings.holidays

  it('lists real dates, each once', () => {
    for (const date of [...holidays, ...workdays]) expect(isoDate(date)).toBe(true)
    expect(duplicates([...holidays, ...workdays])).toEqual([])
  })

  it('makes up working days only on weekends', () => {
    expect(workdays.filter((date) => ![0, 6].includes(weekday(date)))).toEqual([])
  })
})

describe('the points rules', () => {
  const book = parsePointsRules(pointsRulesJson)

  it('parses: versions increase in number and in the time they take effect', () => {
    book.versions.slice(1).forEach((version, index) => {
      const previous = book.versions[index]!
      expect(version.version).toBeGreaterThan(previous.version)
      expect(new Date(version.effectiveFrom).getTime()).toBeGreaterThan(
        new Date(previous.effectiveFrom).getTime(),
      )
    })
  })

  it.each(book.versions.map((version) => [version.version, version] as const))(
    'version %i pays positive points under positive caps',
    (_, version) => {
      for (const points of Object.values(version.points)) {
        expect(Number.isInteger(points)).toBe(true)
        expect(points).toBeGreaterThan(0)
      }
      expect(version.caps.dailyPoints).toBeGreaterThan(0)
      expect(version.caps.monthlyPoints).toBeGreaterThanOrEqual(version.caps.dailyPoints)
      expect(version.patrol.paidPerDay).toBeGreaterThan(0)
    },
  )

  it.each(book.versions.map((version) => [version.version, version] as const))(
    'version %i ranks only known roles, each in one list, and pays check-ins only to ranked roles',
    (_, version) => {
      const listed = [...version.lists.public, ...version.lists.staff]
      expect(duplicates(listed)).toEqual([])
      expect(listed.filter((role) => !(roles as readonly string[]).includes(role))).toEqual([])
      expect(version.patrol.roles.filter((role) => !listed.includes(role))).toEqual([])
    },
  )

  it.each(book.versions.map((version) => [version.version, version] as const))(
    'version %i names every award in Chinese, with at least one winner',
    (_, version) => {
      for (const kind of periodKinds) {
        expect(version.awards[kind].title).toMatch(chinese)
        expect(version.awards[kind].winners).toBeGreaterThan(0)
      }
    },
  )
})
