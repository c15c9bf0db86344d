import ExcelJS from 'exceljs'
import { findCategory, findCheck, type CategoryCatalog } from '../../../src/domain/case/categories'
import type { CaseRecord } from '../../../src/domain/case/record'
import { caseAccess, publicAddress } from '../../../src/domain/case/visibility'
import { caseTimesOf, exportColumns, type Cell, type ExportCase } from '../../../src/domain/exports/columns'
import { csvFile } from '../../../src/domain/exports/csv'
import { inSelection } from '../../../src/domain/exports/selection'
import type { GridTree } from '../../../src/domain/grid/tree'
import type { Viewer } from '../../../src/domain/people/scope'
import { foldFigures } from '../../../src/domain/reports/case-figures'
import { exportPathOf } from '../reports/weekly-handlers'
import { storesFor } from '../runtime/context'
import type { Runtime } from '../runtime/runtime'
import { exportStoreFor, type ExportRecord } from './store'

/** The largest part file read back when the export is put together (a page of rows is far smaller). */
const maxPartBytes = 16 * 1024 * 1024

/** One row of cells per case, as the viewer may see it. */
export function rowOf(
  record: CaseRecord,
  viewer: Viewer,
  tree: GridTree,
  catalog: CategoryCatalog,
  times: ExportCase['times'],
): Cell[] {
  const row: ExportCase = {
    record,
    times,
    categoryName: findCategory(record.categoryId, catalog)?.name ?? record.categoryId,
    checkName: findCheck(record.categoryId, record.checkId, catalog)?.name ?? record.checkId,
    gridLabel: tree.get(record.gridId) ? tree.label(record.gridId) : record.gridId,
    publicAddress: publicAddress(tree, record.gridId),
    access: caseAccess(record, viewer, tree),
  }
  return exportColumns.map((column) => column.value(row))
}

/**
 * A page of cases as rows. The step times come from the figures each case document keeps; a case from
 * before them has its trail read, all such cases of the page in one request.
 */
async function rowsOf(
  runtime: Runtime,
  tree: GridTree,
  record: ExportRecord,
  cases: CaseRecord[],
): Promise<Cell[][]> {
  const kept = cases.filter((one) => inSelection(record.selection, one))
  const older = kept.filter((one) => !one.figures).map((one) => one._id)
  const trails = older.length > 0 ? await storesFor(runtime).cases.getManyWithTrail(older) : new Map()
  const catalog = runtime.settings.categories
  return kept.map((one) =>
    rowOf(
      one,
      record.viewer,
      tree,
      catalog,
      caseTimesOf(one, one.figures ?? foldFigures(trails.get(one._id)?.trail ?? [])),
    ),
  )
}

const headers = exportColumns.map((column) => column.header)

/** The finished file's bytes: CSV with a BOM, or a workbook with one sheet of cases. */
export async function exportFileOf(
  record: Pick<ExportRecord, 'format' | 'fileName'>,
  rows: Cell[][],
  title: string,
): Promise<Buffer> {
  if (record.format === 'csv') return Buffer.from(csvFile(headers, rows), 'utf8')
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'BlueGrid 蓝天网格'
  const sheet = workbook.addWorksheet('案件清单', { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = exportColumns.map((column) => ({ header: column.header, width: column.width }))
  sheet.getRow(1).font = { bold: true }
  for (const row of rows) sheet.addRow(row)
  workbook.title = title
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

const partPath = (record: ExportRecord, step: number) =>
  exportPathOf(record.owner, `${record._id}/part-${String(step).padStart(4, '0')}.json`)
const filePath = (record: ExportRecord) =>
  exportPathOf(record.owner, `${record._id}/cases.${record.format === 'csv' ? 'csv' : 'xlsx'}`)

/** What one step did: whether it moved the export on, and whether the export is now finished. */
export interface StepResult {
  moved: boolean
  finished: boolean
  record: ExportRecord
}

/**
 * One step of an export: the next page of cases after its cursor. A full page is stored as a part and
 * the cursor moves past it; a short one is the last: the parts and it become the file. The move is
 * conditional on the step it started from, so of two runs at the same step only one writes, and a step
 * cut short before its write is done again from the same cursor, over the same cases.
 */
export async function stepExport(
  runtime: Runtime,
  tree: GridTree,
  record: ExportRecord,
  pageCases: number,
): Promise<StepResult> {
  const cases = await storesFor(runtime).cases.listForExport(record.selection, record.cursor, pageCases)
  const rows = await rowsOf(runtime, tree, record, cases)
  const now = runtime.now().toISOString()
  const done = record.done + cases.length
  const last = cases.at(-1)
  if (cases.length === pageCases && last) {
    const part = await runtime.files.upload(
      partPath(record, record.step),
      Buffer.from(JSON.stringify(rows), 'utf8'),
    )
    const change = {
      step: record.step + 1,
      cursor: { createdAt: last.createdAt, id: last._id },
      done,
      rows: record.rows + rows.length,
      parts: [...record.parts, part],
      updatedAt: now,
    }
    const moved = await exportStoreFor(runtime).advance(record._id, record.step, change)
    return { moved, finished: false, record: { ...record, ...change } }
  }
  const all: Cell[][] = []
  for (const part of record.parts) {
    const content = await runtime.files.download(part, maxPartBytes)
    if (!content) return failed(runtime, record, '导出文件已失效，请重新导出')
    all.push(...(JSON.parse(content.toString('utf8')) as Cell[][]))
  }
  all.push(...rows)
  const fileID = await runtime.files.upload(
    filePath(record),
    await exportFileOf(record, all, record.fileName),
  )
  const change = {
    step: record.step + 1,
    status: 'done' as const,
    cursor: last ? { createdAt: last.createdAt, id: last._id } : record.cursor,
    done,
    rows: all.length,
    fileID,
    updatedAt: now,
    finishedAt: now,
  }
  const moved = await exportStoreFor(runtime).advance(record._id, record.step, change)
  return { moved, finished: true, record: { ...record, ...change } }
}

/** Ends an export that cannot be finished (a part of it is gone from storage), saying so to its owner. */
async function failed(runtime: Runtime, record: ExportRecord, message: string): Promise<StepResult> {
  const now = runtime.now().toISOString()
  const change = {
    step: record.step + 1,
    status: 'failed' as const,
    message,
    updatedAt: now,
    finishedAt: now,
  }
  const moved = await exportStoreFor(runtime).advance(record._id, record.step, change)
  return { moved, finished: true, record: { ...record, ...change } }
}

/**
 * The whole of a small export, in the request: its pages read one after another and the file written,
 * with no write of the export until it is done (the record is inserted finished).
 */
export async function writeWhole(
  runtime: Runtime,
  tree: GridTree,
  record: ExportRecord,
  pageCases: number,
): Promise<ExportRecord> {
  const all: Cell[][] = []
  let cursor = record.cursor
  let done = 0
  for (;;) {
    const cases = await storesFor(runtime).cases.listForExport(record.selection, cursor, pageCases)
    all.push(...(await rowsOf(runtime, tree, record, cases)))
    done += cases.length
    const last = cases.at(-1)
    if (last) cursor = { createdAt: last.createdAt, id: last._id }
    if (cases.length < pageCases) break
  }
  const fileID = await runtime.files.upload(
    filePath(record),
    await exportFileOf(record, all, record.fileName),
  )
  const now = runtime.now().toISOString()
  return {
    ...record,
    status: 'done',
    done,
    rows: all.length,
    cursor,
    step: 1,
    fileID,
    finishedAt: now,
    updatedAt: now,
  }
}
