import {
  applyCaps,
  awardStatusLabel,
  compareRank,
  draftsFor,
  listFor,
  noCapsUsed,
  parsePointsRules,
  periodBounds,
  periodEnded,
  periodKeysOf,
  periodKindOf,
  periodLabel,
  previousPeriodKey,
  rankScopesOf,
  rulesAt,
  tallyDelta,
  type CaseFacts,
  type PersonFacts,
  type PointsDraft,
  type PointsEntry,
  type PointsFact,
  type PointsRuleBook,
} from '../../../src/domain/rewards/points'

/**
 * The rule table these tests reason about. It is written out here rather than read from the shipped table,
 * which districts edit: the expectations below follow from these values.
 */
const rulesJson = {
  versions: [
    {
      version: 1,
      effectiveFrom: '2026-01-01T00:00:00+08:00',
      note: '测试规则',
      points: { reportAccepted: 10, reportRectified: 5, caseJoined: 1, patrolCheckIn: 3 },
      acceptedOn: ['claim', 'request-city', 'verify'],
      rectifiedOn: ['verify'],
      reverseOnReject: ['fake', 'duplicate', 'not-pollution', 'out-of-scope', 'unclear-photo'],
      reverseOnMerge: true,
      caps: { dailyPoints: 40, monthlyPoints: 400 },
      patrol: {
        roles: ['volunteer', 'grid_member', 'grid_leader', 'sunk_staff'],
        paidPerDay: 2,
        minPhotos: 1,
      },
      lists: { public: ['resident', 'volunteer'], staff: ['grid_member', 'grid_leader', 'sunk_staff'] },
      awards: {
        month: { title: '月度环保市民', winners: 10 },
        quarter: { title: '季度环保达人', winners: 5 },
        year: { title: '年度环保之星', winners: 3 },
      },
    },
  ],
}
const book = parsePointsRules(rulesJson)
const v1 = book.versions[0]!
const drafts = (fact: PointsFact, rules: PointsRuleBook = book) => draftsFor(fact, rules)
/** A draft as the ledger books it when no cap is in the way. */
const booked = (draft: PointsDraft, seq = 1): PointsEntry => ({
  ...applyCaps(draft, v1, noCapsUsed).entry,
  seq,
})

const resident: PersonFacts = {
  openid: 'resident-1',
  role: 'resident',
  districtId: 'district-a',
  streetId: 'street-a',
}
const volunteer: PersonFacts = {
  openid: 'volunteer-1',
  role: 'volunteer',
  districtId: 'district-a',
  streetId: 'street-a',
}
const gridMember: PersonFacts = {
  openid: 'member-1',
  role: 'grid_member',
  districtId: 'district-a',
  streetId: 'street-a',
}
const office: PersonFacts = {
  openid: 'office-1',
  role: 'district_office',
  districtId: 'district-a',
  streetId: '',
}

const openCase = (overrides: Partial<CaseFacts> = {}): CaseFacts => ({
  caseId: 'case-1',
  caseNo: '20261123-0001',
  reporterId: resident.openid,
  anonymous: false,
  status: 'claimed',
  ...overrides,
})

function eventFact(
  type: string,
  options: {
    at?: string
    actorId?: string
    case?: Partial<CaseFacts>
    reporter?: PersonFacts
    actor?: PersonFacts
    details?: Record<string, unknown>
    existing?: PointsEntry[]
  } = {},
): PointsFact {
  return {
    kind: 'case-event',
    event: {
      type,
      caseId: 'case-1',
      actorId: options.actorId ?? gridMember.openid,
      at: options.at ?? '2026-11-23T02:00:00.000Z',
      seq: 1,
      details: options.details ?? {},
    },
    case: openCase(options.case),
    reporter: options.reporter ?? resident,
    actor: options.actor,
    existing: options.existing ?? [],
  }
}

/** The same rules with a second version from 1 December 2026 (Beijing) paying 20 for an accepted report. */
function bookWithDecemberVersion(): PointsRuleBook {
  const json = JSON.parse(JSON.stringify(rulesJson)) as { versions: Record<string, unknown>[] }
  const first = json.versions[0] as { points: Record<string, number> }
  json.versions.push({
    ...first,
    version: 2,
    effectiveFrom: '2026-12-01T00:00:00+08:00',
    points: { ...first.points, reportAccepted: 20 },
  })
  return parsePointsRules(json)
}

