import { z } from '../shared/zod'
import { gcj02PointSchema } from '../shared/geo'
import { gridRefSchema } from '../grid/contract'
import { caseViewSchema } from '../case/contract'
import { patrolInputs } from './inputs'

export * from './inputs'

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
    input: patrolInputs['patrol.startRound'],
    output: z.object({ round: roundViewSchema, replayed: z.boolean() }),
  },
  /** Ends the caller's round; ending an ended round answers it as it is. */
  'patrol.endRound': { input: patrolInputs['patrol.endRound'], output: z.object({ round: roundViewSchema }) },
  /** The caller's round: the one named, or their latest (null when they never patrolled in rounds). */
  'patrol.round': {
    input: patrolInputs['patrol.round'],
    output: z.object({ round: roundViewSchema.nullable() }),
  },
  /** 发现问题: a problem found on a round, filed as a case with source "patrol" at the place given. */
  'patrol.report': {
    input: patrolInputs['patrol.report'],
    output: z.object({ case: caseViewSchema, replayed: z.boolean() }),
  },
  'patrol.checkIn': {
    input: patrolInputs['patrol.checkIn'],
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
