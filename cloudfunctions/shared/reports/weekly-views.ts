import type { WeeklyReportView } from '../../../src/domain/contract'
import { findCategory, type CategoryCatalog } from '../../../src/domain/case/categories'
import type { GridTree } from '../../../src/domain/grid/tree'
import { caseSourceLabels, caseSources } from '../../../src/domain/reports/case-figures'
import { weeklyStatusOf } from '../../../src/domain/reports/weekly'
import { weeklyStatusLabels } from '../../../src/domain/reports/weekly-contract'
import { periodLabel } from '../../../src/domain/shared/time'
import { gridRef } from '../cases/views'
import type { WeeklyRecord } from './weekly-store'

/** What section 1 says while no air-quality feed is connected. */
export const airQualityNote = '暂未接入空气质量监测数据，以下为传感器报警转办的问题数'

/** The versions of its communities' reports a street's merged report holds, by community. */
export function mergedVersionsOf(records: readonly WeeklyRecord[]): Map<string, number> {
  const versions = new Map<string, number>()
  for (const record of records)
    if (record.kind === 'street')
      for (const section of record.merged) versions.set(section.communityId, section.version)
  return versions
}

/** A stored report as the caller sees it, with its status, labels and the history of its versions. */
export function weeklyViewOf(
  record: WeeklyRecord,
  context: { tree: GridTree; catalog: CategoryCatalog; now: Date; mergedVersion: number | undefined },
): WeeklyReportView {
  const { tree, catalog, now } = context
  const deadline = new Date(record.deadline)
  const status = weeklyStatusOf(record, context.mergedVersion, deadline, now)
  const late =
    record.kind === 'community' &&
    (record.submittedAt === null ? now >= deadline : new Date(record.submittedAt) > deadline)
  const figures = record.figures
  return {
    id: record._id,
    kind: record.kind,
    grid: gridRef(tree, record.gridId),
    streetId: record.streetId,
    week: record.week,
    weekLabel: periodLabel(record.week),
    dueDate: record.dueDate,
    deadline: record.deadline,
    status,
    statusLabel: late && status === 'submitted' ? '逾期提交' : weeklyStatusLabels[status],
    late,
    version: record.version,
    figures: {
      airQuality: { note: airQualityNote, sensorReports: figures.bySource.sensor ?? 0 },
      received: figures.received,
      byCategory: Object.entries(figures.byCategory).map(([id, count]) => ({
        id,
        label: findCategory(id, catalog)?.name ?? id,
        count,
      })),
      bySource: caseSources.map((id) => ({
        id,
        label: caseSourceLabels[id],
        count: figures.bySource[id] ?? 0,
      })),
      own: figures.own,
      peers: figures.peers,
      cards: figures.cards,
      escalations: figures.escalations,
      hotspots: figures.hotspots,
    },
    figuresAsOf: record.figuresAsOf,
    draftedAt: record.draftedAt,
    text: record.text,
    mergeText: record.mergeText,
    merged: record.merged,
    missing: record.missing.map((id) => gridRef(tree, id)),
    submittedAt: record.submittedAt,
    submittedBy: record.submittedByName,
    history: record.history,
  }
}
