import { findCategory, findCheck, type CategoryCatalog } from '../categories'
import type { SubmitCaseInput, submitCaseInputSchema } from '../contract'
import { decideTransition } from '../status'
import { openCase, type OpenedCase } from '../intake'
import { errorMessages } from '../../shared/errors'
import type { GridNode } from '../../grid/tree'
import { isStaff, roleLabels, type Actor, type Role } from '../../people/roles'
import { caseChannelLabels, type CaseChannel } from '../record'
import type { z } from '../../shared/zod'
import { isReporter } from './guards'
import { distanceMeters } from '../../shared/geo'
import { publiclyVisible, type Screening } from '../../content/screening'
import { guard, refuse, type ActFamily, type DecideContext, type Refusal } from './kit'

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
// A case the public may not see yet (its content is still being checked) cannot be found to be joined.
const publicNow = guard(
  'publicNow',
  ({ record }) => publiclyVisible(record.screening),
  'not-found',
  '没有找到这个问题',
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
    guards: [notFollowingYet, publicNow],
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
  /** WeChat's verdict on the report's words, and its photos waiting for theirs (absent: nothing checked). */
  screening?: Screening
}

export type SubmitDecision = ({ ok: true } & OpenedCase) | Refusal

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
 * Opens a case from a report, through the one intake every channel uses (`openCase`), once the report's own
 * refusals are passed. Pure, like every other act; the caller persists the record, event and notices together.
 */
export function decideSubmit(
  input: ParsedSubmitInput,
  actor: Actor & { nickname: string },
  facts: SubmitFacts,
  ctx: DecideContext,
): SubmitDecision {
  const refused = refuseSubmit(input, actor, facts.grid, ctx.categories)
  if (refused) return refused
  const opened = openCase(
    {
      // Checked by refuseSubmit: the channel the role may use (a staff member's own report is a patrol find).
      channel: channelFor(actor.role, input.channel)!,
      categoryId: input.categoryId,
      checkId: input.checkId,
      description: input.description,
      photos: input.photos,
      location: input.location,
      accuracyMeters: input.accuracyMeters,
      address: input.address,
      anonymous: input.anonymous,
      // 重大/突发 is a staff member's call (or the category's rule); the public's reports are triaged by staff.
      major: isStaff(actor.role) && input.major,
      reporter: { id: actor.openid, nickname: actor.nickname, isPerson: true },
      requestKey: `${actor.openid}:${input.requestId}`,
    },
    actor,
    { caseId: facts.caseId, caseNo: facts.caseNo, grid: facts.grid!, screening: facts.screening },
    ctx,
  )
  return { ok: true, ...opened }
}
