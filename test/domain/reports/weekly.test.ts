import { figuresOf } from '../../../src/domain/reports/overview'
import { draftStreetWeek, lateReports, submitDeadline, weekToDraft } from '../../../src/domain/reports/weekly'
import { parseSettings, SettingsError, shippedSettings } from '../../../src/domain/settings'
import { periodBounds, reportDueDate } from '../../../src/domain/shared/time'

const categories = ['open-burning', 'road-dust']
const community = (gridId: string, sheet: Parameters<typeof figuresOf>[0]) => ({
  name: `社区${gridId}`,
  overview: { gridId, ...figuresOf(sheet, categories) },
})

describe('which week a Thursday run drafts', () => {
  it('drafts, on a Beijing Thursday, the report week that ends that day', () => {
    // 2026-12-03 is a Thursday in Beijing from 2026-12-02T16:00Z.
    const week = weekToDraft(new Date('2026-12-02T16:30:00Z'), 4)
    expect(week).toBe('2026-R49')
    expect(reportDueDate(week!)).toBe('2026-12-03')
    expect(periodBounds(week!).end.toISOString()).toBe('2026-12-02T16:00:00.000Z')
  })

  it('drafts nothing on another day, even when UTC still says Thursday', () => {
    expect(weekToDraft(new Date('2026-12-02T15:59:00Z'), 4)).toBeUndefined()
    expect(weekToDraft(new Date('2026-12-03T16:00:00Z'), 4)).toBeUndefined()
  })

  it('follows the configured weekday', () => {
    expect(weekToDraft(new Date('2026-12-04T02:00:00Z'), 5)).toBe('2026-R49')
    expect(weekToDraft(new Date('2026-12-04T02:00:00Z'), 4)).toBeUndefined()
  })
})

describe('drafting a street’s communities', () => {
  const drafts = draftStreetWeek('2026-R49', [
    community('c1', { c: { received: 5, due: 4, closed: 3, closedOnTime: 2, overdue: 1 } }),
    community('c2', { c: { received: 2, due: 2, closed: 2, closedOnTime: 2 } }),
    community('c3', undefined),
  ])

  it('keys each draft by community and week, so a re-run lands on the same document', () => {
    expect(drafts.map((d) => d.id)).toEqual(['c1:2026-R49', 'c2:2026-R49', 'c3:2026-R49'])
    expect(draftStreetWeek('2026-R49', [community('c1', undefined)])[0]!.id).toBe(drafts[0]!.id)
  })

  it('carries the handling figures and ranks by on-time closure, nothing due last', () => {
    const [c1, c2, c3] = drafts.map((d) => d.handling)
    expect(c1).toMatchObject({ received: 5, due: 4, closed: 3, closedOnTime: 2, overdue: 1, onTimeRate: 0.5 })
    expect([c2!.rank, c1!.rank, c3!.rank]).toEqual([1, 2, 3])
    expect(drafts[0]!.dueDate).toBe('2026-12-03')
  })
})

describe('late submissions', () => {
  const deadline = new Date('2026-12-03T10:00:00Z')
  const reports = [
    { id: 'on-time', submittedAt: '2026-12-03T09:00:00Z' },
    { id: 'late', submittedAt: '2026-12-03T11:00:00Z' },
    { id: 'missing', submittedAt: null },
  ]
  it('lists missing reports only once the deadline has passed, and those submitted after it', () => {
    expect(lateReports(reports, deadline, new Date('2026-12-03T09:30:00Z')).map((r) => r.id)).not.toContain(
      'missing',
    )
    expect(lateReports(reports, deadline, new Date('2026-12-03T12:00:00Z')).map((r) => r.id)).toEqual([
      'late',
      'missing',
    ])
  })
})

describe('the report day and deadline as data', () => {
  it('ships Thursday and a deadline at the configured Beijing hour of the due day', () => {
    const { weekday, submitByHour } = shippedSettings.policy.weeklyReport
    expect(weekToDraft(new Date('2026-12-02T16:30:00Z'), weekday)).toBe('2026-R49')
    const deadline = submitDeadline('2026-R49', submitByHour)
    expect(deadline.toISOString()).toBe(new Date(Date.UTC(2026, 11, 3, submitByHour - 8)).toISOString())
  })

  it('refuses a weekday outside Monday to Sunday', () => {
    const policy = { ...shippedSettings.policy, weeklyReport: { weekday: 8, submitByHour: 18 } }
    expect(() => parseSettings({ policy })).toThrow(SettingsError)
  })
})
