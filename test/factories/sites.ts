import ExcelJS from 'exceljs'
import type { ActionInput } from '../../src/domain/contract'
import { siteSheetColumns } from '../../src/domain/sites/import'
import { demoPoints } from '../../emulator/demo/grids'

/** The register's columns, in the order the template has them. */
export const siteSheetHeader = siteSheetColumns.map((column) => column.header)

/** A workbook with one sheet of these rows under the header (or another header), as the import takes it: base64. */
export async function siteSheet(
  rows: unknown[][],
  header: readonly string[] = siteSheetHeader,
): Promise<string> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('污染源')
  sheet.addRow([...header])
  for (const row of rows) sheet.addRow(row)
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64')
}

/** A row of the sheet for a site in 映月路社区第1网格, `n` metres or so east of the demo point. */
export function siteRow(name: string, overrides: Partial<Record<string, unknown>> = {}): unknown[] {
  const values: Record<string, unknown> = {
    名称: name,
    类型: '建筑工地',
    地址: `映月路${name}`,
    经度: demoPoints.yingyueRoadGrid1.lng,
    纬度: demoPoints.yingyueRoadGrid1.lat,
    统一社会信用代码: '',
    责任单位: '郑州建工集团',
    联系人: '张经理',
    联系电话: '13800000001',
    ...overrides,
  }
  return siteSheetHeader.map((header) => values[header] ?? '')
}

let requests = 0

/** A site.create payload for a site at the demo point in 映月路社区第1网格. */
export function siteInput(overrides: Partial<ActionInput<'site.create'>> = {}): ActionInput<'site.create'> {
  return {
    requestId: `site-test-${String((requests += 1)).padStart(6, '0')}`,
    name: '映月路安置房工地',
    type: 'construction',
    address: '映月路与航海东路交叉口东北角',
    location: demoPoints.yingyueRoadGrid1,
    responsibleUnit: '郑州建工集团',
    contactName: '张经理',
    contactPhone: '13800000001',
    ...overrides,
  }
}
