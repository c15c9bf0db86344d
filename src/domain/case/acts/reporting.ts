import { findCategory, findCheck, type CategoryCatalog } from '../categories'
import type { SubmitCaseInput, submitCaseInputSchema } from '../contract'
import type { CaseRecord } from '../record'
import { decideTransition, transitionAllowed } from '../status'
import { notice } from '../notifications'
import { errorMessages } from '../../shared/errors'
import type { GridNode } from '../../grid/tree'
import { isStaff, type Actor } from '../../people/roles'
import type { z } from '../../shared/zod'
import { isReporter } from './guards'
import { placeCellOf } from '../../shared/geo'
import { openFigures } from '../../reports/case-figures'
import { deskFieldsOf } from '../../reports/case-desk'
import { publiclyVisible, type Screening } from '../../content/screening'
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
    decide: ({ record, actor, accept }) =>
      accept(record.status, { followers: [...record.followers, actor.openid] }),
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

export type SubmitDecision =
  { ok: true; record: CaseRecord; event: DraftedEvent; notify: NotificationIntent[] } | Refusal

/**
 * The refusals of a report, in the order they answer: an unknown category or check, a role the status table
 * does not let report, a point outside every grid. Checked before the server spends a rate-limit ticket or a
 * case number on it.
 */
export function refuseSubmit(
  input: Pick<SubmitCaseInput, 'categoryId' | 'checkId'>,
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
  const major = input.major || policy.majorCategoryIds.includes(input.categoryId)
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
    channel: isStaff(actor.role) && input.channel === 'resident' ? 'patrol' : input.channel,
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
    ...(facts.screening ? { screening: facts.screening } : {}),
  }
  const deadlineAt = ctx.deadlineFor(opened, grid.level)
  // The first deadline rides on the event, as every deadline an act sets does (the desk's figures read it).
  const details = {
    major,
    channel: opened.channel,
    deadlineAt,
    ...(facts.screening ? { screening: facts.screening.state, textCheck: facts.screening.text } : {}),
  }
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
