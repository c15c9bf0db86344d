import { z } from '../shared/zod'
import { pageInput } from '../shared/contract-kit'
import { periodKindOf } from '../shared/time'
import { isCaseSource, statsIndicators } from './indicators'

/** The input schemas of the desk's statistics actions (the client's; the answers are in ./contract). */

/** The weeks `stats.charts` shows by default, and at most (half a year). */
export const defaultChartWeeks = 12
export const maxChartWeeks = 26

const periodMessage = '周期格式不正确，例如 2026-11-23、2026-W48、2026-R48、2026-11、2026-Q4 或 2026'
export const statsPeriodSchema = z
  .string({ error: '请选择统计周期' })
  .max(16, { error: periodMessage })
  .refine((key) => periodKindOf(key) !== undefined, { error: periodMessage })

export const statsIndicatorSchema = z.enum(statsIndicators, { error: '请选择要查看的指标' })

const statsGridIdSchema = z.string().min(1).max(64).optional()

export const reportsInputs = {
  'stats.overview': z.object({ gridId: statsGridIdSchema, period: statsPeriodSchema }),
  'stats.charts': z.object({
    gridId: statsGridIdSchema,
    weeks: z
      .number()
      .int()
      .min(1)
      .max(maxChartWeeks, { error: `最多显示${maxChartWeeks}周` })
      .default(defaultChartWeeks),
  }),
  'stats.cases': z
    .object({
      gridId: statsGridIdSchema,
      period: statsPeriodSchema,
      indicator: statsIndicatorSchema,
      /** The source (`bySource`) or category (`byCategory`) to list. */
      value: z.string().min(1).max(64).optional(),
      ...pageInput,
    })
    .superRefine((input, issues) => {
      if (input.indicator === 'bySource' && !isCaseSource(input.value))
        issues.addIssue({ code: 'custom', path: ['value'], message: '请选择来源' })
      if (input.indicator === 'byCategory' && !input.value)
        issues.addIssue({ code: 'custom', path: ['value'], message: '请选择问题类别' })
    }),
} as const
