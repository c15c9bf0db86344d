import { z } from '../shared/zod'
import { gridLevelSchema } from './tree'

export const gridRefSchema = z.object({
  id: z.string(),
  name: z.string(),
  level: gridLevelSchema,
  /** Names from the street down, e.g. "航海东路街道 / 映月路社区 / 映月路社区第1网格". */
  label: z.string(),
})
