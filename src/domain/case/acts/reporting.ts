import { findCategory, findCheck, type CategoryCatalog } from '../categories'
import type { SubmitCaseInput, submitCaseInputSchema } from '../contract'
import { decideTransition, transitionAllowed } from '../status'
import { notice } from '../notifications'
import { errorMessages } from '../../shared/errors'
import type { GridNode } from '../../grid/tree'
import { isStaff, roleLabels, type Actor, type Role } from '../../people/roles'
import { caseChannelLabels, type CaseChannel, type CaseRecord } from '../record'
import type { z } from '../../shared/zod'
import { isReporter } from './guards'
import { distanceMeters, placeCellOf } from '../../shared/geo'
import { openFigures } from '../../reports/case-figures'
import { deskFieldsOf } from '../../reports/case-desk'
import {
  draftEvent,
  type DraftedEvent,
  guard,
  refuse,
  type ActFamily,
  type DecideContext,
  type NotificationIntent,
  type Refusal,
} from './kit'

const reporterCorrects = guard('isReporter', isReporter, 'forbidden', '只有举报人可以更正所属网格')
const unclaimed = guard(
  'unclaimed',
  ({ record }) => !record.claim,
  'illegal-transition',
  '问题已被认领，不能再更正网格',
)
// A correction fixes where the case was routed; it neither undoes nor replaces an escalation.
const notEscalated = guard(
  'notEscalated',
  ({ record }) => record.gridId === record.originGridId,
  'illegal-transition',
  '问题已上报上级网格，不能再更正网格',
)
// Once only: a second correction would let a reporter walk a case from grid to grid along the boundary.
const notCorrectedYet = guard(
  'notCorrectedYet',
  ({ record }) => !record.gridCorrectedAt,
  'illegal-transition',
  '所属网格已更正过一次，不能再次更正',
)
const notFollowingYet = guard(
  'notFollowingYet',
  (scope) => !isReporter(scope) && !scope.record.followers.includes(scope.actor.openid),
  'illegal-transition',
  '您已在关注这个问题',
)

/** A resident's acts on a case already reported: joining it, and moving it to the right neighbouring grid. */
export const reporting: ActFamily<'join' | 'correct-grid'> = {
  join: {
    guards: [notFollowingYet],
    decide: ({ record, act, actor, ctx, accept }) => {
      // Whether the joiner was near the case, by the category's radius: the only join that earns points. The
      // distance itself stays off the trail, which the public summary must not make a locator of.
      const radius = findCategory(record.categoryId, ctx.categories)?.dedupeRadiusMeters ?? 0
      const near = act.location !== undefined && distanceMeters(act.location, record.location) <= radius
      return accept(record.status, { followers: [...record.followers, actor.openid] }, { details: { near } })
    },
  },
  'correct-grid': {
    guards: [reporterCorrects, notCorrectedYet, unclaimed, notEscalated],
    decide: (scope) => {
      const { record, act, ctx } = scope
      const target = ctx.tree.get(act.gridId)
      if (!target || target._id === record.gridId) return refuse('invalid-input', '请选择另一个有效的网格')
      if (ctx.tree.covers(target._id, record.gridId))
        return refuse('invalid-input', '只能更正到相邻的网格，不能更正到上级网格')
      if (ctx.distanceToGrid(record, act.gridId) > ctx.policy.gridCorrectionMeters) {
        return refuse('invalid-input', `只能更正到问题位置${ctx.policy.gridCorrectionMeters}米以内的网格`)
      }
      return scope.accept(
        record.status,
        { ...scope.landOn(act.gridId), originGridId: act.gridId, gridCorrectedAt: ctx.now.toISOString() },
        { details: { fromGridId: record.gridId, toGridId: act.gridId } },
      )
    },
  },
}

/**
 * The channels each role may file through, the first being what a report by that role is when it names none
 * of its own (`resident`, the form's default): residents and volunteers only as the public; grid staff on
 * patrol or entering a 12369 complaint; the sensor feed only by the district office that runs it.
 */
const channelsByRole: Record<Role, readonly CaseChannel[]> = {
  resident: ['resident'],
  volunteer: ['resident'],
  grid_member: ['patrol', 'hotline'],
  grid_leader: ['patrol', 'hotline'],
  sunk_staff: ['patrol', 'hotline'],
  supervisor: ['patrol', 'hotline'],
  district_office: ['patrol', 'hotline', 'sensor'],
}

/** The channel a report by `role` is filed through, or null when the role may not use the one asked for. */
export function channelFor(role: Role, requested: CaseChannel): CaseChannel | null {
  const allowed = channelsByRole[role]
  if (allowed.includes(requested)) return requested
  return requested === 'resident' ? allowed[0]! : null
}

export type ParsedSubmitInput = z.output<typeof submitCaseInputSchema>

/** What the server found out before a case can be opened: its id and number, and the grid its point lies in. */
export interface SubmitFacts {
  /** Derived from the caller and their request id, so that a retry maps to the same case. */
  caseId: string
  caseNo: string
  /** The grid whose polygon holds the point; none outside the service area. */
  grid: GridNode | undefined
}

