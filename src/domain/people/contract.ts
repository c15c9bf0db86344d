import { z } from '../shared/zod'
import { gridRefSchema } from '../grid/contract'
import { districtUnitSchema, roleSchema } from './roles'

export const meViewSchema = z.object({
  nickname: z.string(),
  role: roleSchema,
  roleLabel: z.string(),
  districtUnit: districtUnitSchema.optional(),
  grids: z.array(gridRefSchema),
  points: z.number().int(),
})

/** The people context's actions: who am I. */
export const peopleActions = {
  'me.get': { input: z.object({}).default({}), output: meViewSchema },
} as const
