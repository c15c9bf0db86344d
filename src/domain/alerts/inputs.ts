import { z } from '../shared/zod'
import { noteSchema, pageInput } from '../shared/contract-kit'
import { alertLevelSchema } from './levels'

/** The input schemas of the alerts context's actions (the client's; the answers are in ./contract). */

const instantSchema = (message: string) =>
  z.iso.datetime({ offset: true, error: message }).transform((value) => new Date(value).toISOString())

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

export const alertInputs = {
  'alert.set': alertSetInputSchema,
  'alert.lift': z.object({
    alertId: z.string({ error: '请选择预警' }).min(1, { error: '请选择预警' }).max(64),
    note: noteSchema(200),
  }),
  'alert.current': z.object({}),
  'alert.list': z.object({ ...pageInput }),
} as const