export type SubmitDecision =
  { ok: true; record: CaseRecord; event: DraftedEvent; notify: NotificationIntent[] } | Refusal

/**
 * The refusals of a report, in the order they answer: an unknown category or check, a role the status table
 * does not let report, a point outside every grid. Checked before the server spends a rate-limit ticket or a
 * case number on it.
 */
export function refuseSubmit(
  input: Pick<SubmitCaseInput, 'categoryId' | 'checkId' | 'channel'>,
  actor: Pick<Actor, 'role'>,
  grid: GridNode | undefined,
  catalog: CategoryCatalog,
): Refusal | null {
  const invalid = errorMessages['invalid-input']
  if (!findCategory(input.categoryId, catalog))
    return { ...refuse('invalid-input', invalid), fields: { categoryId: '请选择有效的问题类别' } }
  if (!findCheck(input.categoryId, input.checkId, catalog))
    return { ...refuse('invalid-input', invalid), fields: { checkId: '请选择该类别下的具体问题' } }
  if (!decideTransition('none', 'submit', actor.role).ok) return refuse('forbidden', errorMessages.forbidden)
  const channel = channelFor(actor.role, input.channel ?? 'resident')
  if (!channel) {
    return {
      ...refuse(
        'forbidden',
        `${roleLabels[actor.role]}不能通过“${caseChannelLabels[input.channel!]}”渠道登记问题`,
      ),
      fields: { channel: '请选择您可以使用的举报渠道' },
    }
  }
  if (!grid) {
    return {
      ...refuse('outside-service-area', '该位置不在任何网格范围内，请确认位置后重试'),
      fields: { location: '该位置不在服务范围内' },
    }
  }
  return null
}

/**
 * Opens a case from a report: the new record on the located grid's board, its first event (unsealed) and
 * whom to tell: the grid's staff, the reporter, and for a major event the district at once. Pure, like
 * every other act; the caller persists the three together.
 */
export function decideSubmit(
  input: ParsedSubmitInput,
  actor: Actor & { nickname: string },
  facts: SubmitFacts,
  ctx: DecideContext,
): SubmitDecision {
  const refused = refuseSubmit(input, actor, facts.grid, ctx.categories)
  if (refused) return refused
  const grid = facts.grid!
  // As for every act, the table is the one authority: submit opens a case as pending.
  if (!transitionAllowed('submit', 'none', 'pending'))
    throw new Error('submit: none → pending is not in the table')
  const { tree, now, policy } = ctx
  const at = now.toISOString()
  // 重大/突发 is a category's rule or a staff member's call; the public's reports are triaged by staff.
  const major = (isStaff(actor.role) && input.major) || policy.majorCategoryIds.includes(input.categoryId)
  const lineage = tree.lineage(grid._id)
  const opened: CaseRecord = {
    _id: facts.caseId,
    caseNo: facts.caseNo,
    status: 'pending',
    categoryId: input.categoryId,
    checkId: input.checkId,
    description: input.description,
    photos: input.photos,
    location: input.location,
    placeCell: placeCellOf(input.location),
    accuracyMeters: input.accuracyMeters,
    address: input.address,
    anonymous: input.anonymous,
    channel: channelFor(actor.role, input.channel)!,
    reporterId: actor.openid,
    reporterNickname: actor.nickname,
    gridId: grid._id,
    gridPath: lineage.map((node) => node._id),
    claim: null,
    requestKey: `${actor.openid}:${input.requestId}`,
    createdAt: at,
    updatedAt: at,
    unclaimedAlertAt: null,
    waitingSince: at,
    originGridId: grid._id,
    awayFromOrigin: false,
    major,
    deadlineAt: null,
    card: 'none',
    supervision: null,
    signOffs: [],
    jointHandlers: [],
    followers: [],
    disputeCount: 0,
    verifiedAt: null,
    rating: null,
    resolution: null,
    eventCount: 0,
    lastHash: '',
  }
  const deadlineAt = ctx.deadlineFor(opened, grid.level)
  // The first deadline rides on the event, as every deadline an act sets does (the desk's figures read it).
  const details = { major, channel: opened.channel, deadlineAt }
  const figures = openFigures({ type: 'submit', at, actorRole: actor.role, gridId: grid._id, details })
  const record: CaseRecord = {
    ...opened,
    deadlineAt,
    eventCount: 1,
    ...deskFieldsOf(figures, opened.categoryId, tree),
  }
  const event = draftEvent(
    opened,
    {
      command: 'submit',
      from: 'none',
      to: record.status,
      patch: {},
      note: `转办至${tree.label(grid._id)}`,
      evidence: input.photos,
      details,
    },
    actor,
    at,
  )
  const district = lineage.find((node) => node.level === 'district')
  const notify = [
    notice('new-case', { record }),
    notice('case-routed', { record }),
    ...(record.major && district ? [notice('major-event', { record, district })] : []),
  ]
  return { ok: true, record, event, notify }
}
