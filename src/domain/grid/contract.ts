import { z } from '../shared/zod'
import { gridLevelSchema } from './tree'
import { gridInputs } from './inputs'

export * from './inputs'

export const gridRefSchema = z.object({
  id: z.string(),
  name: z.string(),
  level: gridLevelSchema,
  /** Names from the street down, e.g. "航海东路街道 / 映月路社区 / 映月路社区第1网格". */
  label: z.string(),
})

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
  'grid.import': { input: gridInputs['grid.import'], output: gridImportReportSchema },
} as const
