import assessmentJson from '../../../src/domain/catalog/assessment.json'
import { parseAssessmentRules, type AssessmentRules } from '../../../src/domain/assessment/rules'
import {
  assessNode,
  baseScore,
  cardOutcome,
  gradeOf,
  rankLeague,
  type AssessedFigures,
} from '../../../src/domain/assessment/scoring'
import { parseSettings, SettingsError } from '../../../src/domain/settings'

/** Rules fixed here (not the shipped table, which a district may edit), so the figures below can be worked out. */
const rules: AssessmentRules = parseAssessmentRules({
  indicators: [
    { id: 'closure', weight: 30 },
    { id: 'onTimeClosure', weight: 30 },
    { id: 'rework', weight: 30 },
    { id: 'missedByPatrol', weight: 10 },
    { id: 'satisfaction', weight: 0 },
  ],
  grades: [
    { grade: 'A', min: 90 },
    { grade: 'B', min: 75 },
    { grade: 'C', min: 60 },
    { grade: 'D', min: 40 },
    { grade: 'E', min: 0 },
  ],
  cards: { yellowsPerSupervision: 2, pointsPerSupervision: 1, pointsPerRed: 2 },
  listSize: 2,
})

function figures(
  rates: Partial<{
    closure: number | null
    onTimeClosure: number | null
    rework: number | null
    missed: number | null
    satisfaction: number | null
  }>,
  cards = { yellow: 0, red: 0 },
): AssessedFigures {
  return {
    rates: {
      closure: rates.closure ?? null,
      onTimeClosure: rates.onTimeClosure ?? null,
      rework: rates.rework ?? null,
      overdue: null,
    },
    missedByPatrolRatio: rates.missed ?? null,
    satisfaction: { rated: 0, satisfied: 0, rate: rates.satisfaction ?? null, avgRating: null },
    cards,
  }
}

describe('the 综合指标值', () => {
  it('weighs each rate, taking 1 − rate where less is better', () => {
    // 30×0.8 + 30×0.5 + 30×(1−0.25) + 10×(1−0.4) = 24 + 15 + 22.5 + 6 = 67.5
    expect(baseScore(figures({ closure: 0.8, onTimeClosure: 0.5, rework: 0.25, missed: 0.4 }), rules)).toBe(
      67.5,
    )
    expect(baseScore(figures({ closure: 1, onTimeClosure: 1, rework: 0, missed: 0 }), rules)).toBe(100)
    expect(baseScore(figures({ closure: 0, onTimeClosure: 0, rework: 1, missed: 1 }), rules)).toBe(0)
  })

  it('leaves out the weight of a rate whose denominator was 0, instead of scoring it 0 or full', () => {
    // Nothing due: only 漏报率 speaks, 1 − 0.25 of its own weight.
    expect(baseScore(figures({ missed: 0.25 }), rules)).toBe(75)
    // Nothing received or due: no score at all.
    expect(baseScore(figures({}), rules)).toBeNull()
    // A weight of 0 never counts, even when its rate exists.
    expect(baseScore(figures({ satisfaction: 0.1 }), rules)).toBeNull()
  })

  it('follows the weights it is given', () => {
    const onlySatisfaction = { ...rules, indicators: [{ id: 'satisfaction' as const, weight: 5 }] }
    expect(baseScore(figures({ closure: 1, satisfaction: 0.3 }), onlySatisfaction)).toBe(30)
  })
})

describe('grades', () => {
  it('starts each grade at its threshold, inclusive', () => {
    expect(
      [100, 90, 89.99, 75, 74.99, 60, 59.99, 40, 39.99, 0].map((score) => gradeOf(score, rules)),
    ).toEqual(['A', 'A', 'B', 'B', 'C', 'C', 'D', 'D', 'E', 'E'])
  })

  it('grades a score of exactly 90 A, however the rates add up in floating point', () => {
    // 30×0.9 + 30×0.9 + 30×(1−0.1) + 10×(1−0.1) = 90, summed in floating point.
    const node = assessNode(
      'n',
      figures({ closure: 0.9, onTimeClosure: 0.9, rework: 0.1, missed: 0.1 }),
      rules,
    )
    expect(node.score).toBe(90)
    expect(node.grade).toBe('A')
  })
})

