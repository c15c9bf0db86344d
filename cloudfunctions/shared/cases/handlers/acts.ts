import type { ActionOutput, ActionParsedInput } from '../../../../src/domain/contract'
import { AppError } from '../../../../src/domain/shared/errors'
import type { CaseAct } from '../../../../src/domain/case/decide'
import { can } from '../../../../src/domain/case/status'
import { districtUnitLabels, roleLabels, type Role } from '../../../../src/domain/people/roles'
import { actOnCase, mergeCases } from '../act'
import type { HandlerContext } from '../../runtime/context'
import { loadCase, viewOf } from './reports'

type CaseResult = { case: ActionOutput<'case.get'>['case'] }

/** Runs an act as the caller and answers with the case as the caller may see it. */
async function run(ctx: HandlerContext, caseId: string, act: CaseAct): Promise<CaseResult> {
  const { record } = await actOnCase(
    ctx.runtime,
    ctx.stores,
    caseId,
    act,
    { ...ctx.actor, nickname: ctx.user.nickname },
    ctx.now,
  )
  return { case: await viewOf(ctx, record) }
}

export const claimCase = (ctx: HandlerContext, input: ActionParsedInput<'case.claim'>) =>
  run(ctx, input.caseId, { type: 'claim' })

export const releaseCase = (ctx: HandlerContext, input: ActionParsedInput<'case.release'>) =>
  run(ctx, input.caseId, { type: 'release', reason: input.reason })

export const rectifyCase = (ctx: HandlerContext, input: ActionParsedInput<'case.rectify'>) =>
  run(ctx, input.caseId, { type: 'rectify', measure: input.measure, note: input.note, photos: input.photos })

export const escalateCase = (ctx: HandlerContext, input: ActionParsedInput<'case.escalate'>) =>
  run(ctx, input.caseId, { type: 'escalate', reason: input.reason, note: input.note })

export const requestCity = (ctx: HandlerContext, input: ActionParsedInput<'case.requestCity'>) =>
  run(ctx, input.caseId, { type: 'request-city', note: input.note })

export const signOff = (ctx: HandlerContext, input: ActionParsedInput<'case.signOff'>) =>
  run(ctx, input.caseId, { type: 'sign-off', note: input.note })

export const sendBack = (ctx: HandlerContext, input: ActionParsedInput<'case.sendBack'>) =>
  run(ctx, input.caseId, { type: 'send-back', note: input.note })

export const verifyCase = (ctx: HandlerContext, input: ActionParsedInput<'case.verify'>) =>
  run(
    ctx,
    input.caseId,
    input.passed ? { type: 'verify', note: input.note } : { type: 'fail-verification', note: input.note },
  )

export const confirmCase = (ctx: HandlerContext, input: ActionParsedInput<'case.confirm'>) =>
  run(ctx, input.caseId, { type: 'confirm', rating: input.rating, comment: input.comment })

export const disputeCase = (ctx: HandlerContext, input: ActionParsedInput<'case.dispute'>) =>
  run(ctx, input.caseId, { type: 'dispute', reason: input.reason })

export const rejectCase = (ctx: HandlerContext, input: ActionParsedInput<'case.reject'>) =>
  run(ctx, input.caseId, { type: 'reject', reason: input.reason, note: input.note })

export const cityResolve = (ctx: HandlerContext, input: ActionParsedInput<'case.cityResolve'>) =>
  run(ctx, input.caseId, { type: 'city-resolve', note: input.note })

export const superviseCase = (ctx: HandlerContext, input: ActionParsedInput<'case.supervise'>) =>
  run(ctx, input.caseId, {
    type: 'supervise',
    deadlineAt: new Date(input.deadlineAt).toISOString(),
    note: input.note,
  })

export const recordPart = (ctx: HandlerContext, input: ActionParsedInput<'case.recordPart'>) =>
  run(ctx, input.caseId, { type: 'record-part', note: input.note, photos: input.photos })

