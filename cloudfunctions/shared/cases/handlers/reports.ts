import { createHash } from 'node:crypto'
import type { CaseRecord } from '../../../../src/domain/case/record'
import type { ActionOutput, ActionParsedInput } from '../../../../src/domain/contract'
import { AppError } from '../../../../src/domain/shared/errors'
import { decideSubmit, refuseSubmit } from '../../../../src/domain/case/decide'
import type { Refusal } from '../../../../src/domain/case/acts/kit'
import { businessDayKey, formatCaseNo } from '../../../../src/domain/shared/time'
import { decideContext, outboxEntries } from '../act'
import { sealEvent } from '../trail'
import type { HandlerContext } from '../../runtime/context'
import { nextCounterValue } from '../../db/counters'
import { ownPhotos } from '../../photos/ownership'
import { takeSubmitPlace } from '../rate-limit'
import { evidenceToCheck, toCaseView, toEventView } from '../views'
import type { EvidenceCheck } from '../../../../src/domain/content/screening'
import { caseAccess } from '../../../../src/domain/case/visibility'
import { openScreening } from '../../../../src/domain/content/screening'
import { reportTexts } from '../../../../src/domain/content/texts'
import { checkTexts } from '../../content/text-check'
import { photoIdsOf } from '../../content/media-check'
import { underAlert } from '../../../../src/domain/alerts/book'
import { alertInForce } from '../../alerts/in-force'

/** A case id derived from who submitted and their request id: the same retry always maps to it. */
export function caseIdFor(openid: string, requestId: string): string {
  return 'case-' + createHash('sha256').update(`${openid}\n${requestId}`).digest('hex').slice(0, 24)
}

/** The counter that numbers a Beijing day's cases. */
export function caseNumberCounter(dayKey: string): string {
  return `case-no-${dayKey}`
}

export async function viewOf(ctx: HandlerContext, record: CaseRecord) {
  const { tree } = await ctx.stores.grids.index()
  return toCaseView(record, ctx.actor, tree, ctx.runtime.settings.categories)
}

/**
 * Files a report as a new case. A retry of the same request (same caller, same request id) maps to the same
 * case id, so it finds the first attempt's case instead of creating a second; it may spend a case number,
 * which leaves a gap in the day's serials rather than costing every submission a read first.
 */
export async function submitCase(
  ctx: HandlerContext,
  sent: ActionParsedInput<'case.submit'>,
): Promise<ActionOutput<'case.submit'>> {
  let input = sent
  const caseId = caseIdFor(ctx.actor.openid, input.requestId)
  const replay = async () => {
    const earlier = await ctx.stores.cases.get(caseId)
    return earlier ? { case: await viewOf(ctx, earlier), replayed: true } : undefined
  }

  const { tree, locator } = await ctx.stores.grids.index()
  const grid = locator.locate(input.location)
  const actor = { ...ctx.actor, nickname: ctx.user.nickname }
  // Refused before a place in the quota or a case number is spent on it.
  const refused = refuseSubmit(input, actor, grid, ctx.runtime.settings.categories)
  if (refused) throw refusalError(refused)
  // Only the caller's own registered uploads, and the case names their copies without metadata.
  input = { ...input, photos: await ownPhotos(ctx, input.photos) }
  // WeChat checks the words before anything is spent on them: a risky text refuses the report here.
  const textVerdict = await checkTexts(ctx.runtime, ctx.actor.openid, reportTexts(input))
  // Photos WeChat answered for before the report was sent carry their verdict on the caller's document.
  const screening = openScreening(textVerdict, photoIdsOf(input.photos), ctx.user.photoChecks)
  const ticket = await takeSubmitPlace(ctx).catch(async (error: unknown) => {
    // A retry of a request stored before the quota filled up still gets its case.
    const earlier = error instanceof AppError && error.code === 'rate-limited' ? await replay() : undefined
    if (earlier) return earlier
    throw error
  })
  if ('case' in ticket) return ticket

  try {
    const dayKey = businessDayKey(ctx.now)
    const serial = await nextCounterValue(ctx.runtime.db, caseNumberCounter(dayKey))
    // A heavy-pollution alert in the grid's district makes listed categories urgent and due sooner.
    const alert = await alertInForce(ctx.runtime, tree, grid!._id, ctx.now)
    const decided = decideSubmit(
      input,
      actor,
      { caseId, caseNo: formatCaseNo(dayKey, serial), grid, screening },
      underAlert(
        decideContext(ctx.runtime.settings, tree, ctx.now),
        alert,
        input.categoryId,
        ctx.runtime.settings.alertLevels,
      ),
    )
    if (!decided.ok) throw refusalError(decided)
    const event = sealEvent(decided.event, decided.record, ctx.runtime.trailKey)
    const record: CaseRecord = { ...decided.record, lastHash: event.hash }
    const notifications = outboxEntries(record, event, decided.notify)
    if ((await ctx.stores.cases.insertNew(record, event, notifications)).inserted)
      return { case: await viewOf(ctx, record), replayed: false }
  } catch (error) {
    await ticket.release()
    throw error
  }
  // The case id was taken: this is a retry of a request already stored. Answer with that case, counted once.
  await ticket.release()
  const earlier = await replay()
  if (!earlier) throw new AppError('conflict')
  return earlier
}

function refusalError({ code, message, fields, details }: Refusal): AppError {
  return new AppError(code, message, { ...(fields ? { fields } : {}), ...(details ? { details } : {}) })
}

export async function loadCase(ctx: HandlerContext, caseId: string): Promise<CaseRecord> {
  const record = await ctx.stores.cases.get(caseId)
  if (!record) throw new AppError('not-found', '没有找到这个问题')
  return record
}

export async function getCase(
  ctx: HandlerContext,
  input: ActionParsedInput<'case.get'>,
): Promise<ActionOutput<'case.get'>> {
  const found = await ctx.stores.cases.getWithTrail(input.caseId)
  if (!found) throw new AppError('not-found', '没有找到这个问题')
  const { record, trail } = found
  const { tree } = await ctx.stores.grids.index()
  const access = caseAccess(record, ctx.actor, tree)
  // Until its content passed, a case is not there for people unrelated to it.
  if (!access.listed) throw new AppError('not-found', '没有找到这个问题')
  // The checks of the acts' evidence photos, applied as the trail is read (the trail itself is never
  // changed): one read of their photo records, made only when the trail shows such photos.
  const checkIds = evidenceToCheck(trail, record, access)
  const checks = new Map<string, EvidenceCheck>()
  for (const photo of checkIds.length ? await ctx.stores.photos.byIds(checkIds) : [])
    checks.set(photo._id, {
      owner: photo.owner,
      ...(photo.check ? { verdict: photo.check.verdict } : {}),
      ...(photo.check?.label !== undefined ? { label: photo.check.label } : {}),
    })
  return {
    case: toCaseView(record, ctx.actor, tree, ctx.runtime.settings.categories, access),
    events: trail.map((event) => toEventView(event, record, ctx.actor, access, checks)),
  }
}

export async function myCases(
  ctx: HandlerContext,
  input: ActionParsedInput<'case.mine'>,
): Promise<ActionOutput<'case.mine'>> {
  const { items, total, hasMore } = await ctx.stores.cases.listByReporter(
    ctx.actor.openid,
    input.page,
    input.pageSize,
  )
  const { tree } = await ctx.stores.grids.index()
  return {
    items: items.map((record) => toCaseView(record, ctx.actor, tree, ctx.runtime.settings.categories)),
    total,
    hasMore,
    page: input.page,
    pageSize: input.pageSize,
  }
}
