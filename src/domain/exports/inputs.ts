import { z } from '../shared/zod'
import { requestIdSchema } from '../shared/contract-kit'
import { caseStatusSchema } from '../case/status'
import { periodKindOf } from '../shared/time'

/** The input schemas of the exports context's actions (the client's; the answers are in ./contract). */

/** The file an export writes: CSV (UTF-8 with a BOM, for Excel) or an Excel workbook. */
export const exportFormats = ['csv', 'xlsx'] as const
export const exportFormatSchema = z.enum(exportFormats, { error: '请选择导出格式' })
export type ExportFormat = z.infer<typeof exportFormatSchema>
export const exportFormatLabels: Record<ExportFormat, string> = { csv: 'CSV', xlsx: 'Excel' }

/** Which cases, as the board narrows them: every status, the open ones, or one status. */
export const exportStatusFilterSchema = z.union([z.enum(['all', 'open']), caseStatusSchema])
export type ExportStatusFilter = z.infer<typeof exportStatusFilterSchema>

/** A business period key (`2026-11-30`, `2026-W49`, `2026-11`, `2026-Q4`, `2026`): cases reported in it. */
const periodSchema = z
  .string()
  .max(16)
  .refine((key) => periodKindOf(key) !== undefined, { error: '请选择正确的时间范围' })

export const exportFiltersSchema = z.object({
  /** A grid in the caller's scope (their first grid when none is named). */
  gridId: z.string().min(1).max(64).optional(),
  status: exportStatusFilterSchema.default('all'),
  categoryId: z.string().min(1).max(64).optional(),
  period: periodSchema.optional(),
})
export type ExportFilters = z.infer<typeof exportFiltersSchema>

export const exportInputs = {
  'export.start': z.object({
    requestId: requestIdSchema,
    format: exportFormatSchema,
    filters: exportFiltersSchema.default({ status: 'all' }),
  }),
  'export.get': z.object({ id: z.string().min(1).max(160) }),
  'export.list': z.object({}),
} as const
