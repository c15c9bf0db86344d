import { z } from '../shared/zod'
import { gridRefSchema } from '../grid/contract'
import { exportFiltersSchema, exportFormatSchema, exportInputs } from './inputs'

export * from './inputs'

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
    input: exportInputs['export.start'],
    output: z.object({ export: exportViewSchema, replayed: z.boolean() }),
  },
  /** One of the caller's exports: its progress, and when done its file and download link. */
  'export.get': { input: exportInputs['export.get'], output: exportViewSchema },
  /** The caller's recent exports, newest first. */
  'export.list': {
    input: exportInputs['export.list'],
    output: z.object({ items: z.array(exportViewSchema) }),
  },
} as const
