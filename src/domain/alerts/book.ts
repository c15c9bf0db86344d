import type { DecideContext } from '../case/acts/kit'
import type { AlertLevel, AlertLevelRules, AlertLevelTable } from './levels'

/*
 * A district's alerts are kept as an append-only list of entries (its "alert book"): each set and each lift
 * is an entry, never changed afterwards, so the history is the list itself. What holds at an instant is
 * folded from it here, purely.
 */

export interface AlertSetEntry {
  type: 'set'
  alertId: string
  level: AlertLevel
  startsAt: string
  endsAt: string
  note: string
  by: string
  byNickname: string
  at: string
}

export interface AlertLiftEntry {
  type: 'lift'
  alertId: string
  note: string
  by: string
  byNickname: string
  at: string
}

export type AlertEntry = AlertSetEntry | AlertLiftEntry

/** One alert as its entries make it: planned window, and when it was lifted early, if it was. */
export interface Alert {
  id: string
  level: AlertLevel
  startsAt: string
  /** The end as set. */
  plannedEndsAt: string
  /** When it actually ends: the planned end, or the lift if that came first. */
  endsAt: string
  note: string
  setBy: string
  setByNickname: string
  setAt: string
  lift: { at: string; note: string; byNickname: string } | null
}

/** The alerts of a book, newest set first. */
export function alertsOf(entries: readonly AlertEntry[]): Alert[] {
  const alerts = new Map<string, Alert>()
  for (const entry of entries) {
    if (entry.type === 'set') {
      alerts.set(entry.alertId, {
        id: entry.alertId,
        level: entry.level,
        startsAt: entry.startsAt,
        plannedEndsAt: entry.endsAt,
        endsAt: entry.endsAt,
        note: entry.note,
        setBy: entry.by,
        setByNickname: entry.byNickname,
        setAt: entry.at,
        lift: null,
      })
      continue
    }
    const alert = alerts.get(entry.alertId)
    if (!alert || alert.lift) continue
    alert.lift = { at: entry.at, note: entry.note, byNickname: entry.byNickname }
    // A lift before the start cancels the alert: it never holds.
    const end = entry.at < alert.startsAt ? alert.startsAt : entry.at
    if (end < alert.endsAt) alert.endsAt = end
  }
  return [...alerts.values()].reverse()
}

const iso = (at: Date | string) => (typeof at === 'string' ? at : at.toISOString())

/** The alert that holds at an instant: started at or before it, ending after it. */
export function alertAt(alerts: readonly Alert[], at: Date | string): Alert | null {
  const instant = iso(at)
  return alerts.find((alert) => alert.startsAt <= instant && instant < alert.endsAt) ?? null
}

/** Whether an alert is over (or lifted) at an instant, or still to come or in force. */
export function alertState(alert: Alert, at: Date | string): 'upcoming' | 'in-force' | 'ended' {
  const instant = iso(at)
  if (instant >= alert.endsAt) return 'ended'
  return instant < alert.startsAt ? 'upcoming' : 'in-force'
}

/** An alert of the book whose window meets [startsAt, endsAt); a district has one alert at a time. */
export function overlappingAlert(
  alerts: readonly Alert[],
  window: { startsAt: string; endsAt: string },
): Alert | null {
  return alerts.find((alert) => alert.startsAt < window.endsAt && window.startsAt < alert.endsAt) ?? null
}

/** What an alert in force asks of a new report in this category; null when the category is not listed. */
export function alertEffect(
  alert: Alert | null,
  categoryId: string,
  table: AlertLevelTable,
): (Pick<AlertLevelRules, 'deadlineHours' | 'major'> & { level: AlertLevel }) | null {
  if (!alert) return null
  const rules = table.levels[alert.level]
  if (!rules.categoryIds.includes(categoryId)) return null
  return { level: alert.level, deadlineHours: rules.deadlineHours, major: rules.major }
}

/**
 * The decision context of a report made while an alert holds: a listed category is urgent (major) and due
 * within the level's hours, or by its normal deadline if that is sooner. Other categories are unchanged.
 */
export function underAlert(
  ctx: DecideContext,
  alert: Alert | null,
  categoryId: string,
  table: AlertLevelTable,
): DecideContext {
  const effect = alertEffect(alert, categoryId, table)
  if (!effect) return ctx
  const cap = ctx.now.getTime() + effect.deadlineHours * 3_600_000
  return {
    ...ctx,
    policy: effect.major
      ? { ...ctx.policy, majorCategoryIds: [...ctx.policy.majorCategoryIds, categoryId] }
      : ctx.policy,
    deadlineFor: (record, level) => {
      const normal = ctx.deadlineFor(record, level)
      return new Date(Math.min(new Date(normal).getTime(), cap)).toISOString()
    },
  }
}
