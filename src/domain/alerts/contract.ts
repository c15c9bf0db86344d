import { z } from '../shared/zod'
import { pageOf } from '../shared/contract-kit'
import { alertLevelSchema } from './levels'
import { alertInputs } from './inputs'

export * from './inputs'

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

export const alertActions = {
  /** The district office sets an alert of its district, from a start to an end (one at a time). */
  'alert.set': { input: alertInputs['alert.set'], output: z.object({ alert: alertRecordSchema }) },
  /** Ends an alert of the office's district early (or cancels one still to come). */
  'alert.lift': { input: alertInputs['alert.lift'], output: z.object({ alert: alertRecordSchema }) },
  /** The alert in force in the caller's district (their grids', or their place's), if any. */
  'alert.current': {
    input: alertInputs['alert.current'],
    output: z.object({ alert: alertViewSchema.nullable() }),
  },
  /** The district's alerts, newest first, for staff. */
  'alert.list': { input: alertInputs['alert.list'], output: pageOf(alertRecordSchema) },
} as const
