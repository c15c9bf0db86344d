import { demoPoints } from '../../../emulator/demo/grids'
import { collections } from '../../../cloudfunctions/shared/app'
import { reconcilePoints } from '../../../cloudfunctions/shared/rewards/reconcile'
import { photo, rewardsWorld } from './helpers'

describe('reconciliation (balances and tallies are derived from the ledger)', () => {
  it('finds balances, entry counts, standings and tallies equal to the ledger after a mixed month', async () => {
    const r = await rewardsWorld('2026-11-29T02:00:00.000Z')
    const accepted = await r.report()
    const fake = await r.report('demo-resident-2')
    await r.world.ok('demo-volunteer', 'case.join', {
      caseId: accepted,
      location: demoPoints.yingyueRoadGrid1,
    })
    await r.claim(accepted)
    await r.claim(fake)
    await r.rectify(accepted)
    await r.verify(accepted)
    await r.world.ok('demo-volunteer', 'patrol.checkIn', {
      requestId: 'reconcile-0001',
      location: { lng: 113.6925, lat: 34.7288 },
      photos: [photo],
    })
    await r.runJob()
    r.world.clock.now = new Date('2026-12-01T02:00:00.000Z')
    await r.world.ok('demo-grid-leader-3', 'case.reject', { caseId: fake, reason: 'fake', note: '' })
    await r.runJob()

    const report = await reconcilePoints(r.world.runtime)
    expect(report).toMatchObject({ ok: true, problems: [], people: 3, entries: 6 })
    // The reversal in December counts against November, where the points were earned.
    expect(await r.tally('2026-11', 'demo-resident-2')).toMatchObject({ points: 0, acceptedReports: 0 })
    expect(await r.tally('2026-12', 'demo-resident-2')).toBeUndefined()
    r.world.close()
  })

  it('names each balance, tally and standing that disagrees with the ledger', async () => {
    const r = await rewardsWorld()
    const caseId = await r.report()
    await r.claim(caseId)
    await r.runJob()
    await r.world.db
      .collection(collections.user)
      .doc('demo-resident')
      .update({ points: 99, 'pointsStandings.2026-11.points': 8 })
    await r.world.db.collection(collections.pointsTally).doc('2026-11:demo-resident').update({ points: 7 })
    const report = await reconcilePoints(r.world.runtime)
    expect(report.ok).toBe(false)
    expect(report.problems).toEqual(
      expect.arrayContaining([
        'balance of demo-resident: user.points 99, ledger 10',
        'tally 2026-11:demo-resident: 7 points / 1 accepted, ledger 10 / 1',
        'standing 2026-11:demo-resident: 8 points / 1 accepted, ledger 10 / 1',
      ]),
    )
    r.world.close()
  })
})
