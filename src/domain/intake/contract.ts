import { z } from '../shared/zod'
import { gcj02PointSchema } from '../shared/geo'
import { gridRefSchema } from '../grid/contract'
import { pageOf } from '../shared/contract-kit'
import { caseViewSchema } from '../case/contract'
import { intakeInputs } from './inputs'

export * from './inputs'

const curvePointSchema = z.object({ at: z.string(), pm25: z.number(), pm10: z.number() })

/** A registered station as the district office lists it: never its secret, only the secret's fingerprint. */
export const stationViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  location: gcj02PointSchema,
  grid: gridRefSchema,
  registeredAt: z.string(),
  secretFingerprint: z.string(),
  /** The monitoring case of the episode open now, once filed; null while the air is calm. */
  caseId: z.string().nullable(),
})

/** The intake context's actions: monitoring stations and the complaint line, the channels besides a report. */
export const intakeActions = {
  /** The district office's operator records a caller's complaint; the answer's case number is read back to them. */
  'hotline.record': {
    input: intakeInputs['hotline.record'],
    output: z.object({ case: caseViewSchema, replayed: z.boolean() }),
  },
  'station.register': {
    input: intakeInputs['station.register'],
    output: z.object({
      station: z.object({
        id: z.string(),
        name: z.string(),
        location: gcj02PointSchema,
        grid: gridRefSchema,
        registeredAt: z.string(),
      }),
      /** The station's signing secret, answered this once: it is never shown again. */
      secret: z.string(),
    }),
  },
  /** The stations registered in the office's district, newest first. */
  'station.list': { input: intakeInputs['station.list'], output: pageOf(stationViewSchema) },
  /** A monitoring case's episode: the station, when it opened and closed, and its latest readings (the curve). */
  'station.episode': {
    input: intakeInputs['station.episode'],
    output: z.object({
      station: z.object({ id: z.string(), name: z.string() }),
      openedAt: z.string(),
      closedAt: z.string().nullable(),
      readingCount: z.number().int(),
      peak: z.object({ pm25: z.number(), pm10: z.number() }),
      curve: z.array(curvePointSchema),
    }),
  },
} as const
