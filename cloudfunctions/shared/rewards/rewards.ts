import type { GridTree } from '../../../src/domain/grid/tree'
import { defaultPointsRules } from '../../../src/domain/rewards/catalog'
import {
  rulesAt,
  type PersonFacts,
  type PointsRuleBook,
  type PointsRuleTable,
} from '../../../src/domain/rewards/points'
import type { User } from '../../../src/domain/people/roles'
import { PointsLedger } from './store'
import type { Runtime } from '../runtime/runtime'

/**
 * What the rewards code needs per runtime: the rule book (the shipped table unless a deployment or a test
 * configures another) and the ledger built on the runtime's database.
 */
export interface Rewards {
  book: PointsRuleBook
  ledger: PointsLedger
}

const booksByRuntime = new WeakMap<Runtime, PointsRuleBook>()
const rewardsByRuntime = new WeakMap<Runtime, Rewards>()

/** Replaces the rule book for one runtime (tests, or a deployment with its own table). */
export function configurePointsRules(runtime: Runtime, book: PointsRuleBook): void {
  booksByRuntime.set(runtime, book)
}

export function rewardsFor(runtime: Runtime): Rewards {
  let rewards = rewardsByRuntime.get(runtime)
  if (!rewards) {
    const book = () => booksByRuntime.get(runtime) ?? defaultPointsRules
    const ledger = new PointsLedger(runtime.db, book)
    rewards = {
      get book() {
        return book()
      },
      ledger,
    }
    rewardsByRuntime.set(runtime, rewards)
  }
  return rewards
}

/** The table in force now, or the first one before the programme starts (for labels and limits). */
export function currentRules(book: PointsRuleBook, now: Date): PointsRuleTable {
  return rulesAt(book, now) ?? book.versions[0]!
}

/**
 * Where a person is ranked: the district and street office of their own grid (home grid for residents, first
 * work grid for staff); for someone without one, those of the place the points were earned.
 */
export function personFacts(
  user: Pick<User, 'openid' | 'role' | 'gridIds'>,
  tree: GridTree,
  placeGridId: string | null,
): PersonFacts {
  const home = user.gridIds.find((id) => tree.get(id))
  const lineage = tree.lineage(home ?? placeGridId ?? '')
  return {
    openid: user.openid,
    role: user.role,
    districtId: lineage.find((node) => node.level === 'district')?._id ?? '',
    streetId: lineage.find((node) => node.level === 'street')?._id ?? '',
  }
}
