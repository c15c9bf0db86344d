import type { CaseRecord } from '../../../src/domain/case/record'
import {
  caseCommands,
  caseStatuses,
  transitionTable,
  type CaseCommand,
  type CaseStatus,
} from '../../../src/domain/case/status'
import { GridTree, type GridLevel, type GridNode } from '../../../src/domain/grid/tree'
import {
  decide,
  systemActor,
  type CaseAct,
  type CaseActor,
  type DecideContext,
  type Decision,
} from '../../../src/domain/case/decide'
import { shippedSettings } from '../../../src/domain/settings'

import type { DistrictUnit, Role } from '../../../src/domain/people/roles'

const defaultPolicy = shippedSettings.policy

/*
 * The permission matrix (who may do what), checked exhaustively on the pure decide():
 * every act × every kind of actor × grid scope × relation to the case × status × where the case sits.
 *
 * The expected answer is derived from the readable table `matrix` below (written from the rules of the
 * case lifecycle as the README states them, not from the code), in the order the domain answers:
 *   1. a role that no rule of the act names at all            → 'forbidden'
 *   2. a status the act does not start from                   → 'illegal-transition' ('not-claimable' for a claim on a claimed case)
 *   3. no `may` rule holds for this actor, or a `never` holds → 'forbidden'           (no permission / out of scope)
 *   4. a `refusedWhen` condition of the case holds            → 'illegal-transition'  (the case is in the wrong place/state)
 *   5. otherwise allowed, landing in `to`.
 */

// ---------------------------------------------------------------------------------------------------------
// Fixtures: a small grid tree, actors placed inside and outside the case's grid, a case in any status.
// ---------------------------------------------------------------------------------------------------------

const gridNode = (_id: string, code: string, level: GridLevel, parentId: string | null): GridNode => ({
  _id,
  code,
  name: _id,
  level,
  parentId,
})

//   city ─┬─ district ─┬─ street ─┬─ community-a ─┬─ block-a1   (the case is first routed here)
//         │            │          │               └─ block-a2   (near the case's point: a grid correction target)
//         │            │          └─ community-b ─── block-b1
//         │            └─ street-2
//         └─ district-2
const tree = new GridTree([
  gridNode('city', '410100', 'city', null),
  gridNode('district', '410104', 'district', 'city'),
  gridNode('district-2', '410171', 'district', 'city'),
  gridNode('street', '410104001', 'street', 'district'),
  gridNode('street-2', '410104002', 'street', 'district'),
  gridNode('community-a', '410104001001', 'community', 'street'),
  gridNode('community-b', '410104001002', 'community', 'street'),
  gridNode('block-a1', '410104001001001', 'block', 'community-a'),
  gridNode('block-a2', '410104001001002', 'block', 'community-a'),
  gridNode('block-b1', '410104001002001', 'block', 'community-b'),
])
const originGridId = 'block-a1'
/** The open case of the same category next to the case under test, in its first grid, that a merge goes into. */
const mergeTarget = {
  categoryId: 'open-burning',
  gridId: 'block-a1',
  location: { lng: 113.6927, lat: 34.729 },
}
const nearbyGridId = 'block-a2'

/** Where the case sits when the act is tried: first routed to block-a1, possibly escalated since. */
type Placement = 'block' | 'community' | 'street' | 'district'
/** Where the actor is assigned, relative to the case's grid. */
type Scope = 'own' | 'parent' | 'ancestor' | 'other-branch'

const placements: Record<Placement, { gridId: string } & Partial<Record<Scope, string>>> = {
  block: {
    gridId: 'block-a1',
    own: 'block-a1',
    parent: 'community-a',
    ancestor: 'street',
    'other-branch': 'block-b1',
  },
  community: {
    gridId: 'community-a',
    own: 'community-a',
    parent: 'street',
    ancestor: 'district',
    'other-branch': 'community-b',
  },
  street: {
    gridId: 'street',
    own: 'street',
    parent: 'district',
    ancestor: 'city',
    'other-branch': 'street-2',
  },
  // The city is the root: nothing lies above the district's parent.
  district: { gridId: 'district', own: 'district', parent: 'city', 'other-branch': 'district-2' },
}
const scopes: Scope[] = ['own', 'parent', 'ancestor', 'other-branch']

