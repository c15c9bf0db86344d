import { z } from '../shared/zod'
import { fileIdSchema, requestIdSchema } from '../shared/contract-kit'
import { gcj02PointSchema } from '../shared/geo'
import { gridRefSchema } from '../grid/contract'

/** The patrol context's actions: a volunteer's or grid worker's check-in on patrol. */
export const patrolActions = {
  'patrol.checkIn': {
    input: z.object({
      requestId: requestIdSchema,
      location: gcj02PointSchema,
      accuracyMeters: z.number().min(0).max(100000).nullable().default(null),
      photos: z
        .array(fileIdSchema, { error: '请拍摄巡查照片' })
        .min(1, { error: '请至少拍摄一张巡查照片' })
        .max(9, { error: '最多上传9张照片' }),
      note: z.string().trim().max(200, { error: '巡查记录不能超过200字' }).default(''),
    }),
    output: z.object({
      patrol: z.object({
        id: z.string(),
        at: z.string(),
        grid: gridRefSchema,
        note: z.string(),
        photos: z.array(z.string()),
      }),
      points: z.number().int(),
      pointsNote: z.string(),
      replayed: z.boolean(),
    }),
  },
} as const
