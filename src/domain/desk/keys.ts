/*
 * The keys of the map's indicators and marker filters, apart from their labels and readers (indicators.ts):
 * the contract, which every package loads, needs only these; the rest stays in the desk's subpackage.
 */

/**
 * The indicators the map colours grids by, each read from a node's figures exactly as `stats.overview`
 * shows them, so a grid's colour and its overview never disagree.
 */
export const mapIndicators = [
  'received',
  'closure',
  'onTimeClosure',
  'overdue',
  'rework',
  'satisfaction',
  'missedByPatrol',
] as const

/** The marker filters: every open case, or one stage of the handling, or those past their deadline. */
export const markerFilters = ['open', 'unclaimed', 'claimed', 'rectified', 'overdue'] as const
