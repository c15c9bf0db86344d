import { z } from '../shared/zod'

/** The input schemas of the grid context's actions (the client's; the answers are in ./contract). */

export const gridImportFormats = ['geojson', 'csv'] as const
export type GridImportFormat = (typeof gridImportFormats)[number]

/** The most characters one import takes (about 1 MB of text); a larger tree goes street by street. */
export const maxImportChars = 1_000_000

export const gridInputs = {
  'grid.import': z.object({
    format: z.enum(gridImportFormats, { error: '请选择文件格式（geojson 或 csv）' }),
    content: z
      .string({ error: '请选择文件' })
      .min(1, { error: '文件为空' })
      .max(maxImportChars, { error: '文件过大：一次最多约 1 MB，请按街道拆分后分批导入' }),
    /** Check and report only; nothing is written. */
    dryRun: z.boolean().default(false),
  }),
} as const
