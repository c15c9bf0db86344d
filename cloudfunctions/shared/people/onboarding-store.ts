import { randomUUID } from 'node:crypto'
import type { Db } from '@cloudbase/database'
import {
  sameStanding,
  standingOf,
  type Invite,
  type InviteStatus,
  type Standing,
} from '../../../src/domain/people/onboarding'
import type { User } from '../../../src/domain/people/roles'
import { peopleSchema } from './collections'
import {
  checked,
  firstOf,
  isDuplicateKey,
  isTransactionConflict,
  listOf,
  queryPage,
  type TransactionalDb,
  type Tx,
} from '../db/results'

const { collections } = peopleSchema

export type PeopleChangeKind =
  'invite.create' | 'invite.revoke' | 'invite.redeem' | 'staff.revokeRole' | 'staff.move' | 'bootstrap.claim'

/** One entry of the append-only people-change log: who changed what, when, from what to what. */
export interface PeopleChange {
  _id: string
  kind: PeopleChangeKind
  actor: string
  at: string
  districtId: string
  /** The person changed, when a person was. */
  openid: string | null
  inviteId: string | null
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
}

/** The id of the bootstrap's log entry: its existence is what makes the bootstrap code dead. */
export const bootstrapChangeId = 'bootstrap'

/** A person's new standing, guarded by the standing the decision was made on. */
export interface StandingChange {
  before: User
  after: Standing
  nickname?: string
}

const nonResidentRoles = [
  'volunteer',
  'grid_member',
  'grid_leader',
  'sunk_staff',
  'district_office',
  'supervisor',
]

/**
 * The only code that touches `invite` and `people_change`, and that changes a person's role or grid. Every
 * change is one transaction writing the invite and/or the person and the log entry, valid only while what was
 * read is unchanged: the caller decides again on the fresh state when it answers `applied: false`.
 */
export class OnboardingStore {
  constructor(private readonly db: Db) {}

  async invite(id: string): Promise<Invite | undefined> {
    return firstOf<Invite>(await this.db.collection(collections.invite).doc(id).get())
  }

  async change(id: string): Promise<PeopleChange | undefined> {
    return firstOf<PeopleChange>(await this.db.collection(collections.peopleChange).doc(id).get())
  }

  /** The office's invites, newest first, ordered to a unique last key so pages never repeat one. */
  listInvites(districtId: string, status: InviteStatus | undefined, page: number, pageSize: number) {
    return queryPage<Invite>(
      this.db.collection(collections.invite),
      status ? { districtId, status } : { districtId },
      [
        ['createdAt', 'desc'],
        ['_id', 'desc'],
      ],
      page,
      pageSize,
    )
  }

  /** Everyone of the district with a role (or the one role asked for), by id. */
  listStaff(districtId: string, role: string | undefined, page: number, pageSize: number) {
    const _ = this.db.command
    return queryPage<User>(
      this.db.collection(collections.user),
      { districtId, role: role ?? _.in(nonResidentRoles) },
      [['_id', 'asc']],
      page,
      pageSize,
    )
  }

  async anyOffice(): Promise<boolean> {
    const result = await this.db
      .collection(collections.user)
      .where({ role: 'district_office' })
      .limit(1)
      .get()
    return listOf<User>(result).length > 0
  }

  /** A new invite and its log entry; the invite's id is its code's hash, so a clash means a repeated code. */
  async createInvite(invite: Invite, change: Omit<PeopleChange, '_id'>): Promise<boolean> {
    return this.transact(async (tx) => {
      checked(await tx.collection(collections.invite).add({ ...invite }))
      checked(await tx.collection(collections.peopleChange).add({ _id: `create:${invite._id}`, ...change }))
      return true
    })
  }

  /**
   * Writes an invite's new state (and, for a redemption, the person's) with the log entry, only if the invite
   * is still in the state it was read in and the person still stands where they stood.
   */
  async applyInvite(
    before: Invite,
    patch: Partial<Invite>,
    person: StandingChange | undefined,
    change: Omit<PeopleChange, '_id'>,
  ): Promise<boolean> {
    return this.transact(async (tx) => {
      const stored = (await tx.collection(collections.invite).doc(before._id).get()).data
      if (!stored || stored.status !== before.status) return false
      if (person && !(await this.writeStanding(tx, person))) return false
      const { _id: _ignored, ...rest } = { ...stored, ...patch }
      checked(await tx.collection(collections.invite).doc(before._id).set(rest))
      const id = `${change.kind === 'invite.redeem' ? 'redeem' : 'revoke'}:${before._id}`
      checked(await tx.collection(collections.peopleChange).add({ _id: id, ...change }))
      return true
    })
  }

  /** A staff change (revoke, move) and its log entry, only if the person still stands where they stood. */
  async applyStanding(person: StandingChange, change: Omit<PeopleChange, '_id'>): Promise<boolean> {
    return this.transact(async (tx) => {
      if (!(await this.writeStanding(tx, person))) return false
      checked(await tx.collection(collections.peopleChange).add({ _id: randomUUID(), ...change }))
      return true
    })
  }

  /**
   * The first office: the log entry with the fixed id `bootstrap` is written in the same transaction, so of
   * two claims at once only one can commit; false when it exists already (or the person moved meanwhile).
   */
  async bootstrap(person: StandingChange, change: Omit<PeopleChange, '_id'>): Promise<boolean> {
    return this.transact(async (tx) => {
      const marker = (await tx.collection(collections.peopleChange).doc(bootstrapChangeId).get()).data
      if (marker) return false
      if (!(await this.writeStanding(tx, person))) return false
      checked(await tx.collection(collections.peopleChange).add({ _id: bootstrapChangeId, ...change }))
      return true
    })
  }

  private async writeStanding(tx: Tx, { before, after, nickname }: StandingChange): Promise<boolean> {
    const stored = (await tx.collection(collections.user).doc(before._id).get()).data as User | null
    if (!stored || !sameStanding(standingOf(stored), standingOf(before))) return false
    // Set the whole document from what the transaction read: the optional fields a role drops must go.
    const { _id: _ignored, districtId: _d, districtUnit: _u, ...rest } = stored
    checked(
      await tx
        .collection(collections.user)
        .doc(before._id)
        .set({ ...rest, ...after, ...(nickname ? { nickname } : {}) }),
    )
    return true
  }

  /** A lost race (a conflict, or a log id taken by the winner) answers false; anything else throws. */
  private async transact(work: (tx: Tx) => Promise<boolean>): Promise<boolean> {
    const db = this.db as unknown as TransactionalDb
    try {
      return await db.runTransaction(work, 0)
    } catch (error) {
      if (isTransactionConflict(error) || isDuplicateKey(error)) return false
      throw error
    }
  }
}