describe('the points rule table', () => {
  it('refuses versions that do not increase in number and start time', () => {
    const json = JSON.parse(JSON.stringify(rulesJson)) as { versions: Record<string, unknown>[] }
    json.versions.push({ ...json.versions[0]!, version: 2, effectiveFrom: '2025-06-01T00:00:00+08:00' })
    expect(() => parsePointsRules(json)).toThrow(/must start after/)
    json.versions[1] = { ...json.versions[0]!, version: 1, effectiveFrom: '2027-01-01T00:00:00+08:00' }
    expect(() => parsePointsRules(json)).toThrow(/version 1 after 1/)
  })

  it('refuses a role in both lists, and a table without required fields', () => {
    const json = JSON.parse(JSON.stringify(rulesJson)) as {
      versions: { lists: { public: string[]; staff: string[] } }[]
    }
    json.versions[0]!.lists.staff.push('volunteer')
    expect(() => parsePointsRules(json)).toThrow(/volunteer in both lists/)
    expect(() => parsePointsRules({ versions: [{ version: 1 }] })).toThrow()
  })

  it('picks the version in force at the event’s time, and nothing before the first one', () => {
    const twoVersions = bookWithDecemberVersion()
    expect(rulesAt(twoVersions, '2026-11-30T15:59:00.000Z')?.version).toBe(1) // 23:59 Beijing
    expect(rulesAt(twoVersions, '2026-11-30T16:00:00.000Z')?.version).toBe(2) // midnight Beijing
    expect(rulesAt(twoVersions, '2025-12-31T15:59:59.999Z')).toBeUndefined()
    expect(drafts(eventFact('claim', { at: '2025-12-31T15:00:00.000Z' }), twoVersions)).toEqual([])
  })

  it('changing the table affects only later awards: the same act pays by the version of its own time', () => {
    const twoVersions = bookWithDecemberVersion()
    const before = drafts(eventFact('claim', { at: '2026-11-30T15:59:00.000Z' }), twoVersions)
    const after = drafts(eventFact('claim', { at: '2026-11-30T16:01:00.000Z' }), twoVersions)
    expect(before).toMatchObject([{ basePoints: 10, ruleVersion: 1 }])
    expect(after).toMatchObject([{ basePoints: 20, ruleVersion: 2 }])
  })

  it('puts residents and volunteers in the public list, grid staff in the staff list, offices in none', () => {
    expect(listFor('resident', v1)).toBe('public')
    expect(listFor('volunteer', v1)).toBe('public')
    expect(listFor('grid_member', v1)).toBe('staff')
    expect(listFor('grid_leader', v1)).toBe('staff')
    expect(listFor('sunk_staff', v1)).toBe('staff')
    expect(listFor('district_office', v1)).toBeNull()
    expect(listFor('supervisor', v1)).toBeNull()
  })
})

describe('periods in Beijing time', () => {
  it('counts 23:59 on the last day of a month in that month and 00:01 the next day in the next', () => {
    expect(periodKeysOf('2026-11-30T15:59:00.000Z')).toEqual({
      day: '2026-11-30',
      month: '2026-11',
      quarter: '2026-Q4',
      year: '2026',
    })
    expect(periodKeysOf('2026-11-30T16:01:00.000Z')).toEqual({
      day: '2026-12-01',
      month: '2026-12',
      quarter: '2026-Q4',
      year: '2026',
    })
  })

  it('splits quarters at midnight Beijing time (30 September 23:59 vs 1 October 00:01)', () => {
    expect(periodKeysOf('2026-09-30T15:59:00.000Z').quarter).toBe('2026-Q3')
    expect(periodKeysOf('2026-09-30T16:01:00.000Z').quarter).toBe('2026-Q4')
  })

  it('splits years at midnight Beijing time, which is 16:00 UTC on 31 December', () => {
    expect(periodKeysOf('2026-12-31T15:59:00.000Z')).toMatchObject({
      month: '2026-12',
      quarter: '2026-Q4',
      year: '2026',
    })
    expect(periodKeysOf('2026-12-31T16:01:00.000Z')).toMatchObject({
      month: '2027-01',
      quarter: '2027-Q1',
      year: '2027',
    })
  })

  it('gives each period’s bounds as instants, and knows when it has ended', () => {
    expect(periodBounds('2026-11')).toEqual({
      start: new Date('2026-10-31T16:00:00.000Z'),
      end: new Date('2026-11-30T16:00:00.000Z'),
    })
    expect(periodBounds('2026-Q4').end).toEqual(new Date('2026-12-31T16:00:00.000Z'))
    expect(periodBounds('2026').start).toEqual(new Date('2025-12-31T16:00:00.000Z'))
    expect(periodEnded('2026-11', new Date('2026-11-30T15:59:59.999Z'))).toBe(false)
    expect(periodEnded('2026-11', new Date('2026-11-30T16:00:00.000Z'))).toBe(true)
  })

  it('names the period that ended last, and labels periods in Chinese', () => {
    const earlyDecember = new Date('2026-11-30T16:05:00.000Z')
    expect(previousPeriodKey('month', earlyDecember)).toBe('2026-11')
    expect(previousPeriodKey('quarter', earlyDecember)).toBe('2026-Q3')
    expect(previousPeriodKey('year', earlyDecember)).toBe('2025')
    expect(periodLabel('2026-11')).toBe('2026年11月')
    expect(periodLabel('2026-Q4')).toBe('2026年第四季度')
    expect(periodLabel('2026')).toBe('2026年度')
  })

  it('awards months, quarters and years only: a day or a week is no award period', () => {
    expect(['2026-11', '2026-Q4', '2026', '2026-11-30', '2026-W49', '2026-R49'].map(periodKindOf)).toEqual([
      'month',
      'quarter',
      'year',
      undefined,
      undefined,
      undefined,
    ])
  })
})

