import { collections } from '../../../cloudfunctions/shared/app'
import { storesFor } from '../../../cloudfunctions/shared/runtime/context'
import { demoGridIds } from '../../../emulator/demo/grids'
import type { CaseEvent, CaseRecord } from '../../../src/domain/case/record'
import type { GridTree } from '../../../src/domain/grid/tree'
import { caseSources, foldFigures } from '../../../src/domain/reports/case-figures'
import type { StatsIndicator } from '../../../src/domain/reports/indicators'
import { documentsWhere } from '../../factories/inspect'
import type { TestWorld } from '../../factories/runtime'
import { people } from '../cases/lifecycle/walk'
import { buildDeskWorld, gaoxinOffice, project } from './desk-world'
import { countedIn, countedInWorld, exactP90Hours, expectedFigures, type Counted } from './recompute'

const nodes = [
  demoGridIds.yingyueRoadGrid1,
  demoGridIds.yingyueRoadGrid2,
  demoGridIds.yingyueRoad,
  demoGridIds.hanghaiEastRoad,
  demoGridIds.guancheng,
  demoGridIds.wutong,
  demoGridIds.gaoxin,
]
const days = Array.from({ length: 12 }, (_, i) =>
  new Date(Date.UTC(2026, 10, 23 + i)).toISOString().slice(0, 10),
)
const periods = [
  ...days,
  '2026-W48',
  '2026-W49',
  '2026-R48',
  '2026-R49',
  '2026-R50',
  '2026-11',
  '2026-12',
  '2026-Q4',
  '2026',
]
const viewerOf = (nodeId: string) =>
  nodeId === demoGridIds.wutong || nodeId === demoGridIds.gaoxin ? gaoxinOffice : people.airOffice

/** Which contribution each drill-down lists, and the values the by-source and by-category ones take. */
function drillDowns(
  categoryIds: string[],
): Array<{ indicator: StatsIndicator; value?: string; key: string }> {
  const keys: Record<Exclude<StatsIndicator, 'bySource' | 'byCategory'>, string> = {
    received: 'received',
    accepted: 'accepted',
    due: 'due',
    closed: 'closed',
    closedOnTime: 'closedOnTime',
    reworked: 'reworked',
    overdue: 'overdue',
    missedByPatrol: 'missedByPatrol',
    timeToClaim: 'claimed',
    timeToRectify: 'rectified',
    timeToClose: 'finished',
    satisfaction: 'rated',
    satisfied: 'satisfied',
    escalations: 'escalated',
    signOffs: 'signedOff',
    yellowCards: 'yellowCard',
    redCards: 'redCard',
  }
  return [
    ...Object.entries(keys).map(([indicator, key]) => ({ indicator: indicator as StatsIndicator, key })),
    ...caseSources.map((value) => ({ indicator: 'bySource' as const, value, key: `source:${value}` })),
    ...categoryIds.map((value) => ({ indicator: 'byCategory' as const, value, key: `category:${value}` })),
  ]
}

