import ExcelJS from 'exceljs'
import { collections, jobs } from '../../../cloudfunctions/shared/app'
import { countRequests } from '../../../emulator/database'
import type { JobControl } from '../../../cloudfunctions/shared/jobs/job'
import { storesFor } from '../../../cloudfunctions/shared/runtime/context'
import { statsJob } from '../../../cloudfunctions/shared/reports/stats-job'
import { runWeeklyJob, weeklyJob } from '../../../cloudfunctions/shared/reports/weekly-job'
import type { WeeklyRecord } from '../../../cloudfunctions/shared/reports/weekly-store'
import { demoGridIds } from '../../../emulator/demo/grids'
import type { GridTree } from '../../../src/domain/grid/tree'
import { stopAfterRequests } from '../../factories/faults'
import { documentsWhere } from '../../factories/inspect'
import { createTestWorld, type TestWorld } from '../../factories/runtime'
import { people, refusal } from '../cases/lifecycle/walk'
import { buildDeskWorld, gaoxinOffice } from './desk-world'
import { countedIn, countedInWorld, expectedFigures, type Counted } from './recompute'

/** 2026-R48 runs from Thursday 19 November to Wednesday 25 November and is due Thursday 26 November. */
const week = '2026-R48'
const community = demoGridIds.yingyueRoad
const street = demoGridIds.hanghaiEastRoad
const communityReport = `${community}:${week}`
const streetReport = `${street}:${week}`
const at = (iso: string) => new Date(iso)
const alwaysUp: JobControl = { timeUp: () => true }

const text = (problems: string) => ({ problems, suggestions: '加强夜间巡查', nextWeek: '重点检查渣土车' })

