import { z } from '../shared/zod'
import { noteSchema } from '../shared/contract-kit'
import { isPeriodKey } from '../shared/time'

/** The input schemas of the Thursday report's actions (the client's; the answers are in ./weekly-contract). */

const weekMessage = '周次格式不正确，例如 2026-R49'
export const reportWeekSchema = z
  .string({ error: '请选择周次' })
  .max(16, { error: weekMessage })
  .refine((key) => isPeriodKey('report-week', key), { error: weekMessage })

const gridIdSchema = z.string({ error: '请选择网格' }).min(1, { error: '请选择网格' }).max(64)
const reportIdSchema = z.string({ error: '请选择周报' }).min(1, { error: '请选择周报' }).max(96)

/** The leader's free text (section 6), the same schema for the form and the action. */
export const weeklyTextSchema = z.object({
  problems: noteSchema(1000, '请填写存在的问题'),
  suggestions: noteSchema(1000, '请填写意见建议'),
  nextWeek: noteSchema(1000, '请填写下周工作重点'),
})
export type WeeklyText = z.infer<typeof weeklyTextSchema>

export const weeklyInputs = {
  'report.weekly.list': z.object({ week: reportWeekSchema.optional(), gridId: gridIdSchema.optional() }),
  'report.weekly.get': z.object({ id: reportIdSchema }),
  'report.weekly.submit': z.object({ id: reportIdSchema, ...weeklyTextSchema.shape }),
  'report.weekly.merge': z.object({
    streetId: gridIdSchema,
    week: reportWeekSchema,
    text: noteSchema(2000, '请填写街道汇总意见'),
  }),
  'report.weekly.export': z.object({ week: reportWeekSchema, gridId: gridIdSchema.optional() }),
} as const
