import ExcelJS from 'exceljs'
import type { ActionOutput, ActionParsedInput } from '../../../src/domain/contract'
import { officeDistrict } from '../../../src/domain/people/onboarding'
import { districtOf } from '../../../src/domain/people/scope'
import { AppError } from '../../../src/domain/shared/errors'
import { placeCellOf } from '../../../src/domain/shared/geo'
import { maxSiteRows } from '../../../src/domain/sites/contract'
import { planSiteImport, type PlannedSite, type SheetRow } from '../../../src/domain/sites/import'
import { noMarks } from '../../../src/domain/sites/rules'
import { LostRace, retry } from '../db/retry'
import type { HandlerContext } from '../runtime/context'
import { siteIdFor } from './handlers'
import { siteStoreFor, type SiteRecord } from './store'

/** The first worksheet's rows as text, with their line numbers; an error when the file is not a workbook. */
export async function readSheet(
  base64: string,
): Promise<{ error: string } | { header: SheetRow; rows: SheetRow[] }> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer)
  } catch {
    return { error: '无法读取文件，请上传 Excel（.xlsx）格式的表格' }
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) return { error: '表格中没有工作表' }
  const all: SheetRow[] = []
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = []
    for (let column = 1; column <= row.cellCount; column += 1) cells.push(row.getCell(column).text ?? '')
    all.push({ line, cells })
  })
  const [header, ...rows] = all
  if (!header) return { error: '表格为空' }
  if (rows.length > maxSiteRows) return { error: `一次最多导入${maxSiteRows}行，请拆分后分批导入` }
  return { header, rows }
}

const sameFields = (site: SiteRecord, planned: PlannedSite) =>
  JSON.stringify([
    site.name,
    site.type,
    site.address,
    site.location.lng,
    site.location.lat,
    site.creditCode,
    site.responsibleUnit,
    site.contactName,
    site.contactPhone,
    site.gridId,
  ]) ===
  JSON.stringify([
    planned.fields.name,
    planned.fields.type,
    planned.fields.address,
    planned.fields.location.lng,
    planned.fields.location.lat,
    planned.fields.creditCode,
    planned.fields.responsibleUnit,
    planned.fields.contactName,
    planned.fields.contactPhone,
    planned.gridId,
  ])

/** How many changed rows are written at once. */
const concurrentWrites = 8

/**
 * `site.import`: the district office imports its register from a spreadsheet. Every row is checked on its
 * own (src/domain/sites/import.ts); rejected rows are reported with their line and reason, the rest written.
 * Each row is one site document, written whole or not at all; a row whose site exists (same natural key)
 * updates it in place, so importing the same sheet again adds nothing. With `dryRun` nothing is written.
 */
export async function importSites(
  ctx: HandlerContext,
  input: ActionParsedInput<'site.import'>,
): Promise<ActionOutput<'site.import'>> {
  const { tree, locator } = await ctx.stores.grids.index()
  const districtId = officeDistrict(tree, ctx.actor)
  if (!districtId) throw new AppError('forbidden', '只有区级办公室可以导入污染源档案')
  const rules = ctx.runtime.settings.sites
  const sheet = await readSheet(input.content)
  if ('error' in sheet) throw new AppError('invalid-input', sheet.error, { fields: { content: sheet.error } })
  const plan = planSiteImport(sheet.header, sheet.rows, rules, {
    locate: (point) => locator.locate(point)?._id,
    withinDistrict: (gridId) => districtOf(tree, [gridId]) === districtId,
  })
  if ('error' in plan) throw new AppError('invalid-input', plan.error, { fields: { content: plan.error } })

  const store = siteStoreFor(ctx.runtime)
  const idOf = (planned: PlannedSite) => siteIdFor(districtId, planned.naturalKey)
  const existing = await store.getMany(plan.sites.map(idOf))
  const at = ctx.now.toISOString()
  const place = (planned: PlannedSite) => ({
    ...planned.fields,
    placeCell: placeCellOf(planned.fields.location),
    gridId: planned.gridId,
    gridPath: tree.lineage(planned.gridId).map((node) => node._id),
    updatedAt: at,
    updatedBy: ctx.actor.openid,
  })
  const fresh: SiteRecord[] = []
  const changed: PlannedSite[] = []
  let unchanged = 0
  for (const planned of plan.sites) {
    const site = existing.get(idOf(planned))
    if (!site)
      fresh.push({
        _id: idOf(planned),
        ...noMarks,
        ...place(planned),
        districtId,
        naturalKey: planned.naturalKey,
        version: 0,
        source: 'import',
        createdAt: at,
        createdBy: ctx.actor.openid,
        requestKey: '',
      })
    else if (sameFields(site, planned)) unchanged += 1
    else changed.push(planned)
  }
  const rejected = [...plan.rejected]
  let updated = changed.length
  if (!input.dryRun) {
    await store.insertMany(fresh)
    for (let start = 0; start < changed.length; start += concurrentWrites)
      await Promise.all(
        changed.slice(start, start + concurrentWrites).map(async (planned) => {
          try {
            await retry(async (attempt) => {
              const site = attempt === 1 ? existing.get(idOf(planned)) : await store.get(idOf(planned))
              if (!site) throw new LostRace()
              if (!(await store.update(site, place(planned)))) throw new LostRace()
            })
          } catch (error) {
            if (!(error instanceof LostRace)) throw error
            updated -= 1
            rejected.push({
              line: planned.line,
              name: planned.fields.name,
              reason: '该行的污染源正被他人修改，请稍后重新导入',
            })
          }
        }),
      )
  }
  rejected.sort((a, b) => a.line - b.line)
  return { imported: fresh.length, updated, unchanged, rejected, dryRun: input.dryRun }
}