/** Every kind of actor: the seven roles, district offices by unit, and the system (timer). */
type ActorKind =
  | 'resident'
  | 'volunteer'
  | 'grid_member'
  | 'grid_leader'
  | 'sunk_staff'
  | 'district_office(air_office)'
  | 'district_office(long_term_office)'
  | 'district_office(social_office)'
  | 'supervisor'
  | 'system'
const actorKinds: ActorKind[] = [
  'resident',
  'volunteer',
  'grid_member',
  'grid_leader',
  'sunk_staff',
  'district_office(air_office)',
  'district_office(long_term_office)',
  'district_office(social_office)',
  'supervisor',
  'system',
]
type ActorRole = Role | 'system'
const roleOf = (kind: ActorKind): ActorRole =>
  kind.startsWith('district_office') ? 'district_office' : (kind as ActorRole)
const unitOf = (kind: ActorKind): DistrictUnit | undefined =>
  /\((\w+)\)/.exec(kind)?.[1] as DistrictUnit | undefined

/** How the actor stands to this particular case. */
type Relation = 'none' | 'reporter' | 'claimer' | 'joint-handler' | 'follower'

const people: Role[] = [
  'resident',
  'volunteer',
  'grid_member',
  'grid_leader',
  'sunk_staff',
  'district_office',
  'supervisor',
]
const gridStaff: Role[] = ['grid_member', 'grid_leader', 'sunk_staff']
/** Who can ever hold a claim (and so be "the claimer"), and who can be attached for joint enforcement. */
const claimRoles: Role[] = [...gridStaff, 'district_office']

const relationsFor = (role: ActorRole): Relation[] => {
  if (role === 'system') return ['none']
  const relations: Relation[] = ['none', 'reporter', 'follower']
  if (claimRoles.includes(role)) relations.push('claimer', 'joint-handler')
  return relations
}

/** Statuses in which the case carries a claim (the claimer's handling is on record). */
const statusesWithClaim: CaseStatus[] = ['claimed', 'rectified', 'verified', 'closed']
/** Awaiting sign-off and at the city only ever happen at district level (request-city needs the district). */
const statusesAt = (placement: Placement): CaseStatus[] =>
  caseStatuses.filter(
    (status) => placement === 'district' || (status !== 'awaiting-signoff' && status !== 'at-city'),
  )

const now = new Date('2026-11-23T02:00:00.000Z')
const hoursFromNow = (hours: number) => new Date(now.getTime() + hours * 3_600_000).toISOString()

const ctx: DecideContext = {
  tree,
  now,
  policy: defaultPolicy,
  categories: shippedSettings.categories,
  deadlineFor: () => hoursFromNow(72),
  // The case's point lies close to block-a2 and far from everything else.
  distanceToGrid: (_record, gridId) => (gridId === nearbyGridId ? 0 : 10_000),
}

interface Who {
  kind: ActorKind
  role: ActorRole
  unit?: DistrictUnit
  scope: Scope | 'none'
  relation: Relation
  placement: Placement
}

function actorFor(who: Who): CaseActor {
  if (who.role === 'system') return systemActor
  const gridId = who.scope === 'none' ? undefined : placements[who.placement][who.scope]
  const openid = `${who.kind}@${who.scope}`
  return {
    openid,
    userId: openid,
    role: who.role,
    gridIds: gridId ? [gridId] : [],
    ...(who.unit ? { districtUnit: who.unit } : {}),
    nickname: openid,
  }
}

