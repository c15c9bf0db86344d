/**
 * What each act costs in database requests today (in the cloud every request is a network round trip and a
 * billed call). Printed as a table and pinned, so a change in cost is a deliberate change of this table.
 */
import { actionNames } from '../../src/domain/contract'
import { actionOf, runCostScenario, type CostRow } from '../factories/cost-scenario'
import { createTestWorld, type TestWorld } from '../factories/runtime'

describe('database requests per act', () => {
  let world: TestWorld
  let table: CostRow[]
  beforeAll(async () => {
    world = await createTestWorld()
    // The whole scenario, every action and job once: seconds on a busy machine.
    table = await runCostScenario(world)
  }, 60_000)
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
      'photo.prepare': 1,
      'photo.register': 3,
      'me.get': 1,
      'case.submit': 4,
      // The photo by trace id, its verdict, its uploader's copy; the cases naming it, and the act on each.
      'media-check push, per verdict': 5,
      'case.get': 2,
      // The caller, the case with its trail, the checks of the after-photo (the acts' evidence, in one read).
      'case.get (with act evidence)': 3,
      'case.mine': 2,
      'board.list': 2,
      'case.claim': 3,
      'case.rectify': 3,
      'case.verify': 3,
      'case.confirm': 3,
      'case.submit (2nd)': 4,
      'case.escalate': 3,
      'notification.list': 2,
      // The caller, the count's update (and its creation at the first tap), the counts read back.
      'notification.subscribe': 4,
      'notification.subscribe (2nd)': 3,
      // The caller, the page of the district's entries in that state.
      'notification.deliveries': 2,
      // The caller (and its write window), the conditional requeue, the entry read back.
      'notification.resend': 3,
      'patrol.checkIn': 5,
      // The caller, their latest round (to find an open one), the round's insert.
      'patrol.startRound': 3,
      // The caller, the round, the check-in's insert, the track's conditional write (no photo: no payment).
      'patrol.checkIn (in a round)': 4,
      // The caller, the round, the day's case number, the case's insert, the round's case list.
      'patrol.report': 5,
      // The caller, their latest round.
      'patrol.round': 2,
      // The caller, the round, its conditional end.
      'patrol.endRound': 3,
      'points.mine': 2,
      'points.leaderboard': 2,
      'points.mine (long list)': 3,
      'points.leaderboard (long list)': 3,
      'case.sendBack': 3,
      // The caller, the candidates' places, the nearest read in full, and the rate limit's write beside them.
      'case.nearby': 4,
      'case.join': 3,
      'case.approveContent': 3,
      // The caller, the case with its trail (to find the photo), the photo's check; the act's read and write;
      // the photo's conditional pass.
      'case.approveEvidence': 6,
      'case.release': 3,
      'case.supervise': 3,
      'case.unsupervise': 3,
      'case.handlerCandidates': 3,
      // The people named are read alongside the caller's write window (taken in an update of its own).
      'case.attachHandlers': 4,
      'case.recordPart': 3,
      'case.correctGrid': 3,
      'case.reject': 3,
      'case.merge': 4,
      'case.verifyTrail': 4,
      'trail.checkpoints': 2,
      'case.dispute': 3,
      'case.requestCity': 3,
      'case.signOff': 3,
      'case.cityResolve': 3,
      'grid.cards': 4,
      'grid.import': 1.43,
      'points.ledger': 1,
      // The caller and the insert (its id is its natural key: a retry or a duplicate finds the first).
      'site.create': 2,
      // The caller, the site, its conditional update.
      'site.update': 3,
      // The caller, the sites in the cells around the place, and the rate limit's write on the caller.
      'site.nearby': 3,
      // The caller, the site and the case, the act (the case again, its conditional write), the site's
      // history entry, the site's marks.
      'case.linkSite': 7,
      'site.list': 2,
      'site.list (red)': 2,
      // The caller, the site, its history (counted only when it fills the page).
      'site.get': 3,
      // The caller, the existing rows by id (a read per 100), the new ones inserted (a batch per 100); a
      // re-import of an unchanged sheet writes nothing.
      'site.import (20 rows)': 3,
      'site.import (20 rows, again)': 2,
      // The caller and the station's insert (the grid tree is cached).
      'station.register': 2,
      // The station (its secret's generation and air state), the reading keyed by its nonce (the replay guard).
      'intake: a reading, calm': 2,
      // ... and the conditional write of the streak's start on the station.
      'intake: a reading that starts a streak': 3,
      // ... the episode's insert-once, the day's case number, the case, the station's state.
      'intake: the reading that opens an episode and files its case': 6,
      // ... and the reading pushed onto the episode's curve.
      'intake: a reading in an open episode': 3,
      'station.episode': 2,
      // The caller and one page of the district's stations (the grid tree is cached).
      'station.list': 2,
      // The caller, the day's case number, the case's insert.
      'hotline.record': 3,
      // The caller and the key's insert; the caller and the district's keys; the caller, the conditional
      // revocation and the key read back.
      'open311.key.register': 2,
      'open311.key.list': 2,
      'open311.key.revoke': 3,
      // The catalog is configuration: no request.
      'open311: GET services.json': 0,
      // The key by id, the day's case number, the case's insert (the grid tree is cached).
      'open311: POST requests.json': 3,
      // ... and a retry: the insert finds the case's id taken, and the first case is read to answer it.
      'open311: POST requests.json (a retry)': 4,
      // One batch of the window, from the boards' index (or the desk's marks for some services).
      'open311: GET requests.json': 1,
      'open311: GET requests.json?service_code': 1,
      'open311: GET requests/{id}.json': 1,
      'invite.options': 1,
      'invite.create': 5,
      'invite.list': 2,
      'invite.preview': 3,
      'invite.redeem': 10,
      'invite.revoke': 7,
      'staff.list': 2,
      'staff.move': 7,
      'staff.revokeRole': 7,
      'job: one points payment': 4,
      'award.draft': 9,
      'award.publish': 10,
      'award.list': 2,
      // The caller, the month, the district's month documents in one read, an insert (or the history copy
      // and the conditional replace); nothing written when a redraft changes nothing.
      'assessment.draft': 4,
      'assessment.draft (unchanged)': 3,
      'assessment.draft (changed)': 5,
      'assessment.publish': 3,
      'assessment.list': 2,
      'assessment.list (a month)': 2,
      // The drafts of a district's streets: the cursor, the streets' week documents in one read per
      // district, then per street the drafts already there, one insert of the missing ones, the cursor.
      'job: weekly report drafts, per street': 3.57,
      // The caller, then the scope's reports of the week in one read (by id for a community, by index for a
      // street or a district); a submission's conditional replace, after the copy kept as history.
      'report.weekly.list': 2,
      'report.weekly.list (district)': 2,
      'report.weekly.get': 2,
      'report.weekly.submit': 3,
      'report.weekly.submit (2nd)': 4,
      'report.weekly.merge': 3,
      // The caller and the scope's reports; the workbook goes to storage, which is not the database.
      'report.weekly.export': 2,
      'job: case sweeps, per act': 2.2,
      'job: points projection, per case event': 0.17,
      'job: stats projection, per case event': 0.32,
      // The caller, the export by id (a retry finds the first), the count, the page of cases (a small
      // export is one), the insert of the finished export; the file goes to storage.
      'export.start': 5,
      // ... a large one is inserted running, without reading a page.
      'export.start (left to the job)': 4,
      // The queue of running exports, then per page: its cases by the board's index, the conditional step.
      'job: case-list export, per page': 2.5,
      'job: exports, nothing to do': 1,
      'export.get': 2,
      'export.list': 2,
      // The caller's grid tree (a warm copy), the node's stats sheet and, alongside, its patrol document.
      'stats.overview': 3,
      'stats.cases': 2,
      // The caller, then the weeks' and the month's documents by id in one read (a district's with its streets').
      'stats.charts': 2,
      'stats.charts (a district)': 2,
      // The caller, every child grid's sheet in one read of the stats documents, the open cases.
      'desk.map': 3,
      'desk.map (a street, filtered)': 3,
      'job: case-sweeps, nothing to do': 5,
      'job: content-screening, nothing to do': 1,
      'job: points, nothing to do': 2,
      'job: award-draft, nothing to do': 1,
      'job: stats, nothing to do': 2,
      // Any day but the report day it reads nothing.
      'job: weekly-report, nothing to do': 0,
      // A first write of a person never seen: the write window's update finds nobody, then the registration.
      'bootstrap.claim': 12,
      'job: relay, per case event copied out': 0.15,
      'job: case-numbers, nothing to do': 1,
      'job: relay, nothing to do': 1,
      'job: relay-every-minute, nothing to do': 1,
      // The queue read, the claim, the counts read, the take and the settle, shared by a batch.
      'job: subscription-message sender, per outbox entry': 0.25,
      'job: send, nothing to do': 1,
      'job: send-every-minute, nothing to do': 1,
      'job: trail-checkpoint, nothing to do': 1,
      'supervision.list': 2,
      'supervision.list (overdue)': 2,
      'supervision.note': 3,
      'supervision.bulletin': 2,
      // Per district: its streets' day sheets, the day's flags, the day's notes, the inserts; the cursor.
      'job: daily supervision bulletin, per street': 1.43,
      'job: supervision-bulletin, nothing to do': 1,
      // The cursor, the check-ins at its instant after it, those after its instant (none).
      'job: patrol-coverage, nothing to do': 3,
      // The caller, the district's alert book by id (fresh, for the overlap check), the conditional append.
      'alert.set': 3,
      'alert.lift': 3,
      // The caller; the book from the warm instance's copy (a minute's cache), as a submit reads it too.
      'alert.current': 1,
      'case.submit (under an alert)': 4,
      'alert.list': 2,
    })
  })

  it('measures every action', () => {
    const measured = new Set(table.map((row) => actionOf(row.call)))
    expect(actionNames.filter((action) => !measured.has(action))).toEqual([])
  })
})
