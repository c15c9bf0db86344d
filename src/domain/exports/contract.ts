import { z } from '../shared/zod'
import { requestIdSchema } from '../shared/contract-kit'
import { caseStatusSchema } from '../case/status'
import { periodKindOf } from '../shared/time'
import { gridRefSchema } from '../grid/contract'

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

/** Where an export stands: still being written (by the request or the jobs function), done, or failed. */
export const exportStatuses = ['running', 'done', 'failed'] as const
export type ExportStatus = (typeof exportStatuses)[number]
export const exportStatusLabels: Record<ExportStatus, string> = {
  running: '正在导出',
  done: '已完成',
  failed: '导出失败',
}

export const exportViewSchema = z.object({
  id: z.string(),
  format: exportFormatSchema,
  grid: gridRefSchema,
  filters: exportFiltersSchema,
  /** The filters in words, e.g. "全部状态 · 2026年11月". */
  filterLabel: z.string(),
  status: z.enum(exportStatuses),
  statusLabel: z.string(),
  /** Cases read so far, of the cases the scope, status and period select (a category narrows further). */
  progress: z.object({ done: z.number().int(), total: z.number().int() }),
  /** Rows written to the file so far. */
  rows: z.number().int(),
  fileName: z.string(),
  /** When done: the stored file, and a temporary URL that downloads it, handed to its owner only. */
  fileID: z.string().nullable(),
  url: z.string().nullable(),
  expiresAt: z.string().nullable(),
  message: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
})
export type ExportView = z.infer<typeof exportViewSchema>

export const exportActions = {
  /**
   * Starts an export of the case list in the caller's scope. A small one is written in the request; a
   * larger one is continued by the jobs function (`export.get` follows it). One over the configured limit
   * is refused. A retried request (same requestId) answers the same export.
   */
  'export.start': {
    input: z.object({
      requestId: requestIdSchema,
      format: exportFormatSchema,
      filters: exportFiltersSchema.default({ status: 'all' }),
    }),
    output: z.object({ export: exportViewSchema, replayed: z.boolean() }),
  },
  /** One of the caller's exports: its progress, and when done its file and download link. */
  'export.get': {
    input: z.object({ id: z.string().min(1).max(160) }),
    output: exportViewSchema,
  },
  /** The caller's recent exports, newest first. */
  'export.list': {
    input: z.object({}),
    output: z.object({ items: z.array(exportViewSchema) }),
  },
} as const
