import type { CaseCommand } from '../../../src/domain/case/status'
import { caseCommands } from '../../../src/domain/case/status'
import {
  figureRules,
  foldFigures,
  openFigures,
  sourceOf,
  stepFigures,
  type CaseFigures,
  type FigureEvent,
} from '../../../src/domain/reports/case-figures'
import { changesBetween, contributionsOf } from '../../../src/domain/reports/contributions'

/*
 * The event → indicator table, row by row: what each kind of event changes in a case's figures, and which
 * indicators that moves. Each expectation is written from the rules as the README states them.
 */

const reportedAt = '2026-11-23T02:00:00.000Z'
const deadline = '2026-11-23T06:00:00.000Z'
const later = '2026-11-25T02:00:00.000Z'
const at = '2026-11-23T04:00:00.000Z'

const event = (type: string, details: Record<string, unknown> = {}, when = at): FigureEvent => ({
  type,
  at: when,
  actorRole: 'grid_member',
  gridId: 'block-a1',
  details,
})

const reported = openFigures({
  type: 'submit',
  at: reportedAt,
  actorRole: 'resident',
  gridId: 'block-a1',
  details: { channel: 'resident', deadlineAt: deadline },
})
const claimed = stepFigures(reported, event('claim'))!
const fixed = stepFigures(claimed, event('rectify'))!
const verified = stepFigures(fixed, event('verify'))!

/** The indicators whose counts an event moves for a case of category `dust`. */
function moved(before: CaseFigures | undefined, after: CaseFigures | undefined): string[] {
  const changes = changesBetween(contributionsOf(before, 'dust'), contributionsOf(after, 'dust'))
  return [...new Set(changes.map((change) => change.key))].sort()
}

interface Row {
  before: CaseFigures | undefined
  event: FigureEvent
  /** The figures after the event, as far as they differ from before. */
  becomes: Partial<CaseFigures>
  /** The indicators (and by-source, by-category keys) the event moves. */
  moves: string[]
}

const rows: Record<CaseCommand, Row> = {
  submit: {
    before: undefined,
    event: {
      ...event('submit', { channel: 'resident', deadlineAt: deadline }, reportedAt),
      actorRole: 'resident',
    },
    becomes: reported,
    moves: ['category:dust', 'due', 'missedByPatrol', 'received', 'source:resident'],
  },
  claim: {
    before: reported,
    event: event('claim'),
    becomes: { acceptedAt: at, claimedAt: at },
    moves: ['accepted', 'claimed'],
  },
  release: { before: claimed, event: event('release'), becomes: {}, moves: [] },
  rectify: {
    before: claimed,
    event: event('rectify'),
    becomes: { fixedAt: at, deadline: null },
    moves: ['rectified'],
  },
  'city-resolve': {
    before: claimed,
    event: event('city-resolve', {}, later),
    becomes: { fixedAt: later, deadline: null, late: true },
    moves: ['overdue', 'rectified'],
  },
  escalate: {
    before: reported,
    event: event('escalate', { deadlineAt: later }),
    becomes: { escalatedAt: at, deadline: later, dueAt: later },
    moves: ['due', 'escalated'],
  },
  'request-city': {
    before: reported,
    event: event('request-city'),
    becomes: { acceptedAt: at },
    moves: ['accepted'],
  },
  'sign-off': {
    before: claimed,
    event: event('sign-off', { unit: 'long_term_office', complete: true, deadlineAt: later }),
    becomes: { signedOffAt: at, deadline: later, dueAt: later },
    moves: ['due', 'signedOff'],
  },
  'send-back': {
    before: claimed,
    event: event('send-back', { deadlineAt: later }),
    becomes: { deadline: later, dueAt: later },
    moves: ['due'],
  },
  verify: { before: fixed, event: event('verify'), becomes: {}, moves: [] },
  'fail-verification': {
    before: fixed,
    event: event('fail-verification', { deadlineAt: later }),
    becomes: { reworked: true, deadline: later, dueAt: later },
    moves: ['due', 'reworked'],
  },
  confirm: {
    before: verified,
    event: event('confirm', { rating: 4 }),
    becomes: { closedAt: at, ratedAt: at, satisfied: true, rating: 4 },
    moves: ['closed', 'closedOnTime', 'finished', 'rated', 'satisfied'],
  },
  'auto-confirm': {
    before: verified,
    event: event('auto-confirm', {}, later),
    becomes: { closedAt: later },
    moves: ['closed', 'closedOnTime', 'finished'],
  },
  dispute: {
    before: verified,
    event: event('dispute', { deadlineAt: later }),
    becomes: { reworked: true, ratedAt: at, satisfied: false, rating: null, deadline: later, dueAt: later },
    moves: ['due', 'rated', 'reworked'],
  },
  reject: {
    before: claimed,
    event: event('reject', { reason: 'fake' }),
    becomes: { dueAt: null, deadline: null },
    moves: ['due'],
  },
  merge: {
    before: reported,
    event: event('merge', { mergedInto: 'case-2' }),
    becomes: { dueAt: null, deadline: null },
    moves: ['due'],
  },
  absorb: { before: claimed, event: event('absorb', { duplicateId: 'case-3' }), becomes: {}, moves: [] },
  supervise: {
    before: claimed,
    event: event('supervise', { deadlineAt: '2026-11-23T05:00:00.000Z' }),
    becomes: { deadline: '2026-11-23T05:00:00.000Z', dueAt: '2026-11-23T05:00:00.000Z' },
    moves: ['due'],
  },
  unsupervise: { before: claimed, event: event('unsupervise'), becomes: {}, moves: [] },
  'attach-handlers': { before: claimed, event: event('attach-handlers'), becomes: {}, moves: [] },
  'record-part': { before: claimed, event: event('record-part'), becomes: {}, moves: [] },
  // Everything the case counts for moves to the corrected grid.
  'correct-grid': {
    before: reported,
    event: event('correct-grid', { fromGridId: 'block-a1', toGridId: 'block-a2', deadlineAt: deadline }),
    becomes: { gridId: 'block-a2' },
    moves: ['category:dust', 'due', 'missedByPatrol', 'received', 'source:resident'],
  },
  'yellow-card': {
    before: claimed,
    event: event('yellow-card', { card: 'yellow', deadlineAt: deadline }),
    becomes: { yellowAt: at },
    moves: ['yellowCard'],
  },
  'red-card': {
    before: claimed,
    event: event('red-card', { card: 'red', deadlineAt: deadline }, later),
    becomes: { redAt: later, late: true },
    moves: ['overdue', 'redCard'],
  },
  'unclaimed-alert': { before: reported, event: event('unclaimed-alert'), becomes: {}, moves: [] },
  join: { before: claimed, event: event('join'), becomes: {}, moves: [] },
  'approve-content': { before: claimed, event: event('approve-content'), becomes: {}, moves: [] },
  'approve-evidence': { before: claimed, event: event('approve-evidence'), becomes: {}, moves: [] },
  'link-site': { before: claimed, event: event('link-site'), becomes: {}, moves: [] },
  // Only the verdict that rejects the case moves a figure: out of the due cohort, as a rejection.
  screen: {
    before: claimed,
    event: event('screen', { state: 'rejected' }),
    becomes: { dueAt: null },
    moves: ['due'],
  },
}