describe('what an event pays', () => {
  it('pays the reporter for an accepted report on the grid’s first claim, keyed by case and reporter', () => {
    expect(drafts(eventFact('claim'))).toEqual([
      expect.objectContaining({
        _id: 'report-accepted:case-1:resident-1',
        openid: 'resident-1',
        reason: 'report-accepted',
        basePoints: 10,
        list: 'public',
        periods: { day: '2026-11-23', month: '2026-11', quarter: '2026-Q4', year: '2026' },
      }),
    ])
  })

  it('produces the same key when a reopened case is claimed again, so the ledger pays once', () => {
    const first = drafts(eventFact('claim'))
    const again = drafts(eventFact('claim', { at: '2026-11-28T02:00:00.000Z' }))
    expect(again.map((draft) => draft._id)).toEqual(first.map((draft) => draft._id))
  })

  it('adds the rectification bonus on verification (and the acceptance, if no claim came first)', () => {
    expect(
      drafts(eventFact('verify', { actorId: 'leader-2' })).map((entry) => [entry.reason, entry.basePoints]),
    ).toEqual([
      ['report-accepted', 10],
      ['report-rectified', 5],
    ])
  })

  it('pays nothing for an anonymous report', () => {
    expect(drafts(eventFact('claim', { case: { anonymous: true } }))).toEqual([])
    expect(drafts(eventFact('verify', { case: { anonymous: true } }))).toEqual([])
  })

  it('pays nothing for a report that is rejected or merged by now, whatever order its events are read in', () => {
    expect(drafts(eventFact('claim', { case: { status: 'rejected' } }))).toEqual([])
    expect(drafts(eventFact('claim', { case: { status: 'merged' } }))).toEqual([])
  })

  it('pays nothing when the reporter accepts their own report', () => {
    const selfReported = eventFact('claim', {
      actorId: gridMember.openid,
      case: { reporterId: gridMember.openid },
      reporter: gridMember,
    })
    expect(drafts(selfReported)).toEqual([])
  })

  it('pays a staff member nothing for their own report once they took part in handling it, whoever acted', () => {
    const handledOwn = eventFact('verify', {
      actorId: 'leader-2',
      case: { reporterId: gridMember.openid, handledByReporter: true },
      reporter: gridMember,
    })
    expect(drafts(handledOwn)).toEqual([])
    const handledByOthers = eventFact('verify', {
      actorId: 'leader-2',
      case: { reporterId: gridMember.openid, handledByReporter: false },
      reporter: gridMember,
    })
    expect(drafts(handledByOthers).map((draft) => draft.reason)).toEqual([
      'report-accepted',
      'report-rectified',
    ])
  })

  it('pays nothing for a join from far away or from nowhere said', () => {
    for (const details of [{ near: false }, {}]) {
      expect(drafts(eventFact('join', { actorId: volunteer.openid, actor: volunteer, details }))).toEqual([])
    }
  })

  it('pays a small amount to the person who joins an existing case, once per case', () => {
    const joined = drafts(
      eventFact('join', { actorId: volunteer.openid, actor: volunteer, details: { near: true } }),
    )
    expect(joined).toEqual([
      expect.objectContaining({
        _id: 'case-joined:case-1:volunteer-1',
        openid: 'volunteer-1',
        basePoints: 1,
      }),
    ])
  })

  it('ranks grid staff in their own list, and leaves them out when the staff list is empty', () => {
    const staffReport = eventFact('claim', {
      actorId: 'leader-3',
      case: { reporterId: gridMember.openid },
      reporter: gridMember,
    })
    expect(drafts(staffReport)).toEqual([
      expect.objectContaining({ openid: 'member-1', list: 'staff', basePoints: 10 }),
    ])
    const json = JSON.parse(JSON.stringify(rulesJson)) as { versions: { lists: { staff: string[] } }[] }
    json.versions[0]!.lists.staff = []
    expect(drafts(staffReport, parsePointsRules(json))).toEqual([])
  })

  it('pays nothing to roles in no list (district offices, supervisors)', () => {
    expect(drafts(eventFact('claim', { case: { reporterId: office.openid }, reporter: office }))).toEqual([])
  })

  it('pays nothing for acts that are not an acceptance (submit, escalate, confirm)', () => {
    for (const type of ['submit', 'escalate', 'confirm', 'yellow-card', 'release'])
      expect(drafts(eventFact(type))).toEqual([])
  })

  it('pays a patrol check-in to volunteers and grid staff, each in their own list', () => {
    const checkIn = (person: PersonFacts): PointsFact => ({
      kind: 'patrol',
      patrolId: 'patrol-1',
      at: '2026-11-23T02:00:00.000Z',
      person,
      placeLabel: '映月路社区',
    })
    expect(drafts(checkIn(volunteer))).toEqual([
      expect.objectContaining({
        _id: 'patrol-check-in:patrol-1',
        basePoints: 3,
        list: 'public',
        note: '巡查打卡：映月路社区',
      }),
    ])
    expect(drafts(checkIn(gridMember))).toEqual([expect.objectContaining({ basePoints: 3, list: 'staff' })])
    expect(drafts(checkIn(resident))).toEqual([])
  })
})

