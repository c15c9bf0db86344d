import { collections } from '../../../cloudfunctions/shared/app'
import type { TallyRecord } from '../../../cloudfunctions/shared/rewards/store'
import { runRewardJobs } from '../../../cloudfunctions/shared/rewards/jobs'
import { runPointsJob } from '../../../cloudfunctions/shared/rewards/points-job'
import { runRelay } from '../../../cloudfunctions/shared/cases/relay'
import { reconcilePoints } from '../../../cloudfunctions/shared/rewards/reconcile'
import { rewardsFor } from '../../../cloudfunctions/shared/rewards/rewards'
import {
  parsePointsRules,
  periodKeysOf,
  type PointsDraft,
  type PointsEntry,
  type PointsRuleBook,
  type RankList,
} from '../../../src/domain/rewards/points'
import { shippedSettings } from '../../../src/domain/settings'

const defaultPointsRules = shippedSettings.pointsRules
import type { Role } from '../../../src/domain/people/roles'
import { demoGridIds, demoPoints } from '../../../emulator/demo/grids'
import { createTestWorld, reportAt, type TestWorld } from '../../factories/runtime'
import { ownPhoto } from '../../factories/photos'

export const photo = ownPhoto

/** A test world with the rewards helpers the scenarios share. */
export async function rewardsWorld(start = '2026-11-23T02:00:00.000Z') {
  const world = await createTestWorld({ start })
  return withRewards(world)
}

export function withRewards(world: TestWorld) {
  const helpers = {
    world,
    /** A resident's (or anyone's) report in 映月路社区第1网格; returns the case id. */
    async report(openid = 'demo-resident', overrides: Parameters<typeof reportAt>[1] = {}): Promise<string> {
      return (await world.ok(openid, 'case.submit', reportAt(demoPoints.yingyueRoadGrid1, overrides))).case.id
    },
    claim: (caseId: string, by = 'demo-grid-member') => world.ok(by, 'case.claim', { caseId }),
    rectify: (caseId: string, by = 'demo-grid-member') =>
      world.ok(by, 'case.rectify', { caseId, measure: 'dissuade', note: '已劝阻', photos: [photo] }),
    verify: (caseId: string, by = 'demo-grid-leader-2') =>
      world.ok(by, 'case.verify', { caseId, passed: true, note: '' }),
    /** Runs the points job only. */
    // As the jobs function runs them: the relay copies the acts' events out, then the points job reads them.
    runJob: async () => {
      await runRelay(world.runtime)
      return runPointsJob(world.runtime)
    },
    /** Runs the whole rewards part of the jobs function (points, then award drafts). */
    runRewardJobs: () => runRewardJobs(world.runtime),
    async balance(openid: string): Promise<number> {
      const { data } = await world.db.collection(collections.user).doc(openid).get()
      return (data as { points: number }[])[0]?.points ?? 0
    },
    async entries(openid: string): Promise<PointsEntry[]> {
      const { data } = await world.db
        .collection(collections.pointsEntry)
        .where({ openid })
        .orderBy('seq', 'asc')
        .get()
      // In the order of the acts paid for, which a batch need not number in.
      return (data as PointsEntry[]).sort((a, b) => a.at.localeCompare(b.at) || a._id.localeCompare(b._id))
    },
    async tally(period: string, openid: string): Promise<TallyRecord | undefined> {
      const { data } = await world.db.collection(collections.pointsTally).doc(`${period}:${openid}`).get()
      return (data as TallyRecord[])[0]
    },
    async expectReconciled(): Promise<void> {
      const report = await reconcilePoints(world.runtime)
      expect(report.problems).toEqual([])
    },
  }
  return helpers
}

let directCounter = 0

/**
 * Pays points straight through the ledger (as the job or a check-in would), for ranking scenarios with many
 * people: a report-accepted entry (counts as an accepted report) or a case-joined one (does not).
 */
export async function payDirect(
  world: TestWorld,
  openid: string,
  options: {
    points: number
    at: string
    accepted?: boolean
    list?: RankList
    districtId?: string
    streetId?: string
  },
): Promise<PointsEntry> {
  directCounter += 1
  const reason = options.accepted === false ? 'case-joined' : 'report-accepted'
  const draft: PointsDraft = {
    _id: `${reason}:direct-${directCounter}:${openid}`,
    openid,
    reason,
    note: '测试积分',
    basePoints: options.points,
    caseId: `direct-${directCounter}`,
    patrolId: null,
    reverses: null,
    reversedReason: null,
    ruleVersion: 1,
    at: options.at,
    periods: periodKeysOf(options.at),
    list: options.list ?? 'public',
    districtId: options.districtId ?? demoGridIds.guancheng,
    streetId: options.streetId ?? demoGridIds.hanghaiEastRoad,
  }
  return (await rewardsFor(world.runtime).ledger.apply(draft)).entry
}

/** Registers people for ranking scenarios (residents unless told otherwise). */
export async function addPeople(world: TestWorld, openids: string[], role: Role = 'resident'): Promise<void> {
  for (const openid of openids) {
    await world.db
      .collection(collections.user)
      .add({ _id: openid, openid, nickname: `测试${openid}`, role, gridIds: [], points: 0 })
  }
}

/** The shipped rules with caps high enough not to matter in ranking scenarios. */
export function uncappedRules(): PointsRuleBook {
  const book = JSON.parse(JSON.stringify(defaultPointsRules)) as PointsRuleBook
  for (const table of book.versions) table.caps = { dailyPoints: 100000, monthlyPoints: 1000000 }
  return book
}

/** Runs the world with another rule book (e.g. a second version from 1 December paying more). */
export function useRules(world: TestWorld, book: PointsRuleBook): void {
  world.configure({ pointsRules: book })
}

/** The shipped rules plus a version 2 from 1 December 2026 (Beijing) paying `acceptedPoints` for an accepted report. */
export function bookWithDecemberVersion(acceptedPoints: number): PointsRuleBook {
  const first = defaultPointsRules.versions[0]!
  return parsePointsRules({
    note: defaultPointsRules.note,
    versions: [
      first,
      {
        ...first,
        version: 2,
        effectiveFrom: '2026-12-01T00:00:00+08:00',
        points: { ...first.points, reportAccepted: acceptedPoints },
      },
    ],
  })
}
