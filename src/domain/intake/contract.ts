import { z } from '../shared/zod'
import { gcj02PointSchema } from '../shared/geo'
import { gridRefSchema } from '../grid/contract'
import { stationIdPattern } from './signature'
import { pageInput, pageOf, requestIdSchema } from '../shared/contract-kit'
import { caseViewSchema } from '../case/contract'

const curvePointSchema = z.object({ at: z.string(), pm25: z.number(), pm10: z.number() })

/** A complaint as the operator takes it on the phone (12369 / 生态环境信访投诉举报): a case with source "hotline". */
export const hotlineCallInputSchema = z.object({
  requestId: requestIdSchema,
  categoryId: z.string({ error: '请选择问题类别' }).min(1, { error: '请选择问题类别' }),
  checkId: z.string({ error: '请选择具体问题' }).min(1, { error: '请选择具体问题' }),
  description: z
    .string({ error: '请记录来电反映的问题' })
    .trim()
    .min(1, { error: '请记录来电反映的问题' })
    .max(500, { error: '问题描述不能超过500字' }),
  /** Where the problem is (GCJ-02), as the operator placed it from what the caller said: it routes the case. */
  location: gcj02PointSchema,
  address: z
    .string({ error: '请填写问题地址' })
    .trim()
    .min(1, { error: '请填写问题地址' })
    .max(120, { error: '地址不能超过120字' }),
  callerName: z.string().trim().max(20, { error: '来电人称呼不能超过20字' }).default(''),
  callerPhone: z
    .string({ error: '请填写来电号码' })
    .trim()
    .regex(/^\+?[0-9][0-9-]{4,19}$/, { error: '请填写有效的电话号码' }),
  major: z.boolean().default(false),
})

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
    input: hotlineCallInputSchema,
    output: z.object({ case: caseViewSchema, replayed: z.boolean() }),
  },
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
  /** The stations registered in the office's district, newest first. */
  'station.list': { input: z.object({ ...pageInput }), output: pageOf(stationViewSchema) },
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
