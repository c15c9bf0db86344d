import { z } from '../shared/zod'
import { gridLevelSchema } from './tree'
import { gridImportFormats } from './import'

export const gridRefSchema = z.object({
  id: z.string(),
  name: z.string(),
  level: gridLevelSchema,
  /** Names from the street down, e.g. "航海东路街道 / 映月路社区 / 映月路社区第1网格". */
  label: z.string(),
})

/** The most characters one import takes (about 1 MB of text); a larger tree goes street by street. */
export const maxImportChars = 1_000_000

export const gridImportReportSchema = z.object({
  imported: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.array(z.object({ code: z.string(), name: z.string(), reason: z.string() })),
  dryRun: z.boolean(),
})
export type GridImportReport = z.infer<typeof gridImportReportSchema>

/** The grid context's actions: the district office imports its grid tree (the tree itself is read by others). */
export const gridActions = {
  'grid.import': {
    input: z.object({
      format: z.enum(gridImportFormats, { error: '请选择文件格式（geojson 或 csv）' }),
      content: z
        .string({ error: '请选择文件' })
        .min(1, { error: '文件为空' })
        .max(maxImportChars, { error: '文件过大：一次最多约 1 MB，请按街道拆分后分批导入' }),
      /** Check and report only; nothing is written. */
      dryRun: z.boolean().default(false),
    }),
    output: gridImportReportSchema,
  },
} as const