export const correctGrid = (ctx: HandlerContext, input: ActionParsedInput<'case.correctGrid'>) =>
  run(ctx, input.caseId, { type: 'correct-grid', gridId: input.gridId })

export const joinCase = (ctx: HandlerContext, input: ActionParsedInput<'case.join'>) =>
  run(ctx, input.caseId, { type: 'join' })

/** Who can take part in joint enforcement: the people who record parts (supervisors oversee, they do not handle). */
const jointEnforcementRoles: readonly Role[] = ['grid_member', 'grid_leader', 'sunk_staff', 'district_office']

/** Joint enforcement: only handling staff can be attached; their nicknames are what the trail shows. */
export async function attachHandlers(ctx: HandlerContext, input: ActionParsedInput<'case.attachHandlers'>) {
  const people = await Promise.all(input.openids.map((openid) => ctx.stores.users.get(openid)))
  const handlers = people.map((person, index) => {
    if (!person || !jointEnforcementRoles.includes(person.role)) {
      throw new AppError('invalid-input', '只能增派网格工作人员或下沉人员', {
        details: { openid: input.openids[index] },
      })
    }
    return { openid: person.openid, nickname: person.nickname }
  })
  return run(ctx, input.caseId, { type: 'attach-handlers', handlers })
}

/** The order candidates are listed in: those who usually join a grid's work from outside it first. */
const candidateOrder: readonly Role[] = ['sunk_staff', 'district_office', 'grid_leader', 'grid_member']

/**
 * Whom a leader can attach for joint enforcement, so nobody has to type account ids: handling staff who
 * work in the case's grid, above it (up to the district offices) or one level below it. The caller must be
 * someone the status table lets attach handlers now, within their own grids.
 */
export async function handlerCandidates(
  ctx: HandlerContext,
  input: ActionParsedInput<'case.handlerCandidates'>,
): Promise<ActionOutput<'case.handlerCandidates'>> {
  const record = await loadCase(ctx, input.caseId)
  const { tree } = await ctx.stores.grids.index()
  const inScope = ctx.actor.gridIds.some((mine) => tree.covers(mine, record.gridId))
  if (!can(record.status, 'attach-handlers', ctx.actor.role) || !inScope) {
    throw new AppError('forbidden', '只有负责该问题的网格长或区级办公室可以在问题认领后增派人员')
  }
  const nearby = [...tree.lineage(record.gridId), ...tree.children(record.gridId)]
  const gridIds = nearby.map((node) => node._id)
  const people = await ctx.stores.users.inGrids(jointEnforcementRoles, gridIds)
  const attached = new Set(record.jointHandlers.map((handler) => handler.openid))
  const items = people
    .filter((person) => person.openid !== ctx.actor.openid && person.openid !== record.claim?.userId)
    .sort(
      (a, b) =>
        candidateOrder.indexOf(a.role) - candidateOrder.indexOf(b.role) ||
        a.nickname.localeCompare(b.nickname, 'zh'),
    )
    .map((person) => {
      const grid = nearby.find((node) => person.gridIds.includes(node._id))
      return {
        openid: person.openid,
        nickname: person.nickname,
        roleLabel: person.districtUnit ? districtUnitLabels[person.districtUnit] : roleLabels[person.role],
        where: grid?.name ?? '',
        attached: attached.has(person.openid),
      }
    })
  return { items }
}

/** Merges a duplicate into another open case; both cases change together or neither does (see mergeCases). */
export async function mergeCase(ctx: HandlerContext, input: ActionParsedInput<'case.merge'>) {
  const actor = { ...ctx.actor, nickname: ctx.user.nickname }
  const { duplicate } = await mergeCases(
    ctx.runtime,
    ctx.stores,
    { duplicateId: input.caseId, survivorId: input.intoCaseId },
    actor,
    ctx.now,
  )
  return { case: await viewOf(ctx, duplicate.record) }
}
