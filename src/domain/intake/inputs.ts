import { z } from '../shared/zod'
import { gcj02PointSchema } from '../shared/geo'
import { pageInput, requestIdSchema } from '../shared/contract-kit'
import { stationIdPattern } from './signature'

/** The input schemas of the intake context's actions (the client's; the answers are in ./contract). */

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

export const intakeInputs = {
  'hotline.record': hotlineCallInputSchema,
  'station.register': z.object({
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
  'station.list': z.object({ ...pageInput }),
  'station.episode': z.object({
    caseId: z.string({ error: '缺少问题编号' }).min(1, { error: '缺少问题编号' }).max(64),
  }),
} as const