function caseFor(status: CaseStatus, who: Who, command: CaseCommand): CaseRecord {
  const actorId = actorFor(who).openid
  const gridId = placements[who.placement].gridId
  const earlier = hoursFromNow(-1)
  const record: CaseRecord = {
    _id: 'case-under-test',
    caseNo: '20261123-0001',
    status,
    categoryId: 'open-burning',
    checkId: 'burning-garbage',
    description: '有人在空地焚烧垃圾',
    photos: ['cloud://bluegrid-test.bucket/reports/a.jpg'],
    location: { lng: 113.6925, lat: 34.7288 },
    accuracyMeters: 10,
    address: '',
    anonymous: false,
    channel: 'resident',
    reporterId: who.relation === 'reporter' ? actorId : 'someone-who-reported',
    reporterNickname: '举报人',
    gridId,
    gridPath: tree.lineage(gridId).map((node) => node._id),
    claim: statusesWithClaim.includes(status)
      ? {
          userId: who.relation === 'claimer' ? actorId : 'someone-who-claimed',
          nickname: '认领人',
          at: earlier,
        }
      : null,
    requestKey: 'someone-who-reported:request-1',
    createdAt: earlier,
    updatedAt: earlier,
    unclaimedAlertAt: null,
    waitingSince: earlier,
    originGridId,
    awayFromOrigin: gridId !== originGridId,
    major: false,
    deadlineAt: hoursFromNow(72),
    card: 'none',
    supervision: null,
    signOffs: status === 'at-city' ? ['air_office', 'long_term_office'] : [],
    jointHandlers: who.relation === 'joint-handler' ? [{ openid: actorId, nickname: actorId }] : [],
    followers: who.relation === 'follower' ? [actorId] : [],
    disputeCount: 0,
    verifiedAt: null,
    rating: null,
    resolution: null,
    eventCount: 3,
    lastHash: 'head',
  }
  // The system's acts are due only at certain times; make them due, so that only permission and status decide.
  if (command === 'red-card') record.deadlineAt = hoursFromNow(-1)
  // Only a flagged case can be unflagged.
  if (command === 'unsupervise') record.supervision = { by: 'demo-supervisor', at: earlier, note: '挂牌督办' }
  if (command === 'screen')
    record.screening = { state: 'checking', text: 'pass', photos: { 'photo-1': 'pending' } }
  if (command === 'approve-content') record.screening = { state: 'review', text: 'review', photos: {} }
  if (command === 'auto-confirm') record.updatedAt = hoursFromNow(-24 * (defaultPolicy.autoConfirmDays + 1))
  return record
}

/** A well-formed act of each type (the payload is valid, so only who/where/when decide). */
const sampleActs: Record<Exclude<CaseCommand, 'submit'>, CaseAct> = {
  claim: { type: 'claim' },
  release: { type: 'release', reason: '不属于我的职责' },
  rectify: {
    type: 'rectify',
    measure: 'dissuade',
    note: '已劝阻',
    photos: ['cloud://bluegrid-test.bucket/after/x.jpg'],
  },
  escalate: { type: 'escalate', reason: 'cannot-handle', note: '处置不了' },
  'request-city': { type: 'request-city', note: '涉及跨区' },
  'sign-off': { type: 'sign-off', note: '同意' },
  'send-back': { type: 'send-back', note: '请属地先行处置' },
  verify: { type: 'verify', note: '现场已整改' },
  'fail-verification': { type: 'fail-verification', note: '仍有焚烧痕迹' },
  confirm: { type: 'confirm', rating: 5, comment: '满意' },
  'auto-confirm': { type: 'auto-confirm' },
  dispute: { type: 'dispute', reason: '还在烧' },
  reject: { type: 'reject', reason: 'fake', note: '现场无此情况' },
  merge: {
    type: 'merge',
    into: {
      id: 'case-survivor',
      caseNo: '20261123-0002',
      status: 'pending',
      categoryId: mergeTarget.categoryId,
      gridId: mergeTarget.gridId,
      location: mergeTarget.location,
    },
    reason: '重复举报',
  },
  absorb: {
    type: 'absorb',
    duplicate: {
      id: 'case-duplicate',
      caseNo: '20261123-0003',
      mergedInto: 'case-under-test',
      people: ['duplicate-reporter'],
    },
  },
  'city-resolve': { type: 'city-resolve', note: '市级已办结' },
  supervise: { type: 'supervise', deadlineAt: hoursFromNow(24), note: '限期整改' },
  unsupervise: { type: 'unsupervise', note: '已按期整改' },
  'attach-handlers': {
    type: 'attach-handlers',
    handlers: [{ openid: 'new-handler', nickname: '执法局老王', role: 'sunk_staff' }],
  },
  'record-part': { type: 'record-part', note: '已联合执法', photos: [] },
  'correct-grid': { type: 'correct-grid', gridId: nearbyGridId },
  'yellow-card': { type: 'yellow-card' },
  'red-card': { type: 'red-card' },
  'unclaimed-alert': { type: 'unclaimed-alert' },
  join: { type: 'join' },
  screen: { type: 'screen', photoId: 'photo-1', verdict: 'pass' },
  'approve-content': { type: 'approve-content' },
  'approve-evidence': {
    type: 'approve-evidence',
    photo: { id: 'photo-after-1', verdict: 'review', named: true },
  },
  'link-site': {
    type: 'link-site',
    site: {
      id: 'site-1',
      name: '映月路工地',
      type: 'construction',
      gridId: 'block-a2',
      location: mergeTarget.location,
    },
    reachMeters: 300,
  },
}
type Act = keyof typeof sampleActs
const acts = Object.keys(sampleActs) as Act[]

