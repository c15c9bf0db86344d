import { z } from '../shared/zod'
import { periodKindOf } from '../shared/time'

/** The input schemas of the assessment context's actions (the client's; the answers are in ./contract). */

/** The leagues: each level is ranked only against its own kind (街道 vs 街道, 社区 vs 社区, 网格 vs 网格). */
export const assessmentLevels = ['street', 'community', 'block'] as const
export type AssessmentLevel = (typeof assessmentLevels)[number]
export const assessmentLevelLabels: Record<AssessmentLevel, string> = {
  street: '街道',
  community: '社区',
  block: '网格',
}

const monthMessage = '请选择考核月份，例如 2026-11'
export const assessmentMonthSchema = z
  .string({ error: monthMessage })
  .max(7, { error: monthMessage })
  .refine((key) => periodKindOf(key) === 'month', { error: monthMessage })

export const assessmentInputs = {
  'assessment.draft': z.object({ month: assessmentMonthSchema }),
  'assessment.publish': z.object({ month: assessmentMonthSchema }),
  'assessment.list': z.object({
    month: assessmentMonthSchema.optional(),
    level: z.enum(assessmentLevels, { error: '请选择街道、社区或网格' }).optional(),
  }),
} as const