describe('cards', () => {
  it('makes a 督办 and −1 of every two yellows, and an 约谈 and −2 of every red', () => {
    expect(cardOutcome({ yellow: 1, red: 0 }, rules)).toMatchObject({
      supervisions: 0,
      deduction: 0,
      notes: [],
    })
    expect(cardOutcome({ yellow: 2, red: 0 }, rules)).toMatchObject({
      supervisions: 1,
      interviews: 0,
      deduction: 1,
    })
    expect(cardOutcome({ yellow: 5, red: 0 }, rules)).toMatchObject({ supervisions: 2, deduction: 2 })
    const red = cardOutcome({ yellow: 0, red: 1 }, rules)
    expect(red).toMatchObject({ supervisions: 0, interviews: 1, deduction: 2 })
    expect(red.notes).toEqual([expect.stringContaining('约谈')])
    const both = cardOutcome({ yellow: 4, red: 2 }, rules)
    expect(both.deduction).toBe(2 * 1 + 2 * 2)
    expect(both.notes).toHaveLength(2)
    expect(both.notes[0]).toContain('督办2次')
  })

  it('takes the deduction off the score, never below 0, and grades what is left', () => {
    const clean = figures({ closure: 1, onTimeClosure: 1, rework: 0, missed: 0 })
    const carded = assessNode('n', { ...clean, cards: { yellow: 2, red: 4 } }, rules)
    expect(carded).toMatchObject({ base: 100, score: 91, grade: 'A' })
    const sunk = assessNode('n', { ...figures({ closure: 0.01 }), cards: { yellow: 0, red: 3 } }, rules)
    expect(sunk.score).toBe(0)
    expect(sunk.grade).toBe('E')
  })

  it('counts the cards of a node without a score, and leaves it ungraded', () => {
    const node = assessNode('n', figures({}, { yellow: 2, red: 1 }), rules)
    expect(node).toMatchObject({ score: null, grade: null })
    expect(node.cards.deduction).toBe(3)
  })
})

describe('a league', () => {
  const scored = (nodeId: string, closure: number | null) =>
    assessNode(
      nodeId,
      figures({ closure, onTimeClosure: closure, rework: closure === null ? null : 1 - closure }),
      rules,
    )

  it('ranks best first, equal scores sharing a rank in the order given', () => {
    const league = rankLeague([scored('a', 0.5), scored('b', 0.9), scored('c', 0.9), scored('d', 0.2)], 5)
    expect(league.entries.map((entry) => [entry.nodeId, entry.rank])).toEqual([
      ['b', 1],
      ['c', 1],
      ['a', 3],
      ['d', 4],
    ])
  })

  it('lists the top and the bottom (worst first) without putting anyone on both', () => {
    const league = rankLeague(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) => scored(id, 1 - i / 10)),
      2,
    )
    expect(league.top).toEqual(['a', 'b'])
    expect(league.bottom).toEqual(['f', 'e'])
    const small = rankLeague([scored('a', 0.9), scored('b', 0.5), scored('c', 0.1)], 2)
    expect(small.top).toEqual(['a', 'b'])
    expect(small.bottom).toEqual(['c'])
  })

  it('keeps a tie on the line together on a list', () => {
    const league = rankLeague(
      [scored('a', 0.9), scored('b', 0.7), scored('c', 0.7), scored('d', 0.1), scored('e', 0.05)],
      2,
    )
    expect(league.top).toEqual(['a', 'b', 'c'])
    expect(league.bottom).toEqual(['e', 'd'])
  })

  it('puts nodes without a score last, unranked and on neither list', () => {
    const league = rankLeague([scored('x', null), scored('a', 0.5)], 5)
    expect(league.entries.map((entry) => [entry.nodeId, entry.rank])).toEqual([
      ['a', 1],
      ['x', null],
    ])
    expect([...league.top, ...league.bottom]).not.toContain('x')
  })
})

describe('the assessment table in the settings', () => {
  it('ships weights, falling thresholds ending at 0, and a note saying they are the district’s to set', () => {
    const shipped = parseAssessmentRules(assessmentJson)
    expect(shipped.indicators.some((item) => item.weight > 0)).toBe(true)
    expect(shipped.grades[shipped.grades.length - 1]!.min).toBe(0)
    expect(shipped.note).toMatch(/区里设定/)
  })

  it('refuses a table that cannot grade, naming the field', () => {
    const broken = (patch: object) => () => parseSettings({ assessment: { ...assessmentJson, ...patch } })
    expect(broken({ indicators: [{ id: 'closure', weight: 0 }] })).toThrow(SettingsError)
    expect(
      broken({
        indicators: [
          { id: 'closure', weight: 1 },
          { id: 'closure', weight: 2 },
        ],
      }),
    ).toThrow(/assessment\.indicators/)
    expect(
      broken({
        grades: [
          { grade: 'A', min: 60 },
          { grade: 'B', min: 75 },
          { grade: 'E', min: 0 },
        ],
      }),
    ).toThrow(/assessment\.grades\.1\.min/)
    expect(broken({ grades: [{ grade: 'A', min: 50 }] })).toThrow(/assessment\.grades/)
    expect(broken({ cards: { yellowsPerSupervision: 0, pointsPerSupervision: 1, pointsPerRed: 2 } })).toThrow(
      /assessment\.cards\.yellowsPerSupervision/,
    )
  })
})
