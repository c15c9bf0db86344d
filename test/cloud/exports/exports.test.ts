import ExcelJS from 'exceljs'
import { runExports } from '../../../cloudfunctions/shared/exports/job'
import { noTimeLimit, type JobControl } from '../../../cloudfunctions/shared/jobs/job'
import { demoGridIds } from '../../../emulator/demo/grids'
import type { GeneratedCase } from '../../../emulator/load/district'
import { exportColumns } from '../../../src/domain/exports/columns'
import { periodBounds } from '../../../src/domain/shared/time'
import type { ExportView } from '../../../src/domain/contract'
import { districtWorld } from '../../factories/district-world'
import { people, refusal } from '../cases/lifecycle/walk'
import type { TestWorld } from '../../factories/runtime'

/** A CSV file's rows (RFC 4180 quoting), the BOM checked and dropped. */
function parseCsv(text: string): string[][] {
  expect(text.charCodeAt(0)).toBe(0xfeff)
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 1; i < text.length; i++) {
    const c = text[i]!
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"'
      i++
    } else if (quoted && c === '"') quoted = false
    else if (quoted) cell += c
    else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(cell)
      cell = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i++
    } else cell += c
  }
  return rows
}

async function fileOf(world: TestWorld, view: ExportView): Promise<Buffer> {
  expect(view.fileID).not.toBeNull()
  const content = await world.runtime.files.download(view.fileID!, 50 * 1024 * 1024)
  if (!content) throw new Error('the export has no file')
  return content
}

/** A control whose time is up once it has been asked `steps` times. */
const after = (steps: number): JobControl => {
  let asked = 0
  return { timeUp: () => (asked += 1) >= steps }
}

const caseNoColumn = exportColumns.findIndex((column) => column.header === '案件编号')

