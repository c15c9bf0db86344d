import { collections } from '../../../cloudfunctions/shared/app'
import { storesFor } from '../../../cloudfunctions/shared/runtime/context'
import { assessNode } from '../../../src/domain/assessment/scoring'
import type { AssessmentView } from '../../../src/domain/contract'
import type { GridTree } from '../../../src/domain/grid/tree'
import { demoGridIds } from '../../../emulator/demo/grids'
import { documentsWhere } from '../../factories/inspect'
import type { TestWorld } from '../../factories/runtime'
import { people, refusal } from '../cases/lifecycle/walk'
import { buildDeskWorld, gaoxinOffice } from '../reports/desk-world'
import { countedIn, countedInWorld, expectedFigures, type Counted } from '../reports/recompute'

const month = '2026-11'

describe("the district's monthly assessment, drafted from the desk's figures", () => {
  let world: TestWorld
  let counted: Counted[]
  let tree: GridTree
  let categoryIds: string[]
  let draft: AssessmentView

  beforeAll(async () => {
    // The desk world ends on 1 December, 10:00 Beijing: November is over and projected.
    world = await buildDeskWorld()
    counted = await countedInWorld(world)
    tree = (await storesFor(world.runtime).grids.index()).tree
    categoryIds = world.runtime.settings.categories.categories.map((category) => category.id)
    draft = (await world.ok(people.airOffice, 'assessment.draft', { month })).assessment
  }, 90_000)
  afterAll(() => world.close())

  it('covers every street, community and grid of the district, each in its own league', () => {
    expect(draft.leagues.map((league) => league.level)).toEqual(['street', 'community', 'block'])
    for (const league of draft.leagues) {
      const expected = tree
        .all()
        .filter((node) => node.level === league.level && tree.covers(demoGridIds.guancheng, node._id))
        .map((node) => node._id)
      expect(league.entries.map((entry) => entry.nodeId).sort()).toEqual(expected.sort())
    }
    expect(draft).toMatchObject({ status: 'draft', version: 1, statusLabel: '草稿', periodEnded: true })
  })

  it('scores every node as its month recomputed from the case trails scores', () => {
    const rules = world.runtime.settings.assessment
    const wrong: string[] = []
    let scoredNodes = 0
    for (const league of draft.leagues)
      for (const entry of league.entries) {
        const figures = expectedFigures(countedIn(counted, tree, entry.nodeId, month), categoryIds)
        const expected = assessNode(entry.nodeId, figures, rules)
        const got = { score: entry.score, grade: entry.grade, yellow: entry.yellow, red: entry.red }
        const want = {
          score: expected.score,
          grade: expected.grade,
          yellow: expected.cards.yellow,
          red: expected.cards.red,
        }
        if (JSON.stringify(got) !== JSON.stringify(want))
          wrong.push(`${entry.nodeId}: ${JSON.stringify(got)} vs ${JSON.stringify(want)}`)
        if (entry.score !== null) scoredNodes += 1
      }
    expect(wrong).toEqual([])
    // The world has cases in the street, its community and both grids: some of each level is scored.
    expect(scoredNodes).toBeGreaterThanOrEqual(3)
  })

  it('carries the cards the trails hold into 督办 and 约谈 notes', () => {
    const street = draft.leagues[0]!.entries.find((entry) => entry.nodeId === demoGridIds.hanghaiEastRoad)!
    const cards = countedIn(counted, tree, demoGridIds.hanghaiEastRoad, month)
    const reds = cards.filter((c) => c.key === 'redCard').length
    const yellows = cards.filter((c) => c.key === 'yellowCard').length
    expect(reds).toBeGreaterThan(0)
    expect(street).toMatchObject({
      red: reds,
      yellow: yellows,
      interviews: reds,
      supervisions: Math.floor(yellows / 2),
    })
    expect(street.notes.some((note) => note.includes('约谈'))).toBe(true)
    expect(street.deduction).toBe(Math.floor(yellows / 2) * 1 + reds * 2)
  })

  it('ranks each league by score and lists its top and bottom', () => {
    for (const league of draft.leagues) {
      const scored = league.entries.filter((entry) => entry.score !== null)
      for (const entry of scored)
        expect(entry.rank).toBe(1 + scored.filter((other) => other.score! > entry.score!).length)
      expect(
        league.entries.filter((entry) => entry.score === null).every((entry) => entry.rank === null),
      ).toBe(true)
      if (scored.length > 0) expect(league.top[0]).toBe(scored[0]!.nodeId)
      for (const id of league.bottom) expect(league.top).not.toContain(id)
    }
  })

  it('lets only the district office draft and publish, and only its own district', async () => {
    for (const openid of [people.resident, people.member, people.streetLeader, people.supervisor]) {
      expect(refusal(await world.call(openid, 'assessment.draft', { month }))).toMatchObject({
        code: 'forbidden',
      })
      expect(refusal(await world.call(openid, 'assessment.publish', { month })).code).toBe('forbidden')
    }
    // 高新区's office drafts its own district, never 管城区's.
    const other = (await world.ok(gaoxinOffice, 'assessment.draft', { month })).assessment
    expect(other.districtId).toBe(demoGridIds.gaoxin)
    const seen = await world.ok(gaoxinOffice, 'assessment.list', { month })
    expect(seen.items.map((item) => item.districtId)).toEqual([demoGridIds.gaoxin])
  })

  it('shows drafts to the office and the supervisor only, residents nothing', async () => {
    for (const openid of [people.airOffice, people.supervisor]) {
      const { items } = await world.ok(openid, 'assessment.list', { month })
      expect(items.map((item) => [item.districtId, item.status])).toEqual([[demoGridIds.guancheng, 'draft']])
    }
    expect((await world.ok(people.member, 'assessment.list', {})).items).toEqual([])
    expect(refusal(await world.call(people.resident, 'assessment.list', {}))).toMatchObject({
      code: 'forbidden',
      message: '考核结果仅供网格工作人员和区级部门查看',
    })
  })

  it('redrafts idempotently, and keeps the draft a change replaces as history', async () => {
    const again = (await world.ok(people.airOffice, 'assessment.draft', { month })).assessment
    expect(again).toMatchObject({ version: 1, draftedAt: draft.draftedAt, history: [] })

    // The district changes its weights: the redraft differs, and the first draft is kept as it was.
    const shipped = world.runtime.settings.assessment
    world.configure({
      assessment: { ...shipped, indicators: [{ id: 'onTimeClosure', weight: 100 }] },
    })
    world.clock.advanceMinutes(5)
    const redrafted = (await world.ok(people.airOffice, 'assessment.draft', { month })).assessment
    world.configure({ assessment: shipped })
    expect(redrafted.version).toBe(2)
    expect(redrafted.weights.map((item) => item.id)).toEqual(['onTimeClosure'])
    expect(redrafted.history).toEqual([
      { version: 1, draftedAt: draft.draftedAt, draftedBy: draft.draftedBy },
    ])
    const kept = await documentsWhere<{ _id: string; status: string; leagues: unknown }>(
      world.db,
      collections.assessment,
      { _id: `${demoGridIds.guancheng}:${month}:v1` },
    )
    expect(kept).toHaveLength(1)
    expect(kept[0]!.status).toBe('superseded')
    expect(kept[0]!.leagues).toEqual(draft.leagues)
  })

  it('publishes once, after the month, for the district’s staff to see; a published month is not redrafted', async () => {
    const december = await world.ok(people.airOffice, 'assessment.draft', { month: '2026-12' })
    expect(december.assessment.statusLabel).toBe('草稿·月份未结束')
    expect(refusal(await world.call(people.airOffice, 'assessment.publish', { month: '2026-12' })).code).toBe(
      'period-not-ended',
    )
    expect(refusal(await world.call(people.airOffice, 'assessment.publish', { month: '2026-10' })).code).toBe(
      'not-found',
    )

    const published = (await world.ok(people.airOffice, 'assessment.publish', { month })).assessment
    expect(published).toMatchObject({
      status: 'published',
      version: 2,
      publishedAt: world.clock.now.toISOString(),
    })
    expect(refusal(await world.call(people.airOffice, 'assessment.publish', { month })).code).toBe(
      'already-published',
    )
    expect(refusal(await world.call(people.airOffice, 'assessment.draft', { month })).code).toBe(
      'already-published',
    )

    // The district's staff see the published month (not December's draft, nor the history behind it).
    const forMember = await world.ok(people.member, 'assessment.list', {})
    expect(forMember.items.map((item) => [item.month, item.status, item.history])).toEqual([
      [month, 'published', []],
    ])
    const blocks = await world.ok(people.member, 'assessment.list', { month, level: 'block' })
    expect(blocks.items[0]!.leagues.map((league) => league.level)).toEqual(['block'])
    // The office sees both months, newest first; 高新区's office none of 管城区's.
    const forOffice = await world.ok(people.airOffice, 'assessment.list', {})
    expect(forOffice.items.map((item) => [item.month, item.status])).toEqual([
      ['2026-12', 'draft'],
      [month, 'published'],
    ])
    const gaoxin = await world.ok(gaoxinOffice, 'assessment.list', {})
    expect(gaoxin.items.every((item) => item.districtId === demoGridIds.gaoxin)).toBe(true)
  })

  it('redrafts a month drafted before its end once it is over, even unchanged, so that it can be published', async () => {
    world.clock.now = new Date('2027-01-01T02:00:00.000Z')
    const before = (await world.ok(people.airOffice, 'assessment.list', { month: '2026-12' })).items[0]!
    expect(
      refusal(await world.call(people.airOffice, 'assessment.publish', { month: '2026-12' })).message,
    ).toBe('该草稿生成于月份结束前，请重新生成草稿、审核后再发布')
    const after = (await world.ok(people.airOffice, 'assessment.draft', { month: '2026-12' })).assessment
    expect(after.leagues).toEqual(before.leagues)
    expect(after).toMatchObject({ version: before.version + 1, statusLabel: '草稿' })
    expect(
      (await world.ok(people.airOffice, 'assessment.publish', { month: '2026-12' })).assessment.status,
    ).toBe('published')
  })

  it('makes one draft of two offices drafting the same month at once', async () => {
    const both = await Promise.all(
      [people.airOffice, people.longTermOffice].map((openid) =>
        world.ok(openid, 'assessment.draft', { month: '2026-10' }),
      ),
    )
    expect(both.map(({ assessment }) => assessment.version)).toEqual([1, 1])
    const stored = await documentsWhere(world.db, collections.assessment, { month: '2026-10' })
    expect(stored).toHaveLength(1)
    // October has no figures: every node is listed unscored, on neither list.
    const entries = both[0]!.assessment.leagues.flatMap((league) => league.entries)
    expect(entries.length).toBeGreaterThan(0)
    expect(entries.every((entry) => entry.score === null && entry.rank === null)).toBe(true)
    expect(
      both[0]!.assessment.leagues.every((league) => league.top.length + league.bottom.length === 0),
    ).toBe(true)
  })

  it('refuses a month that is not one, in plain Chinese', async () => {
    for (const bad of ['2026-13', '2026-W48', '2026', 'november', '']) {
      const error = refusal(await world.call(people.airOffice, 'assessment.draft', { month: bad }))
      expect(error).toMatchObject({
        code: 'invalid-input',
        fields: { month: '请选择考核月份，例如 2026-11' },
      })
    }
  })
})
