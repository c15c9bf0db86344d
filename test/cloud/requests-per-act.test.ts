import { prepareCaseNumbers } from '../../cloudfunctions/shared/cases/jobs'
/**
 * What each act costs in database requests today (in the cloud every request is a network round trip and a
 * billed call). Printed as a table and pinned, so a change in cost is a deliberate change of this table.
 */
import { collections } from '../../cloudfunctions/shared/app'
import { runPointsJob } from '../../cloudfunctions/shared/rewards/points-job'
import { runRelay } from '../../cloudfunctions/shared/cases/relay'
import { countRequests } from '../../emulator/database'
import { demoPoints } from '../../emulator/demo/grids'
import type { ActionName } from '../../src/domain/contract'
import { createTestWorld, reportAt, type TestWorld } from '../factories/runtime'
import { afterPhoto, people } from './cases/lifecycle/walk'

describe('database requests per act', () => {
  let world: TestWorld
  beforeEach(async () => {
    world = await createTestWorld()
  })
  afterEach(() => world.close())

  it('costs what this table says, act by act', async () => {
    const table: Array<{ act: string; requests: number; byKind: Record<string, number> }> = []
    const act = async (label: string, openid: string, action: ActionName, payload: unknown) => {
      const { answer, database } = await world.metered(openid, action, payload)
      if (!answer.ok) throw new Error(`${label} failed: ${JSON.stringify(answer.error)}`)
      table.push({ act: label, requests: database.requests, byKind: database.byKind })
      return answer.data as { case: { id: string } }
    }
    // The grid tree is cached per warm instance: load it once, as a warm function would have. The jobs
    // function has run before, so today's case-number counter exists.
    await world.ok(people.resident, 'me.get', {})
    await prepareCaseNumbers(world.runtime)

    await act('me.get', people.resident, 'me.get', {})
    const { id: caseId } = (
      await act('case.submit', people.resident, 'case.submit', reportAt(demoPoints.yingyueRoadGrid1))
    ).case
    await act('case.get', people.resident, 'case.get', { caseId })
    await act('case.mine', people.resident, 'case.mine', {})
    await act('board.list', people.member, 'board.list', {})
    await act('case.claim', people.member, 'case.claim', { caseId })
    await act('case.rectify', people.member, 'case.rectify', {
      caseId,
      measure: 'dissuade',
      note: '已劝阻',
      photos: [afterPhoto],
    })
    await act('case.verify', people.communityLeader, 'case.verify', { caseId, passed: true, note: '' })
    await act('case.confirm', people.resident, 'case.confirm', { caseId, rating: 5, comment: '' })
    const other = (
      await act(
        'case.submit (2nd)',
        people.resident2,
        'case.submit',
        reportAt(demoPoints.yingyueRoadGrid1, {
          categoryId: 'construction-site',
          checkId: 'construction-no-fence',
        }),
      )
    ).case.id
    await act('case.escalate', people.member, 'case.escalate', {
      caseId: other,
      reason: 'cannot-handle',
      note: '处置不了',
    })
    await act('notification.list', people.member, 'notification.list', {})
    await act('patrol.checkIn', people.volunteer, 'patrol.checkIn', {
      requestId: 'cost-patrol-0001',
      location: demoPoints.yingyueRoadGrid1,
      photos: [afterPhoto],
      note: '工地围挡完好',
    })
    await runRelay(world.runtime)
    // The points projection over every case event so far, in one run.
    const { value: projected, counts: job } = await countRequests(() => runPointsJob(world.runtime))
    const events = (await world.db.collection(collections.caseEvent).count()).total
    table.push({ act: `points job (${events} events)`, requests: job.requests, byKind: job.byKind })
    await act('points.mine', people.resident, 'points.mine', {})
    await act('points.leaderboard', people.resident, 'points.leaderboard', {})

    console.log(
      ['act                   requests  by kind']
        .concat(
          table.map(
            (row) =>
              `${row.act.padEnd(22)}${String(row.requests).padStart(8)}  ${Object.entries(row.byKind)
                .map(([kind, n]) => `${kind} ${n}`)
                .join(', ')}`,
          ),
        )
        .join('\n'),
    )
    expect(Object.fromEntries(table.map((row) => [row.act, row.requests]))).toEqual({
      'me.get': 1,
      'case.submit': 4,
      'case.get': 2,
      'case.mine': 2,
      'board.list': 2,
      'case.claim': 3,
      'case.rectify': 3,
      'case.verify': 3,
      'case.confirm': 3,
      'case.submit (2nd)': 4,
      'case.escalate': 3,
      'notification.list': 2,
      'patrol.checkIn': 5,
      // One run's fixed reads (cursor, events, cases, entries, people) weigh on a few events; over a
      // district's history the job costs 0.2 requests per event (see rewards/points-job-scale.test.ts).
      'points job (7 events)': 9,
      'points.mine': 3,
      'points.leaderboard': 2,
    })
    expect(projected.acted).toBe(2)
  })
})