// ---------------------------------------------------------------------------------------------------------
// The expected matrix: who may do what, from which statuses, to where: the rules, not the code.
// ---------------------------------------------------------------------------------------------------------

interface Rule {
  label: string
  /** The roles this rule can ever apply to: a role named by no rule of an act is refused before anything else. */
  roles: readonly ActorRole[]
  holds(who: Who): boolean
}

const isCovering = (who: Who) => who.scope === 'own' || who.scope === 'parent' || who.scope === 'ancestor'

/** Holders of these roles assigned to the case's grid or any grid above it. */
const covering = (...roles: ActorRole[]): Rule => ({
  label: `${roles.join('/')} covering the case's grid`,
  roles,
  holds: (who) => roles.includes(who.role) && isCovering(who),
})
/** District offices of these units, covering the case's grid. */
const officeOf = (...units: DistrictUnit[]): Rule => ({
  label: `district office (${units.join('/')}) covering the case's grid`,
  roles: ['district_office'],
  holds: (who) => who.role === 'district_office' && !!who.unit && units.includes(who.unit) && isCovering(who),
})
/** The level above the case's grid; at district level, which has no level above, the district itself. */
const levelAbove = (...roles: ActorRole[]): Rule => ({
  label: `${roles.join('/')} at a level above the case's grid (at district level: the district)`,
  roles,
  holds: (who) =>
    roles.includes(who.role) &&
    (who.scope === 'parent' ||
      who.scope === 'ancestor' ||
      (who.placement === 'district' && who.scope === 'own')),
})
const relation = (name: Relation, roles: readonly ActorRole[]): Rule => ({
  label: `the case's ${name}`,
  roles,
  holds: (who) => who.relation === name,
})
const claimer = relation('claimer', claimRoles)
const jointHandler = relation('joint-handler', claimRoles)
const reporter = relation('reporter', people)
const anyone: Rule = { label: 'anyone signed in', roles: people, holds: () => true }
/** Whoever merged a duplicate into the case (the merge itself was decided, scope and all, on the duplicate). */
const merger: Rule = {
  label: 'staff who merged a duplicate into it',
  roles: [...claimRoles, 'supervisor'],
  holds: (who) => [...claimRoles, 'supervisor'].includes(who.role as Role),
}
const system: Rule = { label: 'the system (timer)', roles: ['system'], holds: (who) => who.role === 'system' }