describe('case-list exports', () => {
  let world: TestWorld
  let generated: GeneratedCase[]
  beforeAll(async () => {
    ;({ world, generated } = await districtWorld(700))
  }, 120_000)
  afterAll(() => world.close())
  const under = (gridId: string) => generated.filter(({ record }) => record.gridPath.includes(gridId))
  let requests = 0
  const requestId = () => `export-test-${String((requests += 1)).padStart(4, '0')}`

  it('writes a small export in the request, as CSV with a BOM, only the cases under the grid asked for', async () => {
    const gridId = demoGridIds.yingyueRoadGrid1
    const expected = under(gridId).filter(({ record }) => record.status === 'closed')
    expect(expected.length).toBeGreaterThan(0)
    const { export: done } = await world.ok(people.airOffice, 'export.start', {
      requestId: requestId(),
      format: 'csv',
      filters: { gridId, status: 'closed' },
    })
    expect(done).toMatchObject({
      status: 'done',
      progress: { done: expected.length, total: expected.length },
    })
    expect(done.url).toContain(encodeURIComponent(done.fileID!))
    const [header, ...rows] = parseCsv((await fileOf(world, done)).toString('utf8'))
    expect(header).toEqual(exportColumns.map((column) => column.header))
    expect(header).toContain('结案时间（北京时间）')
    expect(rows.map((row) => row[caseNoColumn]).sort()).toEqual(
      expected.map(({ record }) => record.caseNo).sort(),
    )
  })

  it('narrows by period and category, in Beijing days', async () => {
    const gridId = demoGridIds.hanghaiEastRoad
    const { start, end } = periodBounds('2026-10')
    const categoryId = generated[0]!.record.categoryId
    const expected = under(gridId).filter(
      ({ record }) =>
        record.categoryId === categoryId &&
        record.createdAt >= start.toISOString() &&
        record.createdAt < end.toISOString(),
    )
    expect(expected.length).toBeGreaterThan(0)
    world.configure({
      policy: {
        ...world.runtime.settings.policy,
        exports: { maxCases: 20_000, inlineCases: 2000, pageCases: 100 },
      },
    })
    const { export: done } = await world.ok(people.airOffice, 'export.start', {
      requestId: requestId(),
      format: 'csv',
      filters: { gridId, period: '2026-10', categoryId },
    })
    expect(done.status).toBe('done')
    expect(done.rows).toBe(expected.length)
    const rows = parseCsv((await fileOf(world, done)).toString('utf8')).slice(1)
    expect(rows.map((row) => row[caseNoColumn]).sort()).toEqual(
      expected.map(({ record }) => record.caseNo).sort(),
    )
  })

  it('refuses an export over the limit, saying how many and how to narrow it', async () => {
    const total = under(demoGridIds.guancheng).length
    world.configure({
      policy: {
        ...world.runtime.settings.policy,
        exports: { maxCases: total - 1, inlineCases: 0, pageCases: 100 },
      },
    })
    const before = (await world.ok(people.airOffice, 'export.list', {})).items.map((item) => item.id)
    const answer = await world.call(people.airOffice, 'export.start', {
      requestId: requestId(),
      format: 'xlsx',
      filters: {},
    })
    expect(refusal(answer)).toMatchObject({ code: 'invalid-input' })
    expect(refusal(answer).message).toContain(`一次最多导出${total - 1}条案件（本次${total}条）`)
    // Nothing was saved for the jobs function to pick up.
    expect((await world.ok(people.airOffice, 'export.list', {})).items.map((item) => item.id)).toEqual(before)
    // At the limit it is taken.
    world.configure({
      policy: {
        ...world.runtime.settings.policy,
        exports: { maxCases: total, inlineCases: 0, pageCases: 100 },
      },
    })
    const { export: taken } = await world.ok(people.airOffice, 'export.start', {
      requestId: requestId(),
      format: 'xlsx',
      filters: {},
    })
    expect(taken).toMatchObject({ status: 'running', progress: { done: 0, total } })
    await runExports(world.runtime, noTimeLimit)
  })

  it('keeps to the caller’s scope: no grid above or beside theirs, no residents', async () => {
    const start = (openid: string, gridId?: string) =>
      world.call(openid, 'export.start', { requestId: requestId(), format: 'csv', filters: { gridId } })
    expect(refusal(await start(people.member, demoGridIds.hanghaiEastRoad))).toMatchObject({
      code: 'forbidden',
      message: '该网格不在您的负责范围内',
    })
    expect(refusal(await start(people.member, demoGridIds.yingyueRoadGrid2))).toMatchObject({
      code: 'forbidden',
    })
    expect(refusal(await start(people.resident))).toMatchObject({ code: 'forbidden' })
  })

  it('continues a large export in the jobs function, a page at a time, resuming without duplicates', async () => {
    const gridId = demoGridIds.guancheng
    const expected = under(gridId)
    world.configure({
      policy: {
        ...world.runtime.settings.policy,
        exports: { maxCases: 20_000, inlineCases: 0, pageCases: 100 },
      },
    })
    const input = { requestId: requestId(), format: 'xlsx' as const, filters: {} }
    const { export: started, replayed } = await world.ok(people.airOffice, 'export.start', input)
    expect(replayed).toBe(false)
    expect(started).toMatchObject({
      status: 'running',
      progress: { done: 0, total: expected.length },
      url: null,
    })
    // The same request again is the same export.
    const again = await world.ok(people.airOffice, 'export.start', input)
    expect(again).toMatchObject({ replayed: true, export: { id: started.id } })

    // A run cut short after two pages; its progress shows.
    await runExports(world.runtime, after(2))
    const halfway = await world.ok(people.airOffice, 'export.get', { id: started.id })
    expect(halfway).toMatchObject({ status: 'running', progress: { done: 200, total: expected.length } })
    // Someone else's export is not found.
    expect(refusal(await world.call(people.supervisor, 'export.get', { id: started.id }))).toMatchObject({
      code: 'not-found',
    })
    // Two runs at once: one writes each page, the other finds it moved on.
    await Promise.all([runExports(world.runtime, after(3)), runExports(world.runtime, after(3))])
    await runExports(world.runtime, noTimeLimit)
    const done = await world.ok(people.airOffice, 'export.get', { id: started.id })
    expect(done).toMatchObject({ status: 'done', rows: expected.length, progress: { done: expected.length } })
    expect(done.url).toContain(encodeURIComponent(done.fileID!))
    expect(done.fileName).toMatch(/\.xlsx$/)

    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await fileOf(world, done))
    const sheet = workbook.getWorksheet('案件清单')!
    const header = (sheet.getRow(1).values as unknown[]).slice(1)
    expect(header).toEqual(exportColumns.map((column) => column.header))
    const caseNos: string[] = []
    sheet.eachRow((row, number) => {
      if (number > 1) caseNos.push(String(row.getCell(caseNoColumn + 1).value))
    })
    expect(new Set(caseNos).size).toBe(caseNos.length)
    expect(caseNos.sort()).toEqual(expected.map(({ record }) => record.caseNo).sort())
    // Nothing left for the job.
    expect(await runExports(world.runtime, noTimeLimit)).toMatchObject({ acted: 0 })
    const listed = await world.ok(people.airOffice, 'export.list', {})
    expect(listed.items.find((item) => item.id === started.id)).toMatchObject({ status: 'done' })
  }, 60_000)

  it('writes the step times in Beijing time', async () => {
    const closed = under(demoGridIds.yingyueRoadGrid1).find(({ record }) => record.status === 'closed')!
    world.configure({
      policy: {
        ...world.runtime.settings.policy,
        exports: { maxCases: 20_000, inlineCases: 2000, pageCases: 500 },
      },
    })
    const { export: done } = await world.ok(people.airOffice, 'export.start', {
      requestId: requestId(),
      format: 'csv',
      filters: { gridId: demoGridIds.yingyueRoadGrid1, status: 'closed' },
    })
    const [header, ...rows] = parseCsv((await fileOf(world, done)).toString('utf8'))
    const row = rows.find((cells) => cells[caseNoColumn] === closed.record.caseNo)!
    const created = new Date(new Date(closed.record.createdAt).getTime() + 8 * 3_600_000)
      .toISOString()
      .replace('T', ' ')
      .slice(0, 19)
    expect(row[header!.indexOf('上报时间（北京时间）')]).toBe(created)
    expect(row[header!.indexOf('结案时间（北京时间）')]).not.toBe('')
    expect(row[header!.indexOf('认领时间（北京时间）')]).not.toBe('')
  })
})
