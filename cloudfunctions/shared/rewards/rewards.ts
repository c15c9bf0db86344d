import type { GridTree } from '../../../src/domain/grid/tree'
import {
  rulesAt,
  type PersonFacts,
  type PointsRuleBook,
  type PointsRuleTable,
} from '../../../src/domain/rewards/points'
import type { User } from '../../../src/domain/people/roles'
import { PointsLedger } from './ledger'
import { RewardsStore } from './store'
import { storesFor } from '../runtime/context'
import type { Runtime } from '../runtime/runtime'

/** What the rewards code needs per runtime: the rule book in force, the ledger and the store under it. */
export interface Rewards {
  book: PointsRuleBook
  ledger: PointsLedger
  store: RewardsStore
}

const ledgersByRuntime = new WeakMap<Runtime, PointsLedger>()

/** The rule book always comes from the runtime's settings; the ledger is kept for the runtime's lifetime. */
export function rewardsFor(runtime: Runtime): Rewards {
  let ledger = ledgersByRuntime.get(runtime)
  if (!ledger) {
    ledger = new PointsLedger(
      new RewardsStore(runtime.db),
      storesFor(runtime).users,
      () => runtime.settings.pointsRules,
    )
    ledgersByRuntime.set(runtime, ledger)
  }
  return { book: runtime.settings.pointsRules, ledger, store: ledger.store }
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