describe('reversal', () => {
  const accepted = booked(drafts(eventFact('claim'))[0]!)
  const joined = booked(
    drafts(eventFact('join', { actorId: volunteer.openid, actor: volunteer, details: { near: true } }))[0]!,
  )

  it('cancels every positive entry of a case later found fake with a new negative entry, in the original’s periods', () => {
    const reversals = drafts(
      eventFact('reject', {
        at: '2026-12-02T02:00:00.000Z',
        details: { reason: 'fake' },
        existing: [accepted, joined],
        case: { status: 'rejected' },
      }),
      book,
    )
    expect(reversals).toEqual([
      expect.objectContaining({
        _id: `reversal:${accepted._id}`,
        openid: 'resident-1',
        basePoints: -10,
        reverses: accepted._id,
        reversedReason: 'report-accepted',
        periods: accepted.periods,
      }),
      expect.objectContaining({
        _id: `reversal:${joined._id}`,
        openid: 'volunteer-1',
        basePoints: -1,
        reverses: joined._id,
      }),
    ])
    expect(reversals[0]!.note).toBe('问题20261123-0001不予受理（虚假举报），撤销“举报被受理”积分')
    expect(reversals[0]!.at).toBe('2026-12-02T02:00:00.000Z')
  })

  it('reverses a report merged as a duplicate, and never reverses an entry twice', () => {
    const first = drafts(eventFact('merge', { existing: [accepted] }))
    expect(first).toEqual([
      expect.objectContaining({ basePoints: -10, note: expect.stringContaining('已并案（重复举报）') }),
    ])
    expect(drafts(eventFact('merge', { existing: [accepted, booked(first[0]!)] }))).toEqual([])
  })

  it('keeps the points of a rejection whose reason the table does not reverse', () => {
    const json = JSON.parse(JSON.stringify(rulesJson)) as { versions: { reverseOnReject: string[] }[] }
    json.versions[0]!.reverseOnReject = ['fake']
    const onlyFake = parsePointsRules(json)
    expect(
      drafts(eventFact('reject', { details: { reason: 'out-of-scope' }, existing: [accepted] }), onlyFake),
    ).toEqual([])
    expect(
      drafts(eventFact('reject', { details: { reason: 'fake' }, existing: [accepted] }), onlyFake),
    ).toHaveLength(1)
  })

  it('takes an accepted report back out of the accepted-reports count', () => {
    expect(tallyDelta(accepted)).toEqual({ points: 10, acceptedReports: 1 })
    const reversal = booked(
      drafts(eventFact('reject', { details: { reason: 'fake' }, existing: [accepted] }))[0]!,
    )
    expect(tallyDelta(reversal)).toEqual({ points: -10, acceptedReports: -1 })
    expect(tallyDelta(joined)).toEqual({ points: 1, acceptedReports: 0 })
  })
})