describe("the desk's figures, against the cases they count", () => {
  let world: TestWorld
  let counted: Counted[]
  let tree: GridTree
  let categoryIds: string[]

  beforeAll(async () => {
    world = await buildDeskWorld()
    await project(world)
    counted = await countedInWorld(world)
    tree = (await storesFor(world.runtime).grids.index()).tree
    categoryIds = world.runtime.settings.categories.categories.map((category) => category.id)
  }, 60_000)
  afterAll(() => world.close())

  it('walks cases through everything the desk counts', () => {
    const keys = new Set(counted.map((c) => c.key.replace(/:.*/, '')))
    const indicators = [
      ...['received', 'accepted', 'claimed', 'rectified', 'finished', 'due', 'closed', 'closedOnTime'],
      ...['reworked', 'overdue', 'missedByPatrol', 'escalated', 'signedOff', 'yellowCard', 'redCard'],
      ...['rated', 'satisfied', 'source', 'category'],
    ]
    expect(indicators.filter((key) => !keys.has(key))).toEqual([])
    const sources = new Set(counted.filter((c) => c.key.startsWith('source:')).map((c) => c.key))
    expect(sources.size).toBe(caseSources.length)
  })

  it('answers every figure of every level and period as the trails recompute it', async () => {
    const wrong: string[] = []
    for (const nodeId of nodes) {
      for (const period of periods) {
        const answer = await world.ok(viewerOf(nodeId), 'stats.overview', { gridId: nodeId, period })
        const here = countedIn(counted, tree, nodeId, period)
        const { timeToClaim, timeToRectify, timeToClose, ...figures } = answer
        const actual = {
          ...figures,
          timeToClaim: { count: timeToClaim.count, avgHours: timeToClaim.avgHours },
          timeToRectify: { count: timeToRectify.count, avgHours: timeToRectify.avgHours },
          timeToClose: { count: timeToClose.count, avgHours: timeToClose.avgHours },
        }
        const expected = expectedFigures(here, categoryIds)
        const { gridId: _g, grid: _grid, period: _p, periodKind: _k, periodLabel: _l, ...rest } = actual
        // Patrol figures come from check-ins, not cases: test/cloud/patrol/periods.test.ts checks them.
        const { periodEnded: _e, updatedAt: _u, patrol: _patrol, ...measured } = rest
        try {
          expect(measured).toEqual(expected)
        } catch {
          wrong.push(`${nodeId} ${period}: ${JSON.stringify(measured)} vs ${JSON.stringify(expected)}`)
        }
        // p90 from buckets: never below the exact value, at most a quarter-octave above (3.75 min floor).
        for (const [key, read] of [
          ['claimed', timeToClaim.p90Hours],
          ['rectified', timeToRectify.p90Hours],
          ['finished', timeToClose.p90Hours],
        ] as const) {
          const exact = exactP90Hours(here, key)
          if (exact === null) {
            if (read !== null) wrong.push(`${nodeId} ${period} ${key}: p90 ${read} of nothing`)
          } else if (
            read === null ||
            read < exact - 1e-9 ||
            read > Math.max(exact * 2 ** 0.25, 1 / 16) + 1e-9
          )
            wrong.push(`${nodeId} ${period} ${key}: p90 ${read}, exact ${exact}`)
        }
      }
    }
    expect(wrong).toEqual([])
  }, 60_000)

  it('lists exactly the cases behind each figure', async () => {
    const wrong: string[] = []
    const listed = async (nodeId: string, period: string, indicator: StatsIndicator, value?: string) => {
      const ids: string[] = []
      for (let page = 1; ; page += 1) {
        const answer = await world.ok(viewerOf(nodeId), 'stats.cases', {
          gridId: nodeId,
          period,
          indicator,
          ...(value ? { value } : {}),
          page,
          pageSize: 5,
        })
        ids.push(...answer.items.map((item) => item.id))
        if (!answer.hasMore) {
          if (answer.total !== ids.length)
            wrong.push(`${nodeId} ${period} ${indicator}: total ${answer.total}`)
          return ids
        }
      }
    }
    for (const nodeId of nodes) {
      for (const period of [
        '2026-11-23',
        '2026-11-24',
        '2026-W48',
        '2026-R49',
        '2026-11',
        '2026-12',
        '2026',
      ]) {
        const here = countedIn(counted, tree, nodeId, period)
        for (const { indicator, value, key } of drillDowns(categoryIds)) {
          const expected = here.filter((c) => c.key === key).map((c) => c.caseId)
          const ids = await listed(nodeId, period, indicator, value)
          if (JSON.stringify([...ids].sort()) !== JSON.stringify([...expected].sort()))
            wrong.push(`${nodeId} ${period} ${indicator}${value ? `:${value}` : ''}: ${ids} vs ${expected}`)
        }
      }
    }
    expect(wrong).toEqual([])
  }, 120_000)

  it('lists the newest reports first, each with the grid it counts for', async () => {
    const { items } = await world.ok(people.airOffice, 'stats.cases', {
      gridId: demoGridIds.yingyueRoad,
      period: '2026-Q4',
      indicator: 'received',
      pageSize: 50,
    })
    const created = items.map((item) => item.createdAt)
    expect(created).toEqual([...created].sort().reverse())
    expect(items.some((item) => item.grid.id === demoGridIds.yingyueRoadGrid2)).toBe(true)
  })

  it('keeps on each case the fold of its trail, and the deadline it stands at', async () => {
    const cases = await documentsWhere<CaseRecord & { trail: CaseEvent[] }>(world.db, collections.case, {})
    for (const doc of cases) {
      const folded = foldFigures([...doc.trail].sort((a, b) => a.seq - b.seq))
      expect(doc.figures).toEqual(folded)
      expect(doc.figures?.deadline).toBe(doc.deadlineAt)
    }
  })

  it('counts 23:59 on 30 November in November, and 00:01 on 1 December in December', async () => {
    const received = (period: string) =>
      world
        .ok(people.member, 'stats.cases', { period, indicator: 'received' })
        .then((answer) => answer.items.map((item) => item.createdAt))
    expect(await received('2026-11-30')).toEqual(['2026-11-30T15:59:00.000Z'])
    expect(await received('2026-12-01')).toEqual(['2026-11-30T16:01:00.000Z'])
    expect(await received('2026-12')).toEqual(['2026-11-30T16:01:00.000Z'])
    expect(await received('2026-11')).toContain('2026-11-30T15:59:00.000Z')
    const december = await world.ok(people.member, 'stats.overview', { period: '2026-12' })
    expect(december).toMatchObject({ gridId: demoGridIds.yingyueRoadGrid1, received: 1 })
  })

  it('labels a period not yet ended as such', async () => {
    const ask = (period: string) => world.ok(people.airOffice, 'stats.overview', { period })
    expect(await ask('2026-11')).toMatchObject({ periodEnded: true, periodLabel: '2026年11月' })
    expect(await ask('2026-12')).toMatchObject({ periodEnded: false, gridId: demoGridIds.guancheng })
  })
})
