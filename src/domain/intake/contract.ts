import { z } from '../shared/zod'
import { gcj02PointSchema } from '../shared/geo'
import { gridRefSchema } from '../grid/contract'
import { stationIdPattern } from './signature'

const curvePointSchema = z.object({ at: z.string(), pm25: z.number(), pm10: z.number() })

/** The intake context's actions: the district office registers monitoring stations; a sensor case shows its curve. */
export const intakeActions = {
  'station.register': {
    input: z.object({
      stationId: z
        .string({ error: '请填写站点编号' })
        .regex(stationIdPattern, { error: '站点编号为3到40位小写字母、数字或连字符' }),
      name: z
        .string({ error: '请填写站点名称' })
        .trim()
        .min(1, { error: '请填写站点名称' })
        .max(40, { error: '站点名称不能超过40字' }),
      /** Where the station stands (GCJ-02); its grid is the one whose polygon holds the point. */
      location: gcj02PointSchema,
      address: z.string().trim().max(120, { error: '地址不能超过120字' }).default(''),
    }),
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
  /** A monitoring case's episode: the station, when it opened and closed, and its latest readings (the curve). */
  'station.episode': {
    input: z.object({
      caseId: z.string({ error: '缺少问题编号' }).min(1, { error: '缺少问题编号' }).max(64),
    }),
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