const condition = (label: string, holds: (who: Who) => boolean): Rule => ({ label, roles: [], holds })
const atDistrict = condition('the case is at district level', (who) => who.placement === 'district')
const belowDistrict = condition(
  'the case has not reached the district',
  (who) => who.placement !== 'district',
)
const atOrigin = condition(
  'the case is at the grid it was first routed to',
  (who) => placements[who.placement].gridId === originGridId,
)
const escalated = condition(
  'the case has been escalated from the grid it was first routed to',
  (who) => !atOrigin.holds(who),
)
const alreadyFollowing = condition(
  'the actor reported or already follows the case',
  (who) => who.relation === 'reporter' || who.relation === 'follower',
)

interface Expectation {
  from: readonly CaseStatus[]
  to: CaseStatus | 'same'
  may: Rule[]
  /** Refused ('forbidden') even when a `may` rule holds. */
  never?: Rule[]
  /** Refused ('illegal-transition') when permitted but the case is not where the act can happen. */
  refusedWhen?: Rule[]
}

const open: CaseStatus[] = ['pending', 'claimed', 'awaiting-signoff', 'at-city', 'rectified', 'verified']

const matrix: Record<Act, Expectation> = {
  claim: {
    from: ['pending'],
    to: 'claimed',
    may: [covering(...gridStaff, 'district_office')],
    never: [reporter],
  },
  release: { from: ['claimed'], to: 'pending', may: [claimer, covering('grid_leader')] },
  rectify: { from: ['claimed'], to: 'rectified', may: [claimer] },
  escalate: {
    from: ['pending', 'claimed'],
    to: 'pending',
    may: [claimer, covering(...gridStaff, 'district_office'), system],
    refusedWhen: [atDistrict],
  },
  'request-city': {
    from: ['pending', 'claimed'],
    to: 'awaiting-signoff',
    may: [covering('district_office')],
    refusedWhen: [belowDistrict],
  },
  // The case starts with no sign-off, so one signature keeps it waiting for the other unit.
  'sign-off': {
    from: ['awaiting-signoff'],
    to: 'awaiting-signoff',
    may: [officeOf('air_office', 'long_term_office')],
  },
  'send-back': {
    from: ['pending', 'claimed', 'awaiting-signoff'],
    to: 'pending',
    may: [covering('grid_leader', 'district_office')],
    refusedWhen: [atOrigin],
  },
  verify: {
    from: ['rectified'],
    to: 'verified',
    may: [levelAbove('grid_leader', 'district_office'), covering('supervisor')],
    never: [claimer, reporter, jointHandler],
  },
  'fail-verification': {
    from: ['rectified'],
    to: 'claimed',
    may: [levelAbove('grid_leader', 'district_office'), covering('supervisor')],
    never: [claimer, reporter, jointHandler],
  },
  confirm: { from: ['verified'], to: 'closed', may: [reporter] },
  dispute: { from: ['verified'], to: 'pending', may: [reporter] },
  'auto-confirm': { from: ['verified'], to: 'closed', may: [system] },
  reject: {
    from: ['pending', 'claimed'],
    to: 'rejected',
    may: [covering('grid_leader', 'district_office', 'supervisor')],
  },
  merge: {
    from: ['pending', 'claimed'],
    to: 'merged',
    may: [covering('grid_leader', 'district_office', 'supervisor')],
  },
  absorb: { from: open, to: 'same', may: [merger] },
  'city-resolve': { from: ['at-city'], to: 'rectified', may: [covering('district_office')] },
  supervise: { from: open, to: 'same', may: [covering('supervisor', 'district_office')] },
  unsupervise: { from: open, to: 'same', may: [covering('supervisor', 'district_office')] },
  'attach-handlers': { from: ['claimed'], to: 'same', may: [covering('grid_leader', 'district_office')] },
  'record-part': { from: ['claimed'], to: 'same', may: [claimer, jointHandler] },
  'correct-grid': { from: ['pending'], to: 'same', may: [reporter], refusedWhen: [escalated] },
  'yellow-card': { from: open, to: 'same', may: [system] },
  'red-card': { from: open, to: 'same', may: [system] },
  'unclaimed-alert': { from: ['pending'], to: 'same', may: [system] },
  join: { from: open, to: 'same', may: [anyone], refusedWhen: [alreadyFollowing] },
  screen: { from: open, to: 'same', may: [system] },
  'approve-content': {
    from: open,
    to: 'same',
    may: [covering(...gridStaff, 'district_office', 'supervisor')],
  },
  'approve-evidence': {
    from: [...open, 'closed'],
    to: 'same',
    may: [covering(...gridStaff, 'district_office', 'supervisor')],
  },
  'link-site': {
    from: open,
    to: 'same',
    may: [covering(...gridStaff, 'district_office', 'supervisor'), reporter],
  },
}

