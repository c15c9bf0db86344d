import { periodKeyOf, previousPeriodKey } from '../shared/time'

/** The periods the map offers: this month, this week (ISO), last month. */
export function mapPeriods(now: Date): Array<{ key: string; label: string }> {
  return [
    { key: periodKeyOf('month', now), label: '本月' },
    { key: periodKeyOf('week', now), label: '本周' },
    { key: previousPeriodKey('month', now), label: '上月' },
  ]
}
