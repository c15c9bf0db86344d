import { z } from '../shared/zod'
import { noteSchema, pageInput, pageOf } from '../shared/contract-kit'
import { alertLevelSchema } from './levels'

const instantSchema = (message: string) =>
  z.iso.datetime({ offset: true, error: message }).transform((value) => new Date(value).toISOString())

/** An alert as everyone sees it: level, window, the measures in force. */
export const alertViewSchema = z.object({
  id: z.string(),
  districtId: z.string(),
  level: alertLevelSchema,
  label: z.string(),
  colour: z.string(),
  measures: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  state: z.enum(['upcoming', 'in-force', 'ended']),
})

/** An alert in the history, for staff: who set it, and its lift if it was ended early. */
export const alertRecordSchema = alertViewSchema.extend({
  plannedEndsAt: z.string(),
  note: z.string(),
  setByNickname: z.string(),
  setAt: z.string(),
  lift: z.object({ at: z.string(), note: z.string(), byNickname: z.string() }).nullable(),
})

export const alertSetInputSchema = z
  .object({
    level: alertLevelSchema,
    startsAt: instantSchema('请填写预警开始时间'),
    endsAt: instantSchema('请填写预警结束时间'),
    note: noteSchema(200),
  })
  .refine((input) => input.endsAt > input.startsAt, {
    path: ['endsAt'],
    error: '结束时间应晚于开始时间',
  })

export const alertActions = {
  /** The district office sets an alert of its district, from a start to an end (one at a time). */
  'alert.set': { input: alertSetInputSchema, output: z.object({ alert: alertRecordSchema }) },
  /** Ends an alert of the office's district early (or cancels one still to come). */
  'alert.lift': {
    input: z.object({
      alertId: z.string({ error: '请选择预警' }).min(1, { error: '请选择预警' }).max(64),
      note: noteSchema(200),
    }),
    output: z.object({ alert: alertRecordSchema }),
  },
  /** The alert in force in the caller's district (their grids', or their place's), if any. */
  'alert.current': { input: z.object({}), output: z.object({ alert: alertViewSchema.nullable() }) },
  /** The district's alerts, newest first, for staff. */
  'alert.list': { input: z.object({ ...pageInput }), output: pageOf(alertRecordSchema) },
} as const
