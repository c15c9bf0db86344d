import { z } from '../shared/zod'
import { statsPeriodSchema } from '../reports/inputs'
import { markerFilters, mapIndicators } from './keys'

/** The input schemas of the desk map's actions (the client's; the answers are in ./contract). */

export const mapIndicatorSchema = z.enum(mapIndicators, { error: '请选择要查看的指标' })
export const markerFilterSchema = z.enum(markerFilters, { error: '请选择问题状态' })

export const deskInputs = {
  'desk.map': z.object({
    gridId: z.string().min(1).max(64).optional(),
    period: statsPeriodSchema,
    indicator: mapIndicatorSchema,
    category: z.string().min(1).max(64).optional(),
    status: markerFilterSchema.default('open'),
  }),
} as const
