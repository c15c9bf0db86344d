import { z } from '../shared/zod'
import { fileIdSchema, requestIdSchema } from '../shared/contract-kit'
import { gcj02PointSchema } from '../shared/geo'

/** The input schemas of the patrol context's actions (the client's; the answers are in ./contract). */

const roundIdSchema = z
  .string({ error: '请先开始巡查' })
  .regex(/^round-[0-9a-f]{24}$/, { error: '巡查记录无效' })

export const patrolInputs = {
  'patrol.startRound': z.object({ requestId: requestIdSchema }),
  'patrol.endRound': z.object({ roundId: roundIdSchema }),
  'patrol.round': z.object({ roundId: roundIdSchema.optional() }),
  'patrol.report': z.object({
    requestId: requestIdSchema,
    roundId: roundIdSchema,
    categoryId: z.string({ error: '请选择问题类别' }).min(1, { error: '请选择问题类别' }),
    checkId: z.string({ error: '请选择具体问题' }).min(1, { error: '请选择具体问题' }),
    description: z
      .string({ error: '请描述发现的问题' })
      .trim()
      .min(1, { error: '请描述发现的问题' })
      .max(500, { error: '问题描述不能超过500字' }),
    photos: z.array(fileIdSchema).max(9, { error: '最多上传9张照片' }).default([]),
    location: gcj02PointSchema,
    accuracyMeters: z.number().min(0).max(100000).nullable().default(null),
    address: z.string().trim().max(120, { error: '地址不能超过120字' }).default(''),
    major: z.boolean().default(false),
  }),
  'patrol.checkIn': z.object({
    requestId: requestIdSchema,
    /** The round this check-in is part of; without one, a single check-in as before (photos required). */
    roundId: roundIdSchema.optional(),
    location: gcj02PointSchema,
    accuracyMeters: z.number().min(0).max(100000).nullable().default(null),
    photos: z
      .array(fileIdSchema, { error: '请拍摄巡查照片' })
      .max(9, { error: '最多上传9张照片' })
      .default([]),
    note: z.string().trim().max(200, { error: '巡查记录不能超过200字' }).default(''),
  }),
} as const
