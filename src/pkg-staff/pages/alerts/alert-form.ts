import type { ActionInput } from '@/domain/contract'
import { alertSetInputSchema } from '@/domain/alerts/inputs'
import { describeIssues } from '@/domain/shared/contract-kit'
import type { AlertLevel } from '@/domain/alerts/levels'
import { beijingInstant } from '@/domain/shared/time'
import { beijingClock } from '@/domain/shared/time/beijing'

/** The office's form for one alert, as picked: Beijing dates (YYYY-MM-DD) and times (HH:mm). */
export interface AlertForm {
  level: AlertLevel | ''
  startDate: string
  startTime: string
  endDate: string
  endTime: string
  note: string
}

/** A Beijing date and time of an instant, as the pickers show them. */
export function pickerValues(instant: Date): { date: string; time: string } {
  const clock = beijingClock(instant)
  return { date: clock.format('YYYY-MM-DD'), time: clock.format('HH:mm') }
}

/**
 * A new form: starting now (to the minute, so that it holds at once, as an alert is mostly set when the
 * warning comes), for 24 hours, no level chosen yet.
 */
export function emptyAlertForm(now: Date): AlertForm {
  const start = new Date(Math.floor(now.getTime() / 60_000) * 60_000)
  return withDuration({ level: '', ...splitStart(start), endDate: '', endTime: '', note: '' }, 24)
}

function splitStart(start: Date) {
  const { date, time } = pickerValues(start)
  return { startDate: date, startTime: time }
}

/** The instant a picked Beijing date and time stand for; undefined when either is missing or invalid. */
export function pickedInstant(date: string, time: string): Date | undefined {
  const match = /^(\d{2}):(\d{2})$/.exec(time)
  if (!match) return undefined
  const instant = beijingInstant(date, Number(match[1]), Number(match[2]))
  return Number.isNaN(instant.getTime()) ? undefined : instant
}

/** The form with its end set this many hours after its start (a start that does not read leaves it). */
export function withDuration(form: AlertForm, hours: number): AlertForm {
  const start = pickedInstant(form.startDate, form.startTime)
  if (!start) return form
  const { date, time } = pickerValues(new Date(start.getTime() + hours * 3_600_000))
  return { ...form, endDate: date, endTime: time }
}

export function buildAlertPayload(form: AlertForm): ActionInput<'alert.set'> {
  const iso = (date: string, time: string) => pickedInstant(date, time)?.toISOString() ?? ''
  return {
    level: form.level as AlertLevel,
    startsAt: iso(form.startDate, form.startTime),
    endsAt: iso(form.endDate, form.endTime),
    note: form.note,
  }
}

/** The form's problems by field, with the server's own schema (its Chinese messages); none when it may be sent. */
export function alertFormErrors(form: AlertForm, now: Date): Record<string, string> {
  const parsed = alertSetInputSchema.safeParse(buildAlertPayload(form))
  const errors = parsed.success ? {} : describeIssues(parsed.error)
  if (parsed.success && parsed.data.endsAt <= now.toISOString()) errors.endsAt = '结束时间应晚于当前时间'
  return errors
}