describe('which event moves which indicator', () => {
  it.each(caseCommands)('%s', (command) => {
    const row = rows[command]
    const after = stepFigures(row.before, row.event)
    expect(after).toEqual({ ...row.before, ...row.becomes })
    expect(moved(row.before, after)).toEqual(row.moves)
    // The table's own list of what the row can move covers what it moved here.
    const declared: string[] = [...figureRules[command].moves]
    expect(row.moves.filter((key) => !key.includes(':') && !declared.includes(key))).toEqual([])
  })
})

describe('the finer points of the table', () => {
  it('counts a case accepted once, at the first act that takes it on', () => {
    const again = stepFigures(stepFigures(claimed, event('release'))!, event('claim', {}, later))!
    expect(again).toMatchObject({ acceptedAt: at, claimedAt: at })
  })

  it('makes a fix after the deadline in force late, and a fix before it on time', () => {
    expect(stepFigures(claimed, event('rectify', {}, later))).toMatchObject({ late: true, fixedAt: later })
    expect(stepFigures(claimed, event('rectify', {}, deadline))).toMatchObject({ late: false })
  })

  it('forgets lateness once a fresh deadline is set, and keeps it when a card restates the same one', () => {
    const red = stepFigures(claimed, event('red-card', { deadlineAt: deadline }, later))!
    expect(red.late).toBe(true)
    expect(stepFigures(red, event('yellow-card', { deadlineAt: deadline }))!.late).toBe(true)
    const escalated = stepFigures(red, event('escalate', { deadlineAt: '2026-11-27T02:00:00.000Z' }))!
    expect(escalated).toMatchObject({ late: false, dueAt: '2026-11-27T02:00:00.000Z', redAt: later })
  })

  it('signs a case to the city only with the second signature', () => {
    const first = stepFigures(claimed, event('sign-off', { unit: 'air_office', complete: false }))!
    expect(first).toMatchObject({ signedOffAt: null, deadline })
    expect(moved(claimed, first)).toEqual([])
  })

  it('keeps the first card and escalation of each kind', () => {
    const twice = foldFigures([
      {
        ...event('submit', { channel: 'hotline', deadlineAt: deadline }, reportedAt),
        actorRole: 'district_office',
      },
      event('escalate', { deadlineAt: deadline }, at),
      event('escalate', { deadlineAt: later }, later),
    ])!
    expect(twice).toMatchObject({ escalatedAt: at, source: 'hotline', dueAt: later })
  })

  it('leaves figures alone for an event kind it does not know', () => {
    expect(stepFigures(claimed, event('something-new'))).toBe(claimed)
  })

  it('takes the source from the channel and who reported', () => {
    expect(sourceOf('resident', 'resident')).toBe('resident')
    expect(sourceOf('resident', 'volunteer')).toBe('volunteer')
    expect(sourceOf('patrol', 'grid_member')).toBe('patrol')
    expect(sourceOf('resident', 'grid_leader')).toBe('patrol')
    // A resident is not a patrol, whatever the channel says.
    expect(sourceOf('patrol', 'resident')).toBe('resident')
    expect(sourceOf('hotline', 'district_office')).toBe('hotline')
    expect(sourceOf('sensor', 'system')).toBe('sensor')
  })
})
