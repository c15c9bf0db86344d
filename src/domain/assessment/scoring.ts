import type { NodeFigures } from '../reports/overview'
import { lowerIsBetter, type AssessmentGrade, type AssessmentIndicator, type AssessmentRules } from './rules'

/** The part of a node's month figures the assessment reads. */
export type AssessedFigures = Pick<NodeFigures, 'rates' | 'missedByPatrolRatio' | 'satisfaction' | 'cards'>

/** A node's rates as the assessment weighs them, 0–1, null when there was nothing to divide by. */
export function indicatorRates(figures: AssessedFigures): Record<AssessmentIndicator, number | null> {
  return {
    closure: figures.rates.closure,
    onTimeClosure: figures.rates.onTimeClosure,
    rework: figures.rates.rework,
    missedByPatrol: figures.missedByPatrolRatio,
    satisfaction: figures.satisfaction.rate,
  }
}

export interface CardOutcome {
  yellow: number
  red: number
  /** Formal 督办 letters: one per full set of yellows. */
  supervisions: number
  /** 约谈 of the unit head: one per red. */
  interviews: number
  deduction: number
  notes: string[]
}

/** Cards as the practice says: two yellows bring a 督办 and −1, a red −2 and an 约谈 (both configurable). */
export function cardOutcome(cards: { yellow: number; red: number }, rules: AssessmentRules): CardOutcome {
  const supervisions = Math.floor(cards.yellow / rules.cards.yellowsPerSupervision)
  const interviews = cards.red
  const deduction = round2(
    supervisions * rules.cards.pointsPerSupervision + interviews * rules.cards.pointsPerRed,
  )
  const notes: string[] = []
  if (supervisions > 0)
    notes.push(
      `黄牌${cards.yellow}张，督办${supervisions}次，扣${round2(supervisions * rules.cards.pointsPerSupervision)}分`,
    )
  if (interviews > 0)
    notes.push(`红牌${interviews}张，扣${round2(interviews * rules.cards.pointsPerRed)}分，约谈负责人`)
  return { yellow: cards.yellow, red: cards.red, supervisions, interviews, deduction, notes }
}

const round2 = (value: number) => Math.round(value * 100) / 100

/**
 * The 综合指标值 before cards, 0–100: the weighted mean of the rates that exist. A rate whose denominator
 * was 0 says nothing about the node, so its weight is left out rather than counted as 0 or as full marks;
 * with no rate at all the node has no score (null), and is listed unranked.
 */
export function baseScore(figures: AssessedFigures, rules: AssessmentRules): number | null {
  const rates = indicatorRates(figures)
  let weighed = 0
  let weights = 0
  for (const { id, weight } of rules.indicators) {
    const rate = rates[id]
    if (weight === 0 || rate === null) continue
    weighed += weight * (lowerIsBetter.includes(id) ? 1 - rate : rate)
    weights += weight
  }
  return weights > 0 ? round2((100 * weighed) / weights) : null
}

/** The grade of a score: the first whose threshold it reaches (thresholds fall, the last is 0). */
export function gradeOf(score: number, rules: AssessmentRules): AssessmentGrade {
  return (rules.grades.find((item) => score >= item.min) ?? rules.grades[rules.grades.length - 1]!).grade
}

export interface NodeAssessment {
  nodeId: string
  /** Before cards; null when no weighed rate exists. */
  base: number | null
  /** After cards, never below 0; null with the base. */
  score: number | null
  grade: AssessmentGrade | null
  /** 1 for the best; equal scores share a rank (1, 1, 3). Null when unscored. */
  rank: number | null
  rates: Record<AssessmentIndicator, number | null>
  cards: CardOutcome
}

export function assessNode(nodeId: string, figures: AssessedFigures, rules: AssessmentRules): NodeAssessment {
  const base = baseScore(figures, rules)
  const cards = cardOutcome(figures.cards, rules)
  const score = base === null ? null : Math.max(0, round2(base - cards.deduction))
  return {
    nodeId,
    base,
    score,
    grade: score === null ? null : gradeOf(score, rules),
    rank: null,
    rates: indicatorRates(figures),
    cards,
  }
}

export interface League {
  /** Best first; ties in the order given; unscored nodes last. */
  entries: NodeAssessment[]
  /** The 红榜: every node ranked within the list size (more when a tie straddles the line). */
  top: string[]
  /** The 黑榜, worst first: the same from the bottom, never a node already on the 红榜. */
  bottom: string[]
}

/**
 * One league (nodes of one level), ranked. Nodes are given in a stable order (their grid code), which
 * orders equal scores; a tie shares its rank and its place on a list.
 */
export function rankLeague(nodes: readonly NodeAssessment[], listSize: number): League {
  const scored = nodes.filter((node) => node.score !== null)
  const scores = scored.map((node) => node.score!)
  const ranked = [...scored]
    .sort((a, b) => b.score! - a.score!)
    .map((node) => ({ ...node, rank: 1 + scores.filter((score) => score > node.score!).length }))
  const top = ranked.filter((node) => node.rank! <= listSize).map((node) => node.nodeId)
  const bottom = [...ranked]
    .reverse()
    .filter((node) => 1 + scores.filter((score) => score < node.score!).length <= listSize)
    .filter((node) => !top.includes(node.nodeId))
    .map((node) => node.nodeId)
  const unscored = nodes.filter((node) => node.score === null).map((node) => ({ ...node, rank: null }))
  return { entries: [...ranked, ...unscored], top, bottom }
}