type Outcome =
  | { allowed: true; to: CaseStatus }
  | { allowed: false; code: 'forbidden' | 'illegal-transition' | 'not-claimable' }

function expectedOutcome(act: Act, who: Who, status: CaseStatus): Outcome {
  const rule = matrix[act]
  if (!rule.may.some((may) => may.roles.includes(who.role))) return { allowed: false, code: 'forbidden' }
  if (!rule.from.includes(status)) {
    return {
      allowed: false,
      code: act === 'claim' && status === 'claimed' ? 'not-claimable' : 'illegal-transition',
    }
  }
  if (!rule.may.some((may) => may.holds(who)) || rule.never?.some((never) => never.holds(who))) {
    return { allowed: false, code: 'forbidden' }
  }
  if (rule.refusedWhen?.some((refusal) => refusal.holds(who)))
    return { allowed: false, code: 'illegal-transition' }
  return { allowed: true, to: rule.to === 'same' ? status : rule.to }
}

function actualOutcome(decision: Decision): Outcome | { allowed: false; code: string } {
  return decision.ok ? { allowed: true, to: decision.to } : { allowed: false, code: decision.code }
}

/** Whether transitionTable (case-status.ts) allows `command` from → to; `same` means the status stays. */
function tableAllows(command: CaseCommand, from: CaseStatus, to: CaseStatus): boolean {
  const transition = transitionTable[command]
  const targets = [transition.to, ...(transition.alternatives ?? [])]
  return (
    transition.from.includes(from) &&
    targets.some((target) => (target === 'same' ? from === to : target === to))
  )
}

/** Every (actor kind, scope, relation, placement, status) an act is tried with. */
function combinations(kind: ActorKind): { who: Who; status: CaseStatus }[] {
  const role = roleOf(kind)
  const unit = unitOf(kind)
  const out: { who: Who; status: CaseStatus }[] = []
  for (const placement of Object.keys(placements) as Placement[]) {
    const actorScopes: (Scope | 'none')[] =
      role === 'system' ? ['none'] : scopes.filter((scope) => placements[placement][scope])
    for (const scope of actorScopes) {
      for (const rel of relationsFor(role)) {
        for (const status of statusesAt(placement)) {
          // A claimer only exists where the case carries a claim.
          if (rel === 'claimer' && !statusesWithClaim.includes(status)) continue
          out.push({
            who: { kind, role, ...(unit ? { unit } : {}), scope, relation: rel, placement },
            status,
          })
        }
      }
    }
  }
  return out
}

/** At most 30 lines of mismatches and how many there were in all, so a failure stays readable. */
const summarise = (mismatches: string[]) =>
  mismatches.length > 30 ? [...mismatches.slice(0, 30), `… and ${mismatches.length - 30} more`] : mismatches

const describeCombination = (act: Act, who: Who, status: CaseStatus) =>
  `${act} by ${who.kind} [scope ${who.scope}, relation ${who.relation}] on a ${status} case at ${who.placement} level`

// ---------------------------------------------------------------------------------------------------------

