import { z } from '../shared/zod'

/**
 * The indicators a 综合指标值 can weigh, each a rate of the desk's figures (reports/overview.ts). For the
 * ones where less is better (返工率, 漏报率) the score takes 1 − rate.
 */
export const assessmentIndicators = [
  'closure',
  'onTimeClosure',
  'rework',
  'missedByPatrol',
  'satisfaction',
] as const
export type AssessmentIndicator = (typeof assessmentIndicators)[number]

export const assessmentIndicatorLabels: Record<AssessmentIndicator, string> = {
  closure: '结案率',
  onTimeClosure: '按期结案率',
  rework: '返工率',
  missedByPatrol: '漏报率',
  satisfaction: '满意率',
}

/** Indicators where a lower rate is the better one. */
export const lowerIsBetter: readonly AssessmentIndicator[] = ['rework', 'missedByPatrol']

export const assessmentGrades = ['A', 'B', 'C', 'D', 'E'] as const
export type AssessmentGrade = (typeof assessmentGrades)[number]

const assessmentRulesSchema = z
  .object({
    note: z.string().optional(),
    indicators: z
      .array(
        z.object({
          id: z.enum(assessmentIndicators),
          weight: z.number().min(0).max(100),
        }),
      )
      .min(1),
    grades: z.array(z.object({ grade: z.enum(assessmentGrades), min: z.number().min(0).max(100) })).min(1),
    cards: z.object({
      yellowsPerSupervision: z.number().int().min(1),
      pointsPerSupervision: z.number().min(0).max(100),
      pointsPerRed: z.number().min(0).max(100),
    }),
    listSize: z.number().int().min(1).max(50),
  })
  .superRefine((rules, issues) => {
    const ids = rules.indicators.map((item) => item.id)
    if (new Set(ids).size !== ids.length)
      issues.addIssue({ code: 'custom', path: ['indicators'], message: 'an indicator is weighted twice' })
    if (rules.indicators.every((item) => item.weight === 0))
      issues.addIssue({ code: 'custom', path: ['indicators'], message: 'every weight is 0' })
    const grades = rules.grades.map((item) => item.grade)
    if (new Set(grades).size !== grades.length)
      issues.addIssue({ code: 'custom', path: ['grades'], message: 'a grade is listed twice' })
    rules.grades.forEach((item, index) => {
      const before = rules.grades[index - 1]
      if (before && !(item.min < before.min))
        issues.addIssue({ code: 'custom', path: ['grades', index, 'min'], message: 'thresholds must fall' })
    })
    if (rules.grades[rules.grades.length - 1]?.min !== 0)
      issues.addIssue({ code: 'custom', path: ['grades'], message: 'the last grade must start at 0' })
  })

/** The district's assessment rules: weights, grade thresholds, card deductions, the length of the lists. */
export type AssessmentRules = z.infer<typeof assessmentRulesSchema>

export function parseAssessmentRules(input: unknown): AssessmentRules {
  return assessmentRulesSchema.parse(input)
}
