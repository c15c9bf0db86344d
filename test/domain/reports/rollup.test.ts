import { GridTree, type GridLevel, type GridNode } from '../../../src/domain/grid/tree'
import {
  changesBetween,
  contributionsOf,
  marksOf,
  periodMarks,
} from '../../../src/domain/reports/contributions'
import { openFigures } from '../../../src/domain/reports/case-figures'
import { daysOf, statsHomeOf, statsPeriodKeys, trackedNodes } from '../../../src/domain/reports/rollup'
import { sheetIncrements } from '../../../src/domain/reports/sheets'

const node = (_id: string, level: GridLevel, parentId: string | null): GridNode => ({
  _id,
  code: '410104',
  name: _id,
  level,
  parentId,
})
const tree = new GridTree([
  node('city', 'city', null),
  node('district', 'district', 'city'),
  node('street', 'street', 'district'),
  node('community', 'community', 'street'),
  node('block', 'block', 'community'),
])

/** 23:59 on 30 November and 00:01 on 1 December, Beijing time. */
const lastMinuteOfNovember = '2026-11-30T15:59:00.000Z'
const firstMinuteOfDecember = '2026-11-30T16:01:00.000Z'

describe('Beijing periods', () => {
  it('counts 23:59 on 30 November in November and 00:01 on 1 December in December', () => {
    expect(statsPeriodKeys(lastMinuteOfNovember)).toEqual([
      '2026-11-30',
      '2026-W49',
      '2026-R49',
      '2026-11',
      '2026-Q4',
      '2026',
    ])
    expect(statsPeriodKeys(firstMinuteOfDecember)).toEqual([
      '2026-12-01',
      '2026-W49',
      '2026-R49',
      '2026-12',
      '2026-Q4',
      '2026',
    ])
  })

  it('turns the year and the quarter at Beijing midnight too', () => {
    expect(statsPeriodKeys('2026-12-31T15:59:00.000Z')).toContain('2026-Q4')
    expect(statsPeriodKeys('2026-12-31T16:01:00.000Z')).toEqual(
      expect.arrayContaining(['2027', '2027-Q1', '2027-01']),
    )
  })

  it('lists the Beijing days of a period', () => {
    expect(daysOf('2026-11')).toHaveLength(30)
    expect(daysOf('2026-W49')).toEqual([
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
    ])
    // The report week runs Thursday to Wednesday.
    expect(daysOf('2026-R49')[0]).toBe('2026-11-26')
    expect(daysOf('2026-11-30')).toEqual(['2026-11-30'])
    expect(daysOf('2026')).toHaveLength(365)
  })
})

describe('composing figures up the grid tree', () => {
  const report = openFigures({
    type: 'submit',
    at: lastMinuteOfNovember,
    actorRole: 'resident',
    gridId: 'block',
    details: { channel: 'resident', deadlineAt: firstMinuteOfDecember },
  })

  it('counts a case for its grid, its community, its street and its district, not the city', () => {
    expect(trackedNodes(tree, 'block')).toEqual(['block', 'community', 'street', 'district'])
    expect(trackedNodes(tree, 'street')).toEqual(['street', 'district'])
  })

  it('keeps a street with everything below it in one document, and the district in its own', () => {
    expect(['block', 'community', 'street'].map((id) => statsHomeOf(tree, id))).toEqual([
      'street',
      'street',
      'street',
    ])
    expect(statsHomeOf(tree, 'district')).toBe('district')
    expect(statsHomeOf(tree, 'city')).toBeUndefined()
  })

  it('adds a report to every level in every period of its instant, in two documents per period', () => {
    const sheets = sheetIncrements(changesBetween([], contributionsOf(report, 'dust')), tree)
    const november = sheets.get('street:2026-11')!
    expect(Object.fromEntries(november.fields)).toMatchObject({
      'n.block.c.received': 1,
      'n.community.c.received': 1,
      'n.street.c.received': 1,
      'n.street.src.resident': 1,
      'n.street.cat.dust': 1,
    })
    expect(sheets.get('district:2026-11')!.fields.get('n.district.c.received')).toBe(1)
    expect(sheets.get('district:2026-11')!.fields.get('n.street.c.received')).toBeUndefined()
    // Due at 00:01 on 1 December: in December's documents, not November's.
    expect(november.fields.get('n.block.c.due')).toBeUndefined()
    expect(sheets.get('street:2026-12')!.fields.get('n.block.c.due')).toBe(1)
    expect([...sheets.keys()].filter((id) => id.startsWith('street:')).sort()).toEqual([
      'street:2026',
      'street:2026-11',
      'street:2026-11-30',
      'street:2026-12',
      'street:2026-12-01',
      'street:2026-Q4',
      'street:2026-R49',
      'street:2026-W49',
    ])
  })

  it('takes a figure out where it was and counts it where it is now, and drops what cancels', () => {
    const moved = { ...report, gridId: 'community' }
    const sheets = sheetIncrements(
      changesBetween(contributionsOf(report, 'dust'), contributionsOf(moved, 'dust')),
      tree,
    )
    expect(Object.fromEntries(sheets.get('street:2026-11')!.fields)).toEqual({
      'n.block.c.received': -1,
      'n.block.src.resident': -1,
      'n.block.cat.dust': -1,
      'n.block.c.missedByPatrol': -1,
    })
    expect(sheets.has('district:2026-11')).toBe(false)
  })

  it('marks a case once per node, indicator and day, and finds it by the marks of any period holding it', () => {
    const marks = marksOf(contributionsOf(report, 'dust'), (gridId) => trackedNodes(tree, gridId))
    expect(marks).toContain('community|received|2026-11-30')
    expect(marks).toContain('district|due|2026-12-01')
    expect(marks).not.toContain('city|received|2026-11-30')
    expect(periodMarks('community', 'received', '2026-11').filter((mark) => marks.includes(mark))).toEqual([
      'community|received|2026-11-30',
    ])
    expect(periodMarks('community', 'received', '2026-12').some((mark) => marks.includes(mark))).toBe(false)
  })
})