describe('the permission matrix of the case lifecycle (decide)', () => {
  it('covers every act of the domain except submit, which has no case yet', () => {
    expect([...acts].sort()).toEqual(caseCommands.filter((command) => command !== 'submit').sort())
  })

  const cases = acts.flatMap((act) => actorKinds.map((kind) => [act, kind] as const))
  /** How many combinations each act × actor kind was allowed, for the non-vacuity check below. */
  const allowedCount = new Map<string, number>()

  test.each(cases)('%s by %s: allowed and refused exactly as the matrix says', (act, kind) => {
    const mismatches: string[] = []
    let allowed = 0
    for (const { who, status } of combinations(kind)) {
      const decision = decide(caseFor(status, who, act), sampleActs[act], actorFor(who), ctx)
      const expected = expectedOutcome(act, who, status)
      const actual = actualOutcome(decision)
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        mismatches.push(
          `${describeCombination(act, who, status)}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`,
        )
      }
      if (decision.ok) {
        allowed += 1
        if (!tableAllows(decision.command, decision.from, decision.to)) {
          mismatches.push(
            `${describeCombination(act, who, status)}: ${decision.from} → ${decision.to} is not in transitionTable`,
          )
        }
        if (decision.patch.status !== decision.to)
          mismatches.push(`${describeCombination(act, who, status)}: patch.status differs from to`)
      }
    }
    expect(summarise(mismatches)).toEqual([])
    allowedCount.set(`${act}/${kind}`, allowed)
  })

  it('is not vacuous: every act is allowed to someone and refused to others', () => {
    for (const act of acts) {
      const allowedTo = actorKinds.filter((kind) => (allowedCount.get(`${act}/${kind}`) ?? 0) > 0)
      expect({ act, some: allowedTo.length > 0, notAll: allowedTo.length < actorKinds.length }).toEqual({
        act,
        some: true,
        notAll: true,
      })
    }
    expect(allowedCount.size).toBe(acts.length * actorKinds.length)
  })

  it('never lets a resident or volunteer move a case, except confirm/dispute/correct-grid/link-site on their own case and join', () => {
    const outside: string[] = []
    let tried = 0
    for (const kind of ['resident', 'volunteer'] as const) {
      for (const { who, status } of combinations(kind)) {
        for (const act of acts) {
          tried += 1
          const decision = decide(caseFor(status, who, act), sampleActs[act], actorFor(who), ctx)
          if (!decision.ok) continue
          const ownCaseAct =
            ['confirm', 'dispute', 'correct-grid', 'link-site'].includes(act) && who.relation === 'reporter'
          const joinOthers = act === 'join' && who.relation !== 'reporter' && decision.to === decision.from
          if (!ownCaseAct && !joinOthers) outside.push(describeCombination(act, who, status))
          if (decision.to === decision.from && ['confirm', 'dispute'].includes(act))
            outside.push(`${describeCombination(act, who, status)} did not move`)
        }
      }
    }
    expect(tried).toBeGreaterThan(1000)
    expect(outside).toEqual([])
  })

  it('refuses a claim on a claimed case naming who has it', () => {
    const who: Who = {
      kind: 'grid_member',
      role: 'grid_member',
      scope: 'own',
      relation: 'none',
      placement: 'block',
    }
    expect(decide(caseFor('claimed', who, 'claim'), { type: 'claim' }, actorFor(who), ctx)).toMatchObject({
      ok: false,
      code: 'not-claimable',
      details: { claimedBy: '认领人' },
    })
  })
})

