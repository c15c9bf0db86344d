import type { reportsActions } from '../../../src/domain/reports/contract'
import type { weeklyActions } from '../../../src/domain/reports/weekly-contract'
import type { HandlerMap } from '../api/handler'
import type { Job } from '../jobs/job'
import { reportsSchema } from './collections'
import { statsCases, statsCharts, statsOverview } from './handlers'
import { runStatsJob, statsJob } from './stats-job'
import { exportWeekly, getWeekly, listWeekly, mergeWeekly, submitWeekly } from './weekly-handlers'
import { runWeeklyJob, weeklyJob } from './weekly-job'

const handlers: HandlerMap<keyof typeof reportsActions | keyof typeof weeklyActions> = {
  'stats.overview': statsOverview,
  'stats.cases': statsCases,
  'stats.charts': statsCharts,
  'report.weekly.list': listWeekly,
  'report.weekly.get': getWeekly,
  'report.weekly.submit': submitWeekly,
  'report.weekly.merge': mergeWeekly,
  'report.weekly.export': exportWeekly,
}

/**
 * The desk's indicators as a projection of case events, on the ten-minute sweep like the points job; the
 * Thursday report's drafts once the projection has counted the week (the same sweep, which does nothing on
 * other days).
 */
const jobs: Job[] = [
  {
    name: statsJob,
    reads: ['relay'],
    run: async (runtime, control) => [await runStatsJob(runtime, control)],
  },
  {
    name: weeklyJob,
    after: statsJob,
    run: async (runtime, control) => [await runWeeklyJob(runtime, control)],
  },
]

/** The district's desk: indicators per grid node and period, the cases behind each figure, the Thursday report. */
export const reportsContext = { name: 'reports', handlers, jobs, ...reportsSchema }