describe('the Thursday report', () => {
  let world: TestWorld
  let counted: Counted[]
  let tree: GridTree
  let categoryIds: string[]
  const reports = () => documentsWhere<WeeklyRecord>(world.db, collections.weeklyReport, {})
  const runAt = (iso: string, control?: JobControl) => {
    world.clock.now = at(iso)
    return runWeeklyJob(world.runtime, control)
  }

  beforeAll(async () => {
    // The desk world's week of work starts Monday 23 November, all of it projected by 1 December.
    world = await buildDeskWorld()
    counted = await countedInWorld(world)
    tree = (await storesFor(world.runtime).grids.index()).tree
    categoryIds = world.runtime.settings.categories.categories.map((category) => category.id)
  }, 90_000)
  afterAll(() => world.close())

  const streets = () => tree.all().filter((node) => node.level === 'street')
  const communities = () => tree.all().filter((node) => node.level === 'community')

  describe('the job, on a fixed clock', () => {
    it('is one of the jobs, after the stats projection it reads', () => {
      expect(jobs.find((job) => job.name === weeklyJob)).toMatchObject({ after: statsJob })
    })

    it('drafts nothing before Thursday in Beijing, nor before the week’s last events are counted', async () => {
      // Wednesday 23:30 in Beijing, Thursday in UTC: not yet.
      expect((await runAt('2026-11-25T15:30:00.000Z')).acted).toBe(0)
      // Thursday 00:10 in Beijing: the projection may still be counting Wednesday's last events.
      expect((await runAt('2026-11-25T16:10:00.000Z')).acted).toBe(0)
      expect(await reports()).toEqual([])
    })

    it('drafts every street and community once on Thursday, a street per run when time is short', async () => {
      const runs: number[] = []
      for (let run = 0; run < 10; run += 1) {
        const { acted } = await runAt('2026-11-26T01:00:00.000Z', alwaysUp)
        if (acted === 0) break
        runs.push(acted)
      }
      // A street's run drafts the street and its communities: 航海东路街道 and its 12, then 高新区's offices.
      expect(runs.length).toBe(streets().length)
      expect(runs.reduce((a, b) => a + b, 0)).toBe(streets().length + communities().length)
      const drafted = await reports()
      expect(drafted.map((record) => record._id).sort()).toEqual(
        [...streets(), ...communities()].map((node) => `${node._id}:${week}`).sort(),
      )
      expect(drafted.every((record) => record.status === 'draft' && record.version === 0)).toBe(true)
      // Due Thursday 26 November at 18:00 Beijing.
      expect(drafted[0]).toMatchObject({ dueDate: '2026-11-26', deadline: '2026-11-26T10:00:00.000Z' })
    })

    it('does not draft twice: a re-run, or one that lost its cursor, changes nothing', async () => {
      const before = await reports()
      expect((await runAt('2026-11-26T03:00:00.000Z')).acted).toBe(0)
      await world.db.collection(collections.jobCursor).doc(weeklyJob).remove()
      expect((await runAt('2026-11-26T03:10:00.000Z')).acted).toBe(0)
      expect(await reports()).toEqual(before)
      // Friday: another day, nothing.
      expect((await runAt('2026-11-27T03:00:00.000Z')).acted).toBe(0)
    })
  })

  describe('the figures', () => {
    it('are the stats read model’s for the week, and the week recomputed from the case trails', async () => {
      world.clock.now = at('2026-11-26T01:00:00.000Z')
      const { report } = await world.ok(people.airOffice, 'report.weekly.get', { id: communityReport })
      const overview = await world.ok(people.airOffice, 'stats.overview', { gridId: community, period: week })
      const expected = expectedFigures(countedIn(counted, tree, community, week), categoryIds)
      const own = report.figures.own
      for (const figures of [overview, expected])
        expect(own).toMatchObject({
          received: figures.received,
          due: figures.due,
          closed: figures.closed,
          closedOnTime: figures.closedOnTime,
          reworked: figures.reworked,
          overdue: figures.overdue,
          closureRate: figures.rates.closure,
          onTimeRate: figures.rates.onTimeClosure,
          reworkRate: figures.rates.rework,
          overdueRate: figures.rates.overdue,
        })
      expect(own.received).toBeGreaterThan(0)
      expect(own.due).toBeGreaterThan(0)
      expect(Object.fromEntries(report.figures.bySource.map((s) => [s.id, s.count]))).toEqual(
        expected.bySource,
      )
      expect(Object.fromEntries(report.figures.byCategory.map((c) => [c.id, c.count]))).toEqual(
        expected.byCategory,
      )
      expect(report.figures.cards).toEqual(expected.cards)
      expect(report.figures.escalations).toBe(expected.escalations)
      // The street's communities ranked against each other, this one among them.
      expect(report.figures.peers.map((row) => row.gridId).sort()).toEqual(
        tree
          .children(street)
          .filter((n) => n.level === 'community')
          .map((n) => n._id)
          .sort(),
      )
      expect(report.figures.peers.find((row) => row.gridId === community)).toEqual(own)
      // Section 5: the community's grids where most was reported, as recomputed.
      for (const spot of report.figures.hotspots)
        expect(spot.count).toBe(
          expectedFigures(countedIn(counted, tree, spot.id, week), categoryIds).received,
        )
      expect(report).toMatchObject({ status: 'draft', statusLabel: '待填报', late: false, text: null })
    })
  })

  describe('submitting, merging and who sees what', () => {
    it('refuses a merge before any community has submitted', async () => {
      const answer = await world.call(people.streetLeader, 'report.weekly.merge', {
        streetId: street,
        week,
        text: '汇总',
      })
      expect(refusal(answer)).toMatchObject({
        code: 'illegal-transition',
        message: '还没有社区提交本周周报，暂不能汇总',
      })
    })

    it('keeps the last submission and the versions it replaced', async () => {
      world.clock.now = at('2026-11-26T02:00:00.000Z')
      const first = await world.ok(people.communityLeader, 'report.weekly.submit', {
        id: communityReport,
        ...text('工地围挡缺失'),
      })
      expect(first.report).toMatchObject({ status: 'submitted', version: 1, history: [], late: false })
      world.clock.now = at('2026-11-26T03:00:00.000Z')
      const second = await world.ok(people.communityLeader, 'report.weekly.submit', {
        id: communityReport,
        ...text('工地围挡缺失，道路扬尘'),
      })
      expect(second.report).toMatchObject({
        version: 2,
        text: text('工地围挡缺失，道路扬尘'),
        submittedAt: '2026-11-26T03:00:00.000Z',
        history: [{ version: 1, submittedAt: '2026-11-26T02:00:00.000Z' }],
      })
      const [kept] = await documentsWhere<WeeklyRecord>(world.db, collections.weeklyReport, {
        _id: `${communityReport}:v1`,
      })
      expect(kept).toMatchObject({ status: 'superseded', version: 1, text: text('工地围挡缺失') })
      // The same text again is the same submission.
      const again = await world.ok(people.communityLeader, 'report.weekly.submit', {
        id: communityReport,
        ...text('工地围挡缺失，道路扬尘'),
      })
      expect(again.report.version).toBe(2)
      // A history copy is never listed, nor fetched as a report.
      expect(
        refusal(await world.call(people.airOffice, 'report.weekly.get', { id: `${communityReport}:v1` }))
          .code,
      ).toBe('not-found')
    })

    it('checks the free text with Chinese messages', async () => {
      const answer = await world.call(people.communityLeader, 'report.weekly.submit', {
        id: communityReport,
        problems: '  ',
        suggestions: '建'.repeat(1001),
        nextWeek: '下周',
      })
      expect(refusal(answer)).toMatchObject({
        code: 'invalid-input',
        fields: { problems: '请填写存在的问题', suggestions: '不能超过1000字' },
      })
    })

    it('lets the street merge its communities’ submitted reports and add its own text', async () => {
      const { report } = await world.ok(people.streetLeader, 'report.weekly.merge', {
        streetId: street,
        week,
        text: '本周各社区扬尘问题突出',
      })
      expect(report).toMatchObject({
        kind: 'street',
        status: 'merged',
        version: 1,
        mergeText: '本周各社区扬尘问题突出',
      })
      expect(report.merged).toEqual([
        expect.objectContaining({ communityId: community, version: 2, text: text('工地围挡缺失，道路扬尘') }),
      ])
      expect(report.missing.length).toBe(
        tree.children(street).filter((n) => n.level === 'community').length - 1,
      )
      const seen = await world.ok(people.communityLeader, 'report.weekly.get', { id: communityReport })
      expect(seen.report).toMatchObject({ status: 'merged', statusLabel: '已汇总' })
    })

    it('shows a resubmission as submitted again until the street merges it again', async () => {
      await world.ok(people.communityLeader, 'report.weekly.submit', {
        id: communityReport,
        ...text('第三版'),
      })
      expect(
        (await world.ok(people.streetLeader, 'report.weekly.get', { id: communityReport })).report.status,
      ).toBe('submitted')
      const { report } = await world.ok(people.streetLeader, 'report.weekly.merge', {
        streetId: street,
        week,
        text: '补充汇总',
      })
      expect(report).toMatchObject({ version: 2, history: [{ version: 1 }] })
      expect(report.merged[0]).toMatchObject({ version: 3, text: text('第三版') })
    })

    it('lists each caller’s scope: the community its own, the street its communities, the district all', async () => {
      world.clock.now = at('2026-11-26T12:00:00.000Z')
      const mine = await world.ok(people.communityLeader, 'report.weekly.list', { week })
      expect(mine.items.map((item) => item.id)).toEqual([communityReport])
      const streets = await world.ok(people.streetLeader, 'report.weekly.list', { week })
      expect(streets.items[0]!.id).toBe(streetReport)
      expect(streets.items.length).toBe(
        1 + tree.children(street).filter((n) => n.level === 'community').length,
      )
      const district = await world.ok(people.airOffice, 'report.weekly.list', { week })
      expect(district.items.every((item) => tree.covers(demoGridIds.guancheng, item.grid.id))).toBe(true)
      expect(district.items.length).toBe(streets.items.length)
      // Past 18:00 on Thursday: every community that submitted nothing is late; the one that did is not.
      expect(district.late.map((item) => item.grid.id).sort()).toEqual(
        tree
          .children(street)
          .filter((n) => n.level === 'community' && n._id !== community)
          .map((n) => n._id)
          .sort(),
      )
      expect(
        district.items.find((item) => item.id !== communityReport && item.kind === 'community'),
      ).toMatchObject({
        status: 'late',
        statusLabel: '逾期未交',
      })
      const other = await world.ok(gaoxinOffice, 'report.weekly.list', { week })
      expect(other.items.every((item) => tree.covers(demoGridIds.gaoxin, item.grid.id))).toBe(true)
      // Without a week, the report week that ended last.
      expect((await world.ok(people.airOffice, 'report.weekly.list', {})).week).toBe('2026-R48')
    })

    it('refuses everyone outside a report’s scope, and changes nothing when it does', async () => {
      const before = await reports()
      const otherCommunity = tree
        .children(street)
        .find((n) => n.level === 'community' && n._id !== community)!
      const refused = [
        [people.resident, 'report.weekly.list', { week }],
        [people.volunteer, 'report.weekly.get', { id: communityReport }],
        [people.member, 'report.weekly.list', { week }],
        [people.communityLeader, 'report.weekly.get', { id: streetReport }],
        [people.communityLeader, 'report.weekly.get', { id: `${otherCommunity._id}:${week}` }],
        [people.communityLeader, 'report.weekly.list', { week, gridId: street }],
        [gaoxinOffice, 'report.weekly.get', { id: communityReport }],
        [people.streetLeader, 'report.weekly.submit', { id: communityReport, ...text('越权') }],
        [people.airOffice, 'report.weekly.submit', { id: communityReport, ...text('越权') }],
        [
          people.communityLeader,
          'report.weekly.submit',
          { id: `${otherCommunity._id}:${week}`, ...text('越权') },
        ],
        [people.communityLeader, 'report.weekly.merge', { streetId: street, week, text: '越权' }],
        [people.airOffice, 'report.weekly.merge', { streetId: street, week, text: '越权' }],
        [people.member, 'report.weekly.export', { week }],
        [gaoxinOffice, 'report.weekly.export', { week, gridId: street }],
      ] as const
      for (const [openid, action, payload] of refused)
        expect([openid, action, refusal(await world.call(openid, action, payload)).code]).toEqual([
          openid,
          action,
          'forbidden',
        ])
      expect(await reports()).toEqual(before)
    })
  })

  describe('the workbook', () => {
    const readBack = async (fileID: string) => {
      const content = await world.runtime.files.download(fileID, 20 * 1024 * 1024)
      const workbook = new ExcelJS.Workbook()
      await workbook.xlsx.load(content! as unknown as ArrayBuffer)
      return workbook
    }
    const rowsOf = (sheet: ExcelJS.Worksheet) => {
      const rows: unknown[][] = []
      sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
      return rows
    }

    it('has a summary and a sheet per community, with the figures in tables, for its caller only', async () => {
      const answer = await world.ok(people.streetLeader, 'report.weekly.export', { week })
      expect(answer.fileID).toMatch(/\/exports\/[0-9a-f]{32}\/weekly-2026-R48-/)
      expect(answer.url).toContain(encodeURIComponent(answer.fileID))
      expect(answer.fileName).toBe('航海东路街道2026年第48周周报（11月19日—11月25日）.xlsx')
      const workbook = await readBack(answer.fileID)
      const names = workbook.worksheets.map((sheet) => sheet.name)
      const communityNames = tree
        .children(street)
        .filter((n) => n.level === 'community')
        .map((n) => n.name)
      expect(names[0]).toBe('汇总')
      expect(names.slice(1).sort()).toEqual(communityNames.sort())

      const { report } = await world.ok(people.streetLeader, 'report.weekly.get', { id: communityReport })
      const own = report.figures.own
      const summary = rowsOf(workbook.getWorksheet('汇总')!)
      const row = summary.find((values) => values[0] === tree.get(community)!.name)!
      expect(row.slice(2, 11)).toEqual([
        '已汇总',
        own.rank,
        own.name,
        own.received,
        own.due,
        own.closed,
        own.closedOnTime,
        own.reworked,
        own.overdue,
      ])
      expect(summary.some((values) => values[0] === '街道意见' && values[1] === '补充汇总')).toBe(true)

      const sheet = rowsOf(workbook.getWorksheet(tree.get(community)!.name)!)
      const handling = sheet[sheet.findIndex((values) => values[0] === '三、办理情况（本社区）') + 2]!
      expect(handling.slice(0, 12)).toEqual([
        own.rank,
        own.name,
        own.received,
        own.due,
        own.closed,
        own.closedOnTime,
        own.reworked,
        own.overdue,
        own.closureRate ?? '—',
        own.onTimeRate ?? '—',
        own.reworkRate ?? '—',
        own.overdueRate ?? '—',
      ])
      expect(sheet).toContainEqual(['存在的问题', '第三版'])
      const sources = sheet.slice(sheet.findIndex((values) => values[0] === '二、问题分类（按来源）') + 2)
      expect(sources.slice(0, report.figures.bySource.length)).toEqual(
        report.figures.bySource.map((s) => [s.label, s.count]),
      )
    })

    it('holds only the caller’s scope: a community leader’s workbook is their community', async () => {
      const answer = await world.ok(people.communityLeader, 'report.weekly.export', { week })
      const workbook = await readBack(answer.fileID)
      expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['汇总', tree.get(community)!.name])
      // Stored under a folder of the caller's own, not one a client reads by fileID.
      const other = await world.ok(people.streetLeader, 'report.weekly.export', { week })
      expect(answer.fileID.split('/').slice(-2)[0]).not.toBe(other.fileID.split('/').slice(-2)[0])
      expect(answer.fileID).not.toContain(people.communityLeader)
    })

    it('refuses a scope over the export limit, and names the way out', async () => {
      const policy = world.runtime.settings.policy
      world.configure({
        policy: { ...policy, weeklyReport: { ...policy.weeklyReport, maxExportCommunities: 5 } },
      })
      try {
        expect(refusal(await world.call(people.airOffice, 'report.weekly.export', { week }))).toMatchObject({
          code: 'invalid-input',
          message: '一次最多导出5个社区的周报（本次12个），请按街道分别导出',
        })
      } finally {
        world.configure({ policy })
      }
    })

    it('says so when the week has no reports yet', async () => {
      expect(
        refusal(await world.call(people.streetLeader, 'report.weekly.export', { week: '2026-R50' })),
      ).toMatchObject({
        code: 'not-found',
        message: '该周报尚未生成',
      })
    })
  })
})