describe('acts whose outcome depends on the case, not on who acts', () => {
  const office = (unit: DistrictUnit): Who => ({
    kind: `district_office(${unit})` as ActorKind,
    role: 'district_office',
    unit,
    scope: 'own',
    relation: 'none',
    placement: 'district',
  })

  it('sends a case to the city only with both 大气办 and 长效办, in either order, each signing once', () => {
    for (const [first, second] of [
      ['air_office', 'long_term_office'],
      ['long_term_office', 'air_office'],
    ] as const) {
      const record = { ...caseFor('awaiting-signoff', office(first), 'sign-off'), signOffs: [first] }
      expect(decide(record, sampleActs['sign-off'], actorFor(office(first)), ctx)).toMatchObject({
        ok: false,
        code: 'illegal-transition',
      })
      const completed = decide(record, sampleActs['sign-off'], actorFor(office(second)), ctx)
      expect(completed).toMatchObject({
        ok: true,
        from: 'awaiting-signoff',
        to: 'at-city',
        patch: { signOffs: [first, second] },
      })
      if (completed.ok) expect(tableAllows('sign-off', completed.from, completed.to)).toBe(true)
    }
    const record = {
      ...caseFor('awaiting-signoff', office('air_office'), 'sign-off'),
      signOffs: ['air_office' as const],
    }
    expect(decide(record, sampleActs['sign-off'], actorFor(office('social_office')), ctx)).toMatchObject({
      ok: false,
      code: 'forbidden',
    })
  })

  it('puts a city-resolved case that fails verification back on the board (no claimer to return it to)', () => {
    const verifier = office('air_office')
    const record = { ...caseFor('rectified', verifier, 'fail-verification'), claim: null }
    const decision = decide(record, sampleActs['fail-verification'], actorFor(verifier), ctx)
    expect(decision).toMatchObject({ ok: true, from: 'rectified', to: 'pending' })
    if (decision.ok) expect(tableAllows('fail-verification', decision.from, decision.to)).toBe(true)
  })

  it('refuses the system acts that are not due', () => {
    const system: Who = {
      kind: 'system',
      role: 'system',
      scope: 'none',
      relation: 'none',
      placement: 'block',
    }
    const fresh = caseFor('verified', system, 'join')
    expect(decide(fresh, { type: 'auto-confirm' }, systemActor, ctx)).toMatchObject({
      ok: false,
      code: 'illegal-transition',
    })
    expect(decide(fresh, { type: 'red-card' }, systemActor, ctx)).toMatchObject({
      ok: false,
      code: 'illegal-transition',
    })
    expect(decide({ ...fresh, card: 'yellow' }, { type: 'yellow-card' }, systemActor, ctx)).toMatchObject({
      ok: false,
      code: 'illegal-transition',
    })
    const pending = caseFor('pending', system, 'unclaimed-alert')
    expect(
      decide(
        { ...pending, unclaimedAlertAt: hoursFromNow(-1) },
        { type: 'unclaimed-alert' },
        systemActor,
        ctx,
      ),
    ).toMatchObject({
      ok: false,
      code: 'illegal-transition',
    })
  })

  it('takes in only a duplicate really merged into the case, and only people not already on it', () => {
    const staff: Who = {
      kind: 'grid_member',
      role: 'grid_member',
      scope: 'own',
      relation: 'none',
      placement: 'block',
    }
    const record = {
      ...caseFor('claimed', staff, 'absorb'),
      reporterId: 'target-reporter',
      followers: ['follower-1'],
    }
    const duplicate = {
      id: 'case-duplicate',
      caseNo: '20261123-0003',
      mergedInto: record._id,
      people: ['target-reporter', 'follower-1', 'new-1', 'new-1'],
    }
    expect(decide(record, { type: 'absorb', duplicate }, actorFor(staff), ctx)).toMatchObject({
      ok: true,
      to: 'claimed',
      patch: { followers: ['follower-1', 'new-1'] },
      details: { duplicateId: 'case-duplicate', followersAdded: 1 },
    })
    expect(
      decide(
        record,
        { type: 'absorb', duplicate: { ...duplicate, mergedInto: 'case-elsewhere' } },
        actorFor(staff),
        ctx,
      ),
    ).toMatchObject({
      ok: false,
      code: 'invalid-input',
    })
  })

  it('routes a dispute past the allowed reopenings to the supervisor', () => {
    const reporterWho: Who = {
      kind: 'resident',
      role: 'resident',
      scope: 'own',
      relation: 'reporter',
      placement: 'block',
    }
    const record = {
      ...caseFor('verified', reporterWho, 'dispute'),
      disputeCount: defaultPolicy.maxReopenings,
    }
    expect(decide(record, sampleActs.dispute, actorFor(reporterWho), ctx)).toMatchObject({
      ok: true,
      to: 'pending',
      details: { toSupervisor: true },
      patch: { disputeCount: defaultPolicy.maxReopenings + 1, claim: null },
    })
  })
})
