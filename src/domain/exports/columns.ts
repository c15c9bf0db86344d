import type { CaseAccess } from '../case/visibility'
import type { CaseRecord } from '../case/record'
import { caseChannelLabels } from '../case/record'
import { caseStatusLabels } from '../case/status'
import type { CaseFigures } from '../reports/case-figures'
import { beijingClock } from '../shared/time/beijing'

/*
 * The columns of a case-list export. FixMyStreet's council export is the anchor (id, title and detail,
 * category, who reported, then one timestamp per step of the life of a report, status, place); ours name
 * the handling chain's own steps: reported, claimed, rectified, verified, closed. Times are Beijing's,
 * as the headers say.
 */

/** The instants of a case's handling steps (ISO, UTC), null for a step not reached. */
export interface CaseTimes {
  createdAt: string
  claimedAt: string | null
  rectifiedAt: string | null
  verifiedAt: string | null
  closedAt: string | null
}

/**
 * A case's step times, from the figures its trail folds into (the case document keeps them; for an older
 * case without them, the caller folds its trail). Claimed is the first claim, rectified the latest fix.
 */
export function caseTimesOf(
  record: Pick<CaseRecord, 'createdAt' | 'claim' | 'verifiedAt'>,
  figures: CaseFigures | undefined,
): CaseTimes {
  return {
    createdAt: record.createdAt,
    claimedAt: figures?.claimedAt ?? record.claim?.at ?? null,
    rectifiedAt: figures?.fixedAt ?? null,
    verifiedAt: record.verifiedAt,
    closedAt: figures?.closedAt ?? null,
  }
}

/** What one row shows of a case: the record, the names it refers to, and what the viewer may see. */
export interface ExportCase {
  record: CaseRecord
  times: CaseTimes
  categoryName: string
  checkName: string
  gridLabel: string
  /** The address line shown in its place when the viewer may not see the reporter's own. */
  publicAddress: string
  access: CaseAccess
}

/** A cell: text, a number, or nothing. */
export type Cell = string | number | null

export interface ExportColumn {
  header: string
  /** Excel column width, in characters. */
  width: number
  value(row: ExportCase): Cell
}

/** "2026-11-24 10:15:00", Beijing time; empty for a step not reached. */
export function beijingTimestamp(instant: string | null): string | null {
  if (!instant) return null
  const clock = beijingClock(instant)
  return clock.isValid() ? clock.format('YYYY-MM-DD HH:mm:ss') : null
}

export const beijingTimeNote = '北京时间'
const timeColumn = (header: string, pick: (times: CaseTimes) => string | null): ExportColumn => ({
  header: `${header}（${beijingTimeNote}）`,
  width: 21,
  value: (row) => beijingTimestamp(pick(row.times)),
})
const cardLabels = { none: '', yellow: '黄牌', red: '红牌' } as const

export const exportColumns: readonly ExportColumn[] = [
  { header: '案件编号', width: 15, value: (row) => row.record.caseNo },
  { header: '状态', width: 12, value: (row) => caseStatusLabels[row.record.status] },
  { header: '问题类别', width: 14, value: (row) => row.categoryName },
  { header: '问题细项', width: 18, value: (row) => row.checkName },
  { header: '问题描述', width: 40, value: (row) => row.record.description },
  { header: '来源', width: 12, value: (row) => caseChannelLabels[row.record.channel] },
  { header: '所属网格', width: 30, value: (row) => row.gridLabel },
  {
    header: '地址',
    width: 30,
    value: (row) => (row.access.address ? row.record.address : row.publicAddress),
  },
  {
    header: '经度（GCJ-02）',
    width: 12,
    value: (row) => (row.access.exactPlace ? row.record.location.lng : null),
  },
  {
    header: '纬度（GCJ-02）',
    width: 12,
    value: (row) => (row.access.exactPlace ? row.record.location.lat : null),
  },
  {
    header: '举报人',
    width: 12,
    value: (row) => (row.access.reporter ? row.record.reporterNickname || '市民' : '（不显示）'),
  },
  {
    header: '来电人',
    width: 10,
    value: (row) => (row.access.callerContact ? (row.record.callerContact?.name ?? null) : null),
  },
  {
    header: '来电电话',
    width: 14,
    value: (row) => (row.access.callerContact ? (row.record.callerContact?.phone ?? null) : null),
  },
  { header: '认领人', width: 10, value: (row) => row.record.claim?.nickname ?? null },
  timeColumn('上报时间', (times) => times.createdAt),
  timeColumn('认领时间', (times) => times.claimedAt),
  timeColumn('整改时间', (times) => times.rectifiedAt),
  timeColumn('核查时间', (times) => times.verifiedAt),
  timeColumn('结案时间', (times) => times.closedAt),
  {
    header: `办理期限（${beijingTimeNote}）`,
    width: 21,
    value: (row) => beijingTimestamp(row.record.deadlineAt),
  },
  { header: '红黄牌', width: 8, value: (row) => cardLabels[row.record.card] || null },
  { header: '评价星级', width: 8, value: (row) => row.record.rating },
]
