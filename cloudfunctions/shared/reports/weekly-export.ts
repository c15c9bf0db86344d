import ExcelJS from 'exceljs'
import type { WeeklyReportView } from '../../../src/domain/contract'
import { periodLabel } from '../../../src/domain/shared/time'

/** The columns of section 3, the handling table, as the sheets show it. */
const handlingColumns: Array<{
  header: string
  value: (row: WeeklyReportView['figures']['own']) => unknown
  rate?: true
}> = [
  { header: '排名', value: (row) => row.rank },
  { header: '名称', value: (row) => row.name },
  { header: '受理', value: (row) => row.received },
  { header: '应结案', value: (row) => row.due },
  { header: '结案', value: (row) => row.closed },
  { header: '按期结案', value: (row) => row.closedOnTime },
  { header: '返工', value: (row) => row.reworked },
  { header: '超期', value: (row) => row.overdue },
  { header: '结案率', value: (row) => row.closureRate, rate: true },
  { header: '按期结案率', value: (row) => row.onTimeRate, rate: true },
  { header: '返工率', value: (row) => row.reworkRate, rate: true },
  { header: '超期率', value: (row) => row.overdueRate, rate: true },
]

/** Excel's sheet names: at most 31 characters, none of `[]:*?/\`, unique in the workbook. */
function sheetNameOf(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, '_').slice(0, 28) || '社区'
  let candidate = base
  for (let n = 2; taken.has(candidate); n += 1) candidate = `${base.slice(0, 27)}_${n}`
  taken.add(candidate)
  return candidate
}

const bold = { bold: true }

function addTable(
  sheet: ExcelJS.Worksheet,
  title: string,
  headers: string[],
  rows: unknown[][],
  rateColumns: number[] = [],
): void {
  sheet.addRow([title]).font = { bold: true, size: 12 }
  sheet.addRow(headers).font = bold
  for (const values of rows) {
    const row = sheet.addRow(values.map((value) => (value === null ? '—' : value)))
    for (const column of rateColumns)
      if (typeof values[column] === 'number') row.getCell(column + 1).numFmt = '0.0%'
  }
  sheet.addRow([])
}

function handlingTable(sheet: ExcelJS.Worksheet, title: string, rows: WeeklyReportView['figures']['peers']) {
  addTable(
    sheet,
    title,
    handlingColumns.map((column) => column.header),
    rows.map((row) => handlingColumns.map((column) => column.value(row))),
    handlingColumns.flatMap((column, index) => (column.rate ? [index] : [])),
  )
}

/** One community's report: its six sections, figures as tables. */
function communitySheet(sheet: ExcelJS.Worksheet, report: WeeklyReportView): void {
  sheet.columns = [{ width: 22 }, ...Array.from({ length: 11 }, () => ({ width: 12 }))]
  sheet.addRow([`${report.grid.label} ${report.weekLabel}`]).font = { bold: true, size: 14 }
  sheet.addRow([
    '状态',
    report.statusLabel,
    '提交时间',
    report.submittedAt ?? '—',
    '提交人',
    report.submittedBy ?? '—',
  ])
  sheet.addRow([])
  const { figures } = report
  addTable(
    sheet,
    '一、空气质量',
    ['说明', '传感器报警'],
    [[figures.airQuality.note, figures.airQuality.sensorReports]],
  )
  addTable(
    sheet,
    '二、问题分类（按类别）',
    ['类别', '数量'],
    figures.byCategory.map((c) => [c.label, c.count]),
  )
  addTable(
    sheet,
    '二、问题分类（按来源）',
    ['来源', '数量'],
    figures.bySource.map((c) => [c.label, c.count]),
  )
  handlingTable(sheet, '三、办理情况（本社区）', [figures.own])
  handlingTable(sheet, '三、办理情况（本街道各社区排名）', figures.peers)
  addTable(
    sheet,
    '四、亮牌与督办',
    ['黄牌', '红牌', '督办（上报升级）'],
    [[figures.cards.yellow, figures.cards.red, figures.escalations]],
  )
  addTable(
    sheet,
    '五、问题高发网格（前10）',
    ['网格', '问题数'],
    figures.hotspots.map((h) => [h.label, h.count]),
  )
  const text = report.text
  addTable(
    sheet,
    '六、存在问题、意见建议、下周工作重点',
    ['项目', '内容'],
    [
      ['存在的问题', text?.problems ?? '（未填报）'],
      ['意见建议', text?.suggestions ?? '（未填报）'],
      ['下周工作重点', text?.nextWeek ?? '（未填报）'],
    ],
  )
}

/**
 * The week's workbook for a scope: a summary sheet (every community's handling row and status, the late
 * ones, each street's merged text) and one sheet per community with its six sections.
 */
export async function weeklyWorkbook(
  scopeName: string,
  week: string,
  reports: readonly WeeklyReportView[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'BlueGrid 蓝天网格'
  const summary = workbook.addWorksheet('汇总')
  summary.columns = [{ width: 22 }, ...Array.from({ length: 13 }, () => ({ width: 12 }))]
  summary.addRow([`${scopeName} ${periodLabel(week)}`]).font = { bold: true, size: 14 }
  summary.addRow([])
  const communities = reports.filter((report) => report.kind === 'community')
  addTable(
    summary,
    '各社区办理情况',
    ['社区', '街道', '状态', ...handlingColumns.map((column) => column.header)],
    communities.map((report) => [
      report.grid.name,
      report.grid.label.split(' / ')[0] ?? '',
      report.statusLabel,
      ...handlingColumns.map((column) => column.value(report.figures.own)),
    ]),
    handlingColumns.flatMap((column, index) => (column.rate ? [index + 3] : [])),
  )
  const late = communities.filter((report) => report.late)
  addTable(
    summary,
    '逾期周报',
    ['社区', '提交时间'],
    late.map((report) => [report.grid.name, report.submittedAt ?? '未提交']),
  )
  for (const street of reports.filter((report) => report.kind === 'street'))
    addTable(
      summary,
      `${street.grid.name}汇总意见（${street.statusLabel}）`,
      ['项目', '内容'],
      [
        ['街道意见', street.mergeText ?? '（未汇总）'],
        ['已汇总社区', street.merged.map((section) => section.name).join('、') || '—'],
        ['未提交社区', street.missing.map((grid) => grid.name).join('、') || '—'],
      ],
    )
  const taken = new Set(['汇总'])
  for (const report of communities)
    communitySheet(workbook.addWorksheet(sheetNameOf(report.grid.name, taken)), report)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
