import { createHash } from 'node:crypto'
import type { CaseRecord } from '../../../../src/domain/case/record'
import type { ActionOutput, ActionParsedInput } from '../../../../src/domain/contract'
import { AppError } from '../../../../src/domain/shared/errors'
import { decideSubmit, refuseSubmit } from '../../../../src/domain/case/decide'
import type { Refusal } from '../../../../src/domain/case/acts/kit'
import { businessDayKey, formatCaseNo } from '../../../../src/domain/shared/time'
import { decideContext, outboxEntries, sealEvent } from '../act'
import type { HandlerContext } from '../../runtime/context'
import { nextCounterValue } from '../../db/counters'
import { checkSubmitRate } from '../rate-limit'
import { toCaseView, toEventView } from '../views'

/** A case id derived from who submitted and their request id: the same retry always maps to it. */
export function caseIdFor(openid: string, requestId: string): string {
  return 'case-' + createHash('sha256').update(`${openid}\n${requestId}`).digest('hex').slice(0, 24)
}

export async function viewOf(ctx: HandlerContext, record: CaseRecord) {
  const { tree } = await ctx.stores.grids.index()
  const nicknames = await ctx.stores.users.nicknames([record.reporterId])
  return toCaseView(record, ctx.actor, tree, nicknames, ctx.runtime.settings.categories)
}

export async function submitCase(
  ctx: HandlerContext,
  input: ActionParsedInput<'case.submit'>,
): Promise<ActionOutput<'case.submit'>> {
  const caseId = caseIdFor(ctx.actor.openid, input.requestId)
  const earlier = await ctx.stores.cases.get(caseId)
  if (earlier) return { case: await viewOf(ctx, earlier), replayed: true }

  const { tree, locator } = await ctx.stores.grids.index()
  const grid = locator.locate(input.location)
  // Refused before a rate-limit ticket or a case number is spent on it.
  const refused = refuseSubmit(input, ctx.actor, grid, ctx.runtime.settings.categories)
  if (refused) throw refusalError(refused)
  const ticket = await checkSubmitRate(ctx)

  const dayKey = businessDayKey(ctx.now)
  const serial = await nextCounterValue(ctx.runtime.db, `case-no-${dayKey}`)
  const decided = decideSubmit(
    input,
    ctx.actor,
    { caseId, caseNo: formatCaseNo(dayKey, serial), grid },
    decideContext(ctx.runtime.settings, tree, ctx.now),
  )
  if (!decided.ok) {
    await ticket.release()
    throw refusalError(decided)
  }
  const event = sealEvent(decided.event)
  const record: CaseRecord = { ...decided.record, lastHash: event.hash }
  const notifications = outboxEntries(record, event, decided.notify)
  const { inserted } = await ctx.stores.cases
    .insertWithEvent(record, event, notifications)
    .catch(async (error: unknown) => {
      await ticket.release()
      throw error
    })
  if (!inserted) {
    // A concurrent retry of the same request won the insert: answer with its case, and count it once.
    await ticket.release()
    const winner = await ctx.stores.cases.get(caseId)
    if (!winner) throw new AppError('conflict')
    return { case: await viewOf(ctx, winner), replayed: true }
  }
  return { case: await viewOf(ctx, record), replayed: false }
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
  const record = await loadCase(ctx, input.caseId)
  const trail = await ctx.stores.cases.trail(record._id)
  const { tree } = await ctx.stores.grids.index()
  const nicknames = await ctx.stores.users.nicknames([
    record.reporterId,
    ...trail.map((event) => event.actorId),
  ])
  return {
    case: toCaseView(record, ctx.actor, tree, nicknames, ctx.runtime.settings.categories),
    events: trail.map((event) => toEventView(event, record, ctx.actor, nicknames)),
  }
}

export async function myCases(
  ctx: HandlerContext,
  input: ActionParsedInput<'case.mine'>,
): Promise<ActionOutput<'case.mine'>> {
  const { items, total } = await ctx.stores.cases.listByReporter(ctx.actor.openid, input.page, input.pageSize)
  const { tree } = await ctx.stores.grids.index()
  const nicknames = new Map([[ctx.actor.openid, ctx.user.nickname]])
  return {
    items: items.map((record) =>
      toCaseView(record, ctx.actor, tree, nicknames, ctx.runtime.settings.categories),
    ),
    total,
    page: input.page,
    pageSize: input.pageSize,
  }
}
