import type { ActionOutput, ActionParsedInput } from '../../../../src/domain/contract'
import {
  caseActKeys,
  caseActionOf,
  caseActs,
  type CaseActionOf,
  type CaseActKey,
  type PlainCaseActKey,
} from '../../../../src/domain/case/act-table'
import { AppError } from '../../../../src/domain/shared/errors'
import type { CaseAct } from '../../../../src/domain/case/decide'
import { can } from '../../../../src/domain/case/status'
import { districtUnitLabels, roleLabels, type Role } from '../../../../src/domain/people/roles'
import { actOnCase, mergeCases } from '../act'
import { jointEnforcementRoles } from '../../../../src/domain/case/acts/handling'
import type { HandlerContext } from '../../runtime/context'
import { ownPhotos } from '../../photos/ownership'
import { loadCase, viewOf } from './reports'
import { checkTexts } from '../../content/text-check'
import { actTexts } from '../../../../src/domain/content/texts'
import { photoIdOf } from '../../photos/paths'

type CaseResult = { case: ActionOutput<'case.get'>['case'] }

/** Runs an act as the caller and answers with the case as the caller may see it. */
async function run(ctx: HandlerContext, caseId: string, act: CaseAct): Promise<CaseResult> {
  // WeChat checks the act's words first: a risky text refuses it; one held for review is marked on its event.
  const textCheck = await checkTexts(ctx.runtime, ctx.actor.openid, actTexts(act))
  const { record } = await actOnCase(
    ctx.runtime,
    ctx.stores,
    caseId,
    act,
    { ...ctx.actor, nickname: ctx.user.nickname },
    ctx.now,
    textCheck === 'pass' ? {} : { textCheck },
  )
  return { case: await viewOf(ctx, record) }
}

/** Any plain act's handler: every such action's input has the case id, and every one answers with the case. */
type PlainActHandler = (ctx: HandlerContext, input: { caseId: string }) => Promise<CaseResult>
/** A row's act builder, read as the router calls it: with the parsed input of the row's own action. */
type BuildAct = (input: { caseId: string }) => CaseAct

const isPlain = (key: CaseActKey): key is PlainCaseActKey => 'toAct' in caseActs[key]

/**
 * The handlers of every act that only builds its CaseAct from the input and runs it, one per plain row
 * of the act table. The router pairs each handler with its own action's input, which the types cannot
 * follow through the loop: hence the one widening of `toAct` here. An act that carries photos (after-photos,
 * a part's evidence) takes only the caller's own registered uploads, and records their copies.
 */
export const plainActHandlers = Object.fromEntries(
  caseActKeys.filter(isPlain).map((key) => {
    const toAct = caseActs[key].toAct as BuildAct
    const handler: PlainActHandler = async (ctx, input) => {
      const photos = (input as { photos?: unknown }).photos
      const checked = Array.isArray(photos)
        ? { ...input, photos: await ownPhotos(ctx, photos as string[]) }
        : input
      return run(ctx, input.caseId, toAct(checked))
    }
    return [caseActionOf(key), handler]
  }),
) as Record<CaseActionOf<PlainCaseActKey>, PlainActHandler>

/**
 * Joint enforcement: only handling staff can be attached; their nicknames are what the trail shows. The people
 * are read with the caller (see peopleReadWith in the case context) and judged by the domain after it has
 * checked that the caller may attach anyone to this case.
 */
export async function attachHandlers(ctx: HandlerContext, input: ActionParsedInput<'case.attachHandlers'>) {
  const handlers = input.openids.map((openid) => {
    const person = ctx.people.get(openid)
    return { openid, nickname: person?.nickname ?? '', role: person?.role ?? null }
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

/** Merges a duplicate into another open case (see mergeCases for how both sides are written). */
export async function mergeCase(ctx: HandlerContext, input: ActionParsedInput<'case.merge'>) {
  const actor = { ...ctx.actor, nickname: ctx.user.nickname }
  const { duplicate } = await mergeCases(
    ctx.runtime,
    ctx.stores,
    { duplicateId: input.caseId, survivorId: input.intoCaseId, reason: input.reason },
    actor,
    ctx.now,
  )
  return { case: await viewOf(ctx, duplicate.record) }
}

/**
 * Passes one evidence photo of the trail that WeChat held. The case (with its trail) and the photo's record
 * are read first, and the domain judges what was found: the photo must be named as an act's evidence on this
 * case (not one of the report's own photos, which `case.approveContent` governs) and still held. The act is
 * the commit point; the photo's record then says it passed, which is what every reader of the trail applies.
 */
export async function approveEvidence(
  ctx: HandlerContext,
  input: ActionParsedInput<'case.approveEvidence'>,
): Promise<CaseResult> {
  const found = await ctx.stores.cases.getWithTrail(input.caseId)
  if (!found) throw new AppError('not-found', '没有找到这个问题')
  const own = new Set(found.record.photos)
  const named = found.trail.some((event) =>
    event.evidence.some((fileID) => !own.has(fileID) && photoIdOf(fileID) === input.photoId),
  )
  const [photo] = named ? await ctx.stores.photos.byIds([input.photoId]) : []
  const verdict = photo?.check?.verdict ?? null
  const result = await run(ctx, input.caseId, {
    type: 'approve-evidence',
    photo: { id: input.photoId, verdict, named: named && photo !== undefined },
  })
  if (verdict)
    await ctx.stores.photos.approveHeld(input.photoId, verdict, {
      by: ctx.actor.openid,
      at: ctx.now.toISOString(),
    })
  return result
}
