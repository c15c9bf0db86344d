import type { ActionOutput, ActionParsedInput } from '../../../src/domain/contract'
import { refuseSubmit } from '../../../src/domain/case/decide'
import { AppError } from '../../../src/domain/shared/errors'
import type { HandlerContext } from '../runtime/context'
import { caseIdFor, viewOf } from '../cases/handlers/reports'
import { fileCase } from '../cases/intake'
import { checkTexts } from '../content/text-check'
import { reportTexts } from '../../../src/domain/content/texts'
import { openScreening } from '../../../src/domain/content/screening'

/**
 * `hotline.record`: the district office's operator enters a caller's complaint (the 12369 line, now the national
 * 生态环境信访投诉举报 platform) as a case with source "hotline", routed by its place like any report. The caller
 * has no account: no one is its reporter, and their contact is kept for the handling staff only. A retry of
 * the same request finds the first case; the answer's case number is what the operator reads back.
 */
export async function recordHotlineCall(
  ctx: HandlerContext,
  input: ActionParsedInput<'hotline.record'>,
): Promise<ActionOutput<'hotline.record'>> {
  if (ctx.actor.role !== 'district_office')
    throw new AppError('forbidden', '只有区级办公室的接线员可以登记来电投诉')
  const { locator } = await ctx.stores.grids.index()
  const grid = locator.locate(input.location)
  const actor = { ...ctx.actor, nickname: ctx.user.nickname }
  const refused = refuseSubmit(input, actor, grid, ctx.runtime.settings.categories)
  if (refused)
    throw new AppError(refused.code, refused.message, refused.fields ? { fields: refused.fields } : {})
  // The caller's words are shown like a report's: WeChat checks them first (as the operator, who typed them),
  // and a case whose words could not be checked is held for review instead of published.
  const textVerdict = await checkTexts(ctx.runtime, ctx.actor.openid, reportTexts(input))
  const caseId = caseIdFor(`hotline:${ctx.actor.openid}`, input.requestId)
  const { record, inserted } = await fileCase(ctx.runtime, ctx.stores, {
    intake: {
      channel: 'hotline',
      categoryId: input.categoryId,
      checkId: input.checkId,
      description: input.description,
      photos: [],
      location: input.location,
      accuracyMeters: null,
      address: input.address,
      // The caller's name stays with their contact, out of every view but the handling staff's.
      anonymous: true,
      major: input.major,
      reporter: { id: `hotline:${caseId}`, nickname: '来电群众', isPerson: false },
      requestKey: `hotline:${ctx.actor.openid}:${input.requestId}`,
      callerContact: { name: input.callerName, phone: input.callerPhone },
    },
    actor,
    caseId,
    grid: grid!,
    now: ctx.now,
    screening: openScreening(textVerdict, []),
  })
  if (inserted) return { case: await viewOf(ctx, record), replayed: false }
  const earlier = await ctx.stores.cases.get(caseId)
  if (!earlier) throw new AppError('conflict')
  return { case: await viewOf(ctx, earlier), replayed: true }
}
