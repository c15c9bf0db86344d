import type { NodeFigures } from '../reports/overview'
import { mapIndicators, markerFilters } from './keys'

export { mapIndicators, markerFilters }

export type MapIndicator = (typeof mapIndicators)[number]

export interface MapIndicatorSpec {
  label: string
  /** A count (受理, 超期) or a share 0–1 (the rates). */
  unit: 'count' | 'share'
  /**
   * Whether more is worse, which decides the colour ramp: red for the worst grids. 受理 counts as worse when
   * higher because it measures how much pollution residents and patrols find; a falling closure, on-time or
   * satisfaction rate is worse; more overdue cases, more rework and more cases missed by the grid's own
   * patrols are worse.
   */
  higherIsWorse: boolean
  value: (figures: NodeFigures) => number | null
}

export const mapIndicatorSpecs: Record<MapIndicator, MapIndicatorSpec> = {
  received: { label: '受理', unit: 'count', higherIsWorse: true, value: (f) => f.received },
  closure: { label: '结案率', unit: 'share', higherIsWorse: false, value: (f) => f.rates.closure },
  onTimeClosure: {
    label: '按期结案率',
    unit: 'share',
    higherIsWorse: false,
    value: (f) => f.rates.onTimeClosure,
  },
  overdue: { label: '超期', unit: 'count', higherIsWorse: true, value: (f) => f.overdue },
  rework: { label: '返工率', unit: 'share', higherIsWorse: true, value: (f) => f.rates.rework },
  satisfaction: {
    label: '满意率',
    unit: 'share',
    higherIsWorse: false,
    value: (f) => f.satisfaction.rate,
  },
  missedByPatrol: {
    label: '漏报率',
    unit: 'share',
    higherIsWorse: true,
    value: (f) => f.missedByPatrolRatio,
  },
}

export type MarkerFilter = (typeof markerFilters)[number]

export const markerFilterLabels: Record<MarkerFilter, string> = {
  open: '全部未结',
  unclaimed: '待认领',
  claimed: '处理中',
  rectified: '待核查',
  overdue: '已超期',
}

/** The most markers one answer carries; more are flagged `truncated` so the page can say so. */
export const maxMapMarkers = 200

/** A value as the map and its list show it: a count, a percent with one decimal, or — for none. */
export function formatMapValue(value: number | null, unit: 'count' | 'share'): string {
  if (value === null) return '—'
  return unit === 'count' ? String(value) : `${Math.round(value * 1000) / 10}%`
}