describe('caps', () => {
  const draft = drafts(eventFact('claim'))[0]!

  it('pays only what is left under the daily cap, and says so', () => {
    const { entry } = applyCaps(draft, v1, { day: v1.caps.dailyPoints - 4, month: 100, patrolsToday: 0 })
    expect(entry).toMatchObject({
      points: 4,
      capped: true,
      note: expect.stringContaining('已达每日积分上限，按4分计'),
    })
  })

  it('pays nothing once the monthly cap is reached', () => {
    const { entry } = applyCaps(draft, v1, { day: 0, month: v1.caps.monthlyPoints, patrolsToday: 0 })
    expect(entry).toMatchObject({
      points: 0,
      capped: true,
      note: expect.stringContaining('每月积分上限，本次不计分'),
    })
  })

  it('pays only the first check-ins of a day', () => {
    const checkIn = drafts(
      { kind: 'patrol', patrolId: 'p', at: '2026-11-23T02:00:00.000Z', person: volunteer, placeLabel: '' },
      book,
    )[0]!
    expect(
      applyCaps(checkIn, v1, { ...noCapsUsed, patrolsToday: v1.patrol.paidPerDay - 1 }).entry.points,
    ).toBe(3)
    expect(applyCaps(checkIn, v1, { ...noCapsUsed, patrolsToday: v1.patrol.paidPerDay }).entry).toMatchObject(
      { points: 0, capped: true },
    )
  })

  it('applies caps in order within one event (acceptance first, then the bonus)', () => {
    // The ledger books an event's drafts one after the other, each reading the caps the previous one used.
    const [acceptance, bonus] = drafts(eventFact('verify'))
    expect([acceptance?.reason, bonus?.reason]).toEqual(['report-accepted', 'report-rectified'])
    const first = applyCaps(acceptance!, v1, { day: v1.caps.dailyPoints - 12, month: 0, patrolsToday: 0 })
    const second = applyCaps(bonus!, v1, first.used)
    expect([first.entry.points, second.entry.points]).toEqual([10, 2])
  })

  it('never caps a reversal and gives no cap room back', () => {
    const reversal = { ...draft, _id: 'reversal:x', reason: 'reversal' as const, basePoints: -10 }
    const used = { day: v1.caps.dailyPoints, month: v1.caps.monthlyPoints, patrolsToday: 0 }
    expect(applyCaps(reversal, v1, used)).toEqual({
      entry: expect.objectContaining({ points: -10, capped: false }),
      used,
    })
  })
})

describe('ranking order and awards', () => {
  const row = (openid: string, points: number, acceptedReports: number, firstAt: string) => ({
    openid,
    points,
    acceptedReports,
    firstAt,
  })

  it('ranks by points, then more accepted reports, then who first earned points earlier, then openid', () => {
    const rows = [
      row('e', 30, 1, '2026-11-05T00:00:00.000Z'),
      row('d', 30, 2, '2026-11-09T00:00:00.000Z'),
      row('c', 30, 2, '2026-11-02T00:00:00.000Z'),
      row('b', 40, 0, '2026-11-20T00:00:00.000Z'),
      row('a', 30, 2, '2026-11-02T00:00:00.000Z'),
    ]
    expect([...rows].sort(compareRank).map((r) => r.openid)).toEqual(['b', 'a', 'c', 'd', 'e'])
  })

  it('ranks each tally for everyone, its district and its street office', () => {
    expect(rankScopesOf({ districtId: 'd', streetId: 's' })).toEqual(['all', 'district:d', 'street:s'])
    expect(rankScopesOf({ districtId: 'd', streetId: '' })).toEqual(['all', 'district:d'])
  })

  it('labels a draft of a period not yet ended as 草稿·周期未结束', () => {
    expect(awardStatusLabel('draft', '2026-11', new Date('2026-11-23T02:00:00.000Z'))).toBe('草稿·周期未结束')
    expect(awardStatusLabel('draft', '2026-11', new Date('2026-12-01T02:00:00.000Z'))).toBe('草稿·待审核发布')
    expect(awardStatusLabel('published', '2026-11', new Date('2026-12-01T02:00:00.000Z'))).toBe('已发布')
  })
})
