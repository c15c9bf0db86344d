import type { GridLevel } from '../grid/tree'
import { addWorkingDays } from '../shared/time'
import { z } from '../shared/zod'

export const deadlineTableSchema = z.object({
  note: z.string().optional(),
  levels: z.object({
    block: z.object({ workingDays: z.number().int().positive() }),
    community: z.object({ workingDays: z.number().int().positive() }),
    street: z.object({ workingDays: z.number().int().positive() }),
    district: z.object({ workingDays: z.number().int().positive() }),
    city: z.object({ workingDays: z.number().int().positive() }),
  }),
  categoryHours: z.record(z.string(), z.number().positive()),
  majorHours: z.number().positive(),
  yellowLeadHours: z.number().positive(),
})
export type DeadlineTable = z.infer<typeof deadlineTableSchema>

const dateList = z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/))
export const calendarSchema = z.object({
  note: z.string().optional(),
  holidays: dateList,
  workdays: dateList,
})
export type HolidayCalendar = z.infer<typeof calendarSchema>

export interface DeadlineQuestion {
  categoryId: string
  level: GridLevel
  major: boolean
  from: Date
}

/** When a case arriving at a level now is due: the fastest of the level's, the category's and the major-event limit. */
export function computeDeadline(
  question: DeadlineQuestion,
  table: DeadlineTable,
  calendar: HolidayCalendar,
): Date {
  const candidates = [
    addWorkingDays(question.from, table.levels[question.level].workingDays, calendar).getTime(),
  ]
  const categoryHours = table.categoryHours[question.categoryId]
  if (categoryHours !== undefined) candidates.push(question.from.getTime() + categoryHours * 3_600_000)
  if (question.major) candidates.push(question.from.getTime() + table.majorHours * 3_600_000)
  return new Date(Math.min(...candidates))
}

/**
 * Whether the yellow card is due: within the lead time before the deadline (at most a quarter of the time
 * the level was given, so a four-hour limit is not yellow from the start), and not yet past it.
 */
export function yellowCardDue(
  deadlineAt: string,
  arrivedAt: string,
  now: Date,
  table: DeadlineTable,
): boolean {
  const deadline = new Date(deadlineAt).getTime()
  const allowed = deadline - new Date(arrivedAt).getTime()
  const lead = Math.min(table.yellowLeadHours * 3_600_000, allowed / 4)
  return now.getTime() >= deadline - lead && now.getTime() < deadline
}