describe('the weekly job stopped at any request and run again', () => {
  let world: TestWorld
  let expected: WeeklyRecord[]
  let requests: number
  const drafts = async () =>
    (await documentsWhere<WeeklyRecord>(world.db, collections.weeklyReport, {})).sort((a, b) =>
      a._id < b._id ? -1 : 1,
    )
  const forget = async () => {
    for (const doc of await drafts())
      await world.db.collection(collections.weeklyReport).doc(doc._id).remove()
    await world.db.collection(collections.jobCursor).doc(weeklyJob).remove()
  }

  beforeAll(async () => {
    world = await createTestWorld({ start: '2026-11-26T01:00:00.000Z' })
    // A warm instance has the grid tree already.
    await storesFor(world.runtime).grids.index()
    const { counts } = await countRequests(() => runWeeklyJob(world.runtime))
    requests = counts.requests
    expected = await drafts()
  })
  afterAll(() => world.close())

  it('ends with every draft made exactly once, wherever it was stopped', async () => {
    expect(expected.length).toBeGreaterThan(10)
    const wrong: number[] = []
    for (let stopAt = 0; stopAt < requests; stopAt += 1) {
      await forget()
      const stop = stopAfterRequests(world.engine, stopAt)
      await runWeeklyJob(world.runtime).catch(() => undefined)
      stop.revive()
      await runWeeklyJob(world.runtime)
      const again = await runWeeklyJob(world.runtime)
      if (JSON.stringify(await drafts()) !== JSON.stringify(expected) || again.acted !== 0) wrong.push(stopAt)
    }
    expect(wrong).toEqual([])
  }, 120_000)
})
