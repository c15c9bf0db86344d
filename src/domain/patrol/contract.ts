import { z } from '../shared/zod'
import { fileIdSchema, requestIdSchema } from '../shared/contract-kit'
import { gcj02PointSchema } from '../shared/geo'
import { gridRefSchema } from '../grid/contract'
import { caseViewSchema } from '../case/contract'

const roundIdSchema = z
  .string({ error: '请先开始巡查' })
  .regex(/^round-[0-9a-f]{24}$/, { error: '巡查记录无效' })

/** A round as its walker sees it: start, end, duration, the track of its check-ins, the cases found on it. */
export const roundViewSchema = z.object({
  id: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  endedBy: z.enum(['walker', 'timeout']).nullable(),
  open: z.boolean(),
  durationMinutes: z.number().int().nonnegative(),
  track: z.array(
    z.object({
      patrolId: z.string(),
      at: z.string(),
      location: gcj02PointSchema,
      gridId: z.string(),
      hasPhotos: z.boolean(),
    }),
  ),
  caseIds: z.array(z.string()),
})

/** The patrol context's actions: rounds, their check-ins, and a problem found on patrol filed as a case. */
export const patrolActions = {
  /** Starts a round; one open round per walker (an abandoned one past its time ends itself first). */
  'patrol.startRound': {
    input: z.object({ requestId: requestIdSchema }),
    output: z.object({ round: roundViewSchema, replayed: z.boolean() }),
  },
  /** Ends the caller's round; ending an ended round answers it as it is. */
  'patrol.endRound': {
    input: z.object({ roundId: roundIdSchema }),
    output: z.object({ round: roundViewSchema }),
  },
  /** The caller's round: the one named, or their latest (null when they never patrolled in rounds). */
  'patrol.round': {
    input: z.object({ roundId: roundIdSchema.optional() }),
    output: z.object({ round: roundViewSchema.nullable() }),
  },
  /** 发现问题: a problem found on a round, filed as a case with source "patrol" at the place given. */
  'patrol.report': {
    input: z.object({
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
    output: z.object({ case: caseViewSchema, replayed: z.boolean() }),
  },
  'patrol.checkIn': {
    input: z.object({
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
    output: z.object({
      patrol: z.object({
        id: z.string(),
        at: z.string(),
        grid: gridRefSchema,
        note: z.string(),
        photos: z.array(z.string()),
        roundId: z.string().nullable(),
      }),
      round: roundViewSchema.nullable(),
      points: z.number().int(),
      pointsNote: z.string(),
      replayed: z.boolean(),
    }),
  },
} as const
