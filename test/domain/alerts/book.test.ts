import {
  alertAt,
  alertEffect,
  alertsOf,
  overlappingAlert,
  underAlert,
  type AlertEntry,
} from '../../../src/domain/alerts/book'
import { parseAlertLevels } from '../../../src/domain/alerts/levels'
import type { DecideContext } from '../../../src/domain/case/acts/kit'
import type { CaseRecord } from '../../../src/domain/case/record'
import { shippedSettings } from '../../../src/domain/settings'
import alertLevelsJson from '../../../src/domain/catalog/alert-levels.json'

const table = shippedSettings.alertLevels
const by = { by: 'office', byNickname: '大气办小江', note: '' }
const set = (alertId: string, level: 'yellow' | 'orange' | 'red', startsAt: string, endsAt: string) =>
  ({ type: 'set', alertId, level, startsAt, endsAt, at: '2026-11-20T00:00:00.000Z', ...by }) as const
const lift = (alertId: string, at: string) => ({ type: 'lift', alertId, at, ...by }) as const

const book: AlertEntry[] = [
  set('d:1', 'yellow', '2026-11-21T00:00:00.000Z', '2026-11-23T00:00:00.000Z'),
  set('d:2', 'red', '2026-11-25T00:00:00.000Z', '2026-11-28T00:00:00.000Z'),
  lift('d:2', '2026-11-26T06:00:00.000Z'),
]

describe('which heavy-pollution alert holds at an instant', () => {
  const alerts = alertsOf(book)

  it('holds from its start, up to (not at) its end', () => {
    expect(alertAt(alerts, '2026-11-20T23:59:59.999Z')).toBeNull()
    expect(alertAt(alerts, '2026-11-21T00:00:00.000Z')?.id).toBe('d:1')
    expect(alertAt(alerts, '2026-11-22T23:59:59.999Z')?.id).toBe('d:1')
    expect(alertAt(alerts, '2026-11-23T00:00:00.000Z')).toBeNull()
  })

  it('ends at its lift when lifted early, keeping the planned end in the history', () => {
    expect(alertAt(alerts, new Date('2026-11-26T05:59:00.000Z'))?.level).toBe('red')
    expect(alertAt(alerts, new Date('2026-11-26T06:00:00.000Z'))).toBeNull()
    expect(alerts[0]).toMatchObject({
      id: 'd:2',
      plannedEndsAt: '2026-11-28T00:00:00.000Z',
      endsAt: '2026-11-26T06:00:00.000Z',
      lift: { at: '2026-11-26T06:00:00.000Z' },
    })
  })

  it('never holds when lifted before its start', () => {
    const cancelled = alertsOf([
      set('d:3', 'orange', '2026-12-01T00:00:00.000Z', '2026-12-02T00:00:00.000Z'),
      lift('d:3', '2026-11-30T00:00:00.000Z'),
    ])
    expect(alertAt(cancelled, '2026-12-01T12:00:00.000Z')).toBeNull()
  })

  it('finds an alert whose window meets a new one, and lets one start where another ends', () => {
    expect(
      overlappingAlert(alerts, { startsAt: '2026-11-22T12:00:00.000Z', endsAt: '2026-11-24T00:00:00.000Z' })
        ?.id,
    ).toBe('d:1')
    expect(
      overlappingAlert(alerts, { startsAt: '2026-11-23T00:00:00.000Z', endsAt: '2026-11-25T00:00:00.000Z' }),
    ).toBeNull()
    // The lifted alert's window ends at its lift.
    expect(
      overlappingAlert(alerts, { startsAt: '2026-11-26T07:00:00.000Z', endsAt: '2026-11-27T00:00:00.000Z' }),
    ).toBeNull()
  })
})

describe('what an alert does to a new report', () => {
  const now = new Date('2026-11-21T02:00:00.000Z')
  const fiveDays = '2026-11-26T02:00:00.000Z'
  const base = {
    now,
    policy: shippedSettings.policy,
    deadlineFor: () => fiveDays,
  } as unknown as DecideContext
  const record = {} as CaseRecord
  const [yellow] = alertsOf([set('d:1', 'yellow', '2026-11-21T00:00:00.000Z', '2026-11-23T00:00:00.000Z')])

  it("concerns the level's listed categories only", () => {
    expect(alertEffect(yellow!, 'construction-site', table)).toEqual({
      level: 'yellow',
      deadlineHours: 12,
      major: true,
    })
    expect(alertEffect(yellow!, 'restaurant-fumes', table)).toBeNull()
    expect(alertEffect(null, 'construction-site', table)).toBeNull()
  })

  it("shortens a listed category's deadline to the level's hours and makes it major", () => {
    const ctx = underAlert(base, yellow!, 'construction-site', table)
    expect(ctx.deadlineFor(record, 'block')).toBe('2026-11-21T14:00:00.000Z')
    expect(ctx.policy.majorCategoryIds).toContain('construction-site')
  })

  it('keeps a normal deadline that is sooner than the alert would give', () => {
    const soon = { ...base, deadlineFor: () => '2026-11-21T06:00:00.000Z' }
    expect(underAlert(soon, yellow!, 'open-burning', table).deadlineFor(record, 'block')).toBe(
      '2026-11-21T06:00:00.000Z',
    )
  })

  it('leaves unlisted categories and times without an alert as they were', () => {
    expect(underAlert(base, yellow!, 'restaurant-fumes', table)).toBe(base)
    expect(underAlert(base, null, 'construction-site', table)).toBe(base)
  })

  it('tightens with the level: red is due sooner than yellow and lists more', () => {
    expect(table.levels.red.deadlineHours).toBeLessThan(table.levels.yellow.deadlineHours)
    for (const id of table.levels.yellow.categoryIds) expect(table.levels.red.categoryIds).toContain(id)
  })
})

describe('the alert levels table', () => {
  it('refuses a level naming a category the catalog does not have', () => {
    const edited = structuredClone(alertLevelsJson)
    edited.levels.orange.categoryIds.push('no-such-category')
    expect(() => parseAlertLevels(edited, shippedSettings.categories)).toThrow(
      'levels.orange.categoryIds: unknown category no-such-category',
    )
  })
})
