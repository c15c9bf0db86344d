/**
 * What each act costs in database requests today (in the cloud every request is a network round trip and a
 * billed call). Printed as a table and pinned, so a change in cost is a deliberate change of this table.
 */
import { actionNames } from '../../src/domain/contract'
import { actionOf, runCostScenario, type CostRow } from '../factories/cost-scenario'
import { createTestWorld, type TestWorld } from '../factories/runtime'

describe('database requests per act (baseline)', () => {
  let world: TestWorld
  let table: CostRow[]
  beforeAll(async () => {
    world = await createTestWorld()
    table = await runCostScenario(world)
  })
  afterAll(() => world.close())

  it('costs what this table says, act by act', () => {
    console.log(
      ['call                                     requests  by kind']
        .concat(
          table.map(
            (row) =>
              `${row.call.padEnd(40)}${String(+row.requests.toFixed(2)).padStart(9)}  ${Object.entries(
                row.byKind,
              )
                .map(([kind, n]) => `${kind} ${n}`)
                .join(', ')}`,
          ),
        )
        .join('\n'),
    )
    expect(Object.fromEntries(table.map((row) => [row.call, +row.requests.toFixed(2)]))).toEqual({
      'me.get': 1,
      'case.submit': 16,
      'case.get': 4,
      'case.mine': 3,
      'board.list': 4,
      'case.claim': 9,
      'case.rectify': 9,
      'case.verify': 9,
      'case.confirm': 9,
      'case.submit (2nd)': 16,
      'case.escalate': 9,
      'notification.list': 3,
      'patrol.checkIn': 33,
      'points.mine': 10,
      'points.leaderboard': 8,
      'case.sendBack': 9,
      'case.nearby': 2,
      'case.join': 8,
      'case.release': 9,
      'case.supervise': 9,
      'case.handlerCandidates': 3,
      'case.attachHandlers': 10,
      'case.recordPart': 8,
      'case.correctGrid': 8,
      'case.reject': 9,
      'case.merge': 13,
      'case.verifyTrail': 3,
      'case.dispute': 9,
      'case.requestCity': 9,
      'case.signOff': 8,
      'case.cityResolve': 8,
      'grid.cards': 4,
      'points.ledger': 4,
      'invite.options': 1,
      'invite.create': 5,
      'invite.list': 3,
      'invite.preview': 3,
      'invite.redeem': 10,
      'invite.revoke': 7,
      'staff.list': 3,
      'staff.move': 7,
      'staff.revokeRole': 7,
      'job: one points payment': 29,
      'award.draft': 10,
      'award.publish': 10,
      'award.list': 3,
      'job: case sweeps, per act': 7.38,
      'job: points projection, per case event': 5.95,
      'job: case-sweeps, nothing to do': 5,
      'job: points, nothing to do': 2,
      'job: award-draft, nothing to do': 1,
      'bootstrap.claim': 11,
    })
  })

  it('measures every action', () => {
    const measured = new Set(table.map((row) => actionOf(row.call)))
    expect(actionNames.filter((action) => !measured.has(action))).toEqual([])
  })
})
