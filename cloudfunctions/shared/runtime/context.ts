import type { Actor, User } from '../../../src/domain/people/roles'
import type { Runtime } from './runtime'
import { CaseStore } from '../cases/store'
import { GridStore } from '../grid/store'
import { Outbox } from '../notify/outbox'
import { UserStore } from '../people/store'
import { OnboardingStore } from '../people/onboarding-store'
import { PatrolStore } from '../patrol/store'
import { PhotoStore } from '../photos/store'
import { CounterStore } from '../db/counters'
import { JobStore } from '../jobs/store'
import { IntakeStore } from '../intake/store'

export interface Stores {
  cases: CaseStore
  grids: GridStore
  users: UserStore
  onboarding: OnboardingStore
  outbox: Outbox
  patrols: PatrolStore
  photos: PhotoStore
  counters: CounterStore
  jobs: JobStore
  intake: IntakeStore
}

/**
 * Everything a handler may use: who is acting, when, and the stores. Handlers never touch `db`: each
 * collection is read and written only by its context's store.
 */
export interface HandlerContext {
  actor: Actor
  user: User
  /** Other people the action named in its input, read in the same request as the caller (see peopleReadWith). */
  people: Map<string, User>
  now: Date
  stores: Stores
  runtime: Runtime
}

const storesByRuntime = new WeakMap<Runtime, Stores>()

/** Stores live as long as their runtime, so a warm instance keeps its grid cache between calls. */
export function storesFor(runtime: Runtime): Stores {
  let stores = storesByRuntime.get(runtime)
  if (!stores) {
    stores = {
      cases: new CaseStore(runtime.db),
      grids: new GridStore(runtime.db, () => runtime.now()),
      users: new UserStore(runtime.db),
      onboarding: new OnboardingStore(runtime.db),
      outbox: new Outbox(runtime.db),
      patrols: new PatrolStore(runtime.db),
      photos: new PhotoStore(runtime.db),
      counters: new CounterStore(runtime.db),
      jobs: new JobStore(runtime.db),
      intake: new IntakeStore(runtime.db),
    }
    storesByRuntime.set(runtime, stores)
  }
  return stores
}

export function actorOf(user: User): Actor {
  return {
    openid: user.openid,
    userId: user._id,
    role: user.role,
    gridIds: user.gridIds,
    ...(user.districtUnit ? { districtUnit: user.districtUnit } : {}),
  }
}
