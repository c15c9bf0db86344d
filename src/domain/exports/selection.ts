import { caseStatusLabels, openStatuses, type CaseStatus } from '../case/status'
import { periodBounds, periodLabel } from '../shared/time'
import { beijingClock } from '../shared/time/beijing'
import { type ExportFilters, type ExportFormat } from './contract'

/**
 * The cases an export reads, as the store's query takes them: under one grid, of some statuses, reported
 * in [from, to). `to` is at most just after the export's start, so that the cases reported while it runs
 * are not part of it and the count taken at the start stays its total.
 */
export interface ExportSelection {
  gridId: string
  /** null for every status. */
  statuses: CaseStatus[] | null
  /** Narrowed on the rows read (the board's indexes have no category), so not part of the count. */
  categoryId: string | null
  from: string | null
  to: string
}

export function exportSelectionOf(filters: ExportFilters, gridId: string, startedAt: Date): ExportSelection {
  const statuses =
    filters.status === 'all' ? null : filters.status === 'open' ? [...openStatuses] : [filters.status]
  let from: string | null = null
  // Up to the export's start, that instant included.
  const cut = startedAt.getTime() + 1
  let to = new Date(cut).toISOString()
  if (filters.period) {
    const bounds = periodBounds(filters.period)
    from = bounds.start.toISOString()
    if (bounds.end.getTime() < cut) to = bounds.end.toISOString()
  }
  return { gridId, statuses, categoryId: filters.categoryId ?? null, from, to }
}

/** A case passes the one filter the query leaves to the rows. */
export function inSelection(selection: ExportSelection, record: { categoryId: string }): boolean {
  return selection.categoryId === null || record.categoryId === selection.categoryId
}

/** The filters in words: status, category, period. */
export function exportFilterLabel(filters: ExportFilters, categoryName?: string): string {
  const status =
    filters.status === 'all'
      ? '全部状态'
      : filters.status === 'open'
        ? '未办结'
        : caseStatusLabels[filters.status]
  return [
    status,
    filters.categoryId ? (categoryName ?? filters.categoryId) : '全部类别',
    filters.period ? periodLabel(filters.period) : '全部时间',
  ].join(' · ')
}

/** `案件清单_映月路社区_2026年11月_20261130-1015.xlsx`: what a download is saved as. */
export function exportFileNameOf(
  gridName: string,
  filters: ExportFilters,
  format: ExportFormat,
  createdAt: Date,
): string {
  const period = filters.period ? `_${periodLabel(filters.period)}` : ''
  const stamp = beijingClock(createdAt).format('YYYYMMDD-HHmm')
  const safe = `${gridName}${period}`.replace(/[\\/:*?"<>|\s]/g, '')
  return `案件清单_${safe}_${stamp}.${format === 'csv' ? 'csv' : 'xlsx'}`
}
