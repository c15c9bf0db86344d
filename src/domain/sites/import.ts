import { z } from '../shared/zod'
import { siteFieldsSchema, type SiteFields } from './inputs'
import { naturalKeyOf, type SiteRules } from './rules'

/**
 * The spreadsheet's columns, by header (the first row). Required ones are marked; the order in the sheet is
 * free, and columns the register does not know are ignored.
 */
export const siteSheetColumns = [
  { header: '名称', field: 'name', required: true },
  { header: '类型', field: 'type', required: true },
  { header: '地址', field: 'address', required: true },
  { header: '经度', field: 'lng', required: true },
  { header: '纬度', field: 'lat', required: true },
  { header: '统一社会信用代码', field: 'creditCode', required: false },
  { header: '责任单位', field: 'responsibleUnit', required: false },
  { header: '联系人', field: 'contactName', required: false },
  { header: '联系电话', field: 'contactPhone', required: false },
] as const
type ColumnField = (typeof siteSheetColumns)[number]['field']

/** One row of the sheet as read: its line number in the sheet and its cells as text. */
export interface SheetRow {
  line: number
  cells: string[]
}

/** A row that passed every check: the site's fields, its key, and the grid its point lies in. */
export interface PlannedSite {
  line: number
  fields: SiteFields
  naturalKey: string
  gridId: string
}

export interface SitePlan {
  sites: PlannedSite[]
  rejected: Array<{ line: number; name: string; reason: string }>
}

/** What the plan needs from the grid tree: the grid a point lies in, and whether it is the importer's. */
export interface SiteLocating {
  locate(point: { lng: number; lat: number }): string | undefined
  withinDistrict(gridId: string): boolean
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]!
  return issue.message
}

/**
 * Checks the sheet row by row: the header first (a missing required column refuses the whole sheet), then each
 * row on its own, so that a bad row is reported with its line and reason and the rest go ahead. Rows that are
 * empty are skipped; a row repeating an earlier row's key is rejected naming that row.
 */
export function planSiteImport(
  header: SheetRow,
  rows: readonly SheetRow[],
  rules: SiteRules,
  locating: SiteLocating,
): { error: string } | SitePlan {
  const columnOf = new Map<ColumnField, number>()
  header.cells.forEach((cell, index) => {
    const column = siteSheetColumns.find((candidate) => candidate.header === cell.trim())
    if (column && !columnOf.has(column.field)) columnOf.set(column.field, index)
  })
  const missing = siteSheetColumns.filter((column) => column.required && !columnOf.has(column.field))
  if (missing.length > 0)
    return { error: `第${header.line}行表头缺少：${missing.map((column) => column.header).join('、')}` }

  const typeOf = new Map<string, string>()
  for (const type of rules.types) {
    typeOf.set(type.id, type.id)
    typeOf.set(type.label, type.id)
  }
  const seen = new Map<string, number>()
  const plan: SitePlan = { sites: [], rejected: [] }
  for (const row of rows) {
    const cell = (field: ColumnField) => {
      const index = columnOf.get(field)
      return index === undefined ? '' : (row.cells[index] ?? '').trim()
    }
    if (siteSheetColumns.every((column) => cell(column.field) === '')) continue
    const name = cell('name')
    const reject = (reason: string) => plan.rejected.push({ line: row.line, name, reason })

    const type = typeOf.get(cell('type'))
    if (!type) {
      reject(cell('type') ? `类型“${cell('type')}”不在类型表中` : '请填写类型')
      continue
    }
    const lng = Number(cell('lng'))
    const lat = Number(cell('lat'))
    if (cell('lng') === '' || cell('lat') === '' || !Number.isFinite(lng) || !Number.isFinite(lat)) {
      reject('经纬度应为数字（GCJ-02 坐标）')
      continue
    }
    const parsed = siteFieldsSchema.safeParse({
      name,
      type,
      address: cell('address'),
      location: { lng, lat },
      creditCode: cell('creditCode'),
      responsibleUnit: cell('responsibleUnit'),
      contactName: cell('contactName'),
      contactPhone: cell('contactPhone'),
    })
    if (!parsed.success) {
      reject(firstIssue(parsed.error))
      continue
    }
    const gridId = locating.locate(parsed.data.location)
    if (!gridId) {
      reject('该位置不在任何网格范围内')
      continue
    }
    if (!locating.withinDistrict(gridId)) {
      reject('该位置不在本区范围内')
      continue
    }
    const naturalKey = naturalKeyOf(parsed.data)
    const earlier = seen.get(naturalKey)
    if (earlier !== undefined) {
      reject(`与第${earlier}行重复（同一统一社会信用代码，或同名同地址）`)
      continue
    }
    seen.set(naturalKey, row.line)
    plan.sites.push({ line: row.line, fields: parsed.data, naturalKey, gridId })
  }
  return plan
}
