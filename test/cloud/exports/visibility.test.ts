import { runExports } from '../../../cloudfunctions/shared/exports/job'
import { noTimeLimit } from '../../../cloudfunctions/shared/jobs/job'
import { demoGridIds, demoPoints } from '../../../emulator/demo/grids'
import type { ActionInput, ExportView } from '../../../src/domain/contract'
import { exportColumns } from '../../../src/domain/exports/columns'
import { createTestWorld, type TestWorld } from '../../factories/runtime'
import { people } from '../cases/lifecycle/walk'

let calls = 0
const hotlineCall = (): ActionInput<'hotline.record'> => ({
  requestId: `export-hotline-${String((calls += 1)).padStart(4, '0')}`,
  categoryId: 'open-burning',
  checkId: 'burning-garbage',
  description: '=cmd|来电反映映月路有人焚烧垃圾',
  location: demoPoints.yingyueRoadGrid1,
  address: '映月路与商鼎路交叉口东北角',
  callerName: '王先生',
  callerPhone: '13800001234',
})
const column = (header: string) => exportColumns.findIndex((one) => one.header === header)

describe('what an export shows of each case', () => {
  let world: TestWorld
  let caseNo: string
  beforeAll(async () => {
    world = await createTestWorld()
    caseNo = (await world.ok(people.airOffice, 'hotline.record', hotlineCall())).case.caseNo
  })
  afterAll(() => world.close())

  async function rowOf(openid: string): Promise<string[]> {
    const { export: done } = await world.ok(openid, 'export.start', {
      requestId: `export-view-${String((calls += 1)).padStart(4, '0')}`,
      format: 'csv',
      filters: { gridId: demoGridIds.yingyueRoadGrid1 },
    })
    const text = (await world.runtime.files.download(done.fileID!, 1 << 20))!.toString('utf8')
    const line = text.split('\r\n').find((one) => one.startsWith(caseNo))
    if (!line) throw new Error(`no row for ${caseNo}`)
    return line.split(',')
  }

  it('gives a hotline caller’s contact to the grid’s staff and the district office, never to the 督查室', async () => {
    for (const openid of [people.communityLeader, people.member, people.airOffice]) {
      const row = await rowOf(openid)
      expect([row[column('来电人')], row[column('来电电话')]]).toEqual(['王先生', '13800001234'])
    }
    const supervisor = await rowOf(people.supervisor)
    expect([supervisor[column('来电人')], supervisor[column('来电电话')]]).toEqual(['', ''])
  })

  it('writes a description that starts like a formula as text', async () => {
    const row = await rowOf(people.member)
    expect(row[column('问题描述')]).toBe("'=cmd|来电反映映月路有人焚烧垃圾")
  })

  it('fails an export whose stored part is gone, saying so, instead of writing a file without it', async () => {
    for (let i = 0; i < 12; i++) await world.ok(people.airOffice, 'hotline.record', hotlineCall())
    const policy = world.runtime.settings.policy
    world.configure({ policy: { ...policy, exports: { maxCases: 1000, inlineCases: 0, pageCases: 10 } } })
    const { export: started } = await world.ok(people.airOffice, 'export.start', {
      requestId: 'export-lost-part',
      format: 'xlsx',
      filters: {},
    })
    const download = jest.spyOn(world.runtime.files, 'download').mockResolvedValue(null)
    try {
      await runExports(world.runtime, noTimeLimit)
    } finally {
      download.mockRestore()
    }
    const failed: ExportView = await world.ok(people.airOffice, 'export.get', { id: started.id })
    expect(failed).toMatchObject({ status: 'failed', statusLabel: '导出失败', fileID: null, url: null })
    expect(failed.message).toBe('导出文件已失效，请重新导出')
    expect(await runExports(world.runtime, noTimeLimit)).toMatchObject({ acted: 0 })
  })
})
